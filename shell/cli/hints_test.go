package cli

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

// TestWithHintDoesNotProbeTLSAfterTimeout: a daemon that accepts and never
// answers is not a TLS daemon (that one closes a plain connection at
// once), so a timed-out connect gets no TLS probe, which would keep the
// user waiting probeTimeout beyond their --timeout.
func TestWithHintDoesNotProbeTLSAfterTimeout(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	uri := "PYRO:x@" + ln.Addr().String()
	_, err = pyro.Dial(context.Background(), uri, pyro.WithOptions(pyro.Options{ConnectTimeout: 200 * time.Millisecond}))
	if !pyro.IsTimeout(err) {
		t.Fatalf("dial of a silent daemon: %v, want a timeout", err)
	}
	// Take the dial's connections out of the backlog.
	for pending(t, ln) {
	}
	a := &app{cfg: &Config{}}
	if got := a.withHint(context.Background(), err); got.Error() != err.Error() {
		t.Errorf("hint on a timeout: %v", got)
	}
	if pending(t, ln) {
		t.Fatal("withHint probed the silent daemon after a timeout")
	}
}

// pending reports whether a connection is waiting in ln's backlog; a
// probe's connect has completed before withHint returns, so it is there.
func pending(t *testing.T, ln net.Listener) bool {
	t.Helper()
	ln.(*net.TCPListener).SetDeadline(time.Now().Add(100 * time.Millisecond))
	c, err := ln.Accept()
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// TestNoFreeWorkersIsNotBlamedOnTheHandshake: a Pyro4 daemon whose thread
// pool is full denies the connection with its own reason and fix ("no free
// workers, increase server threadpool size"); it is not a validateHandshake
// refusal, so no --handshake hint is added.
func TestNoFreeWorkersIsNotBlamedOnTheHandshake(t *testing.T) {
	pyrotest.RequirePyro4(t)
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{ThreadPoolSize: 1})
	ctx := context.Background()
	busy, err := pyro.Dial(ctx, d.URI("Example"))
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	_, err = pyro.Dial(ctx, d.URI("Example"))
	if err == nil || !strings.Contains(err.Error(), "no free workers") {
		t.Fatalf("second connection to a one-thread daemon: %v, want no free workers", err)
	}
	if pyro.IsHandshakeRefused(err) {
		t.Errorf("IsHandshakeRefused(%v) = true", err)
	}
	a := &app{cfg: &Config{}}
	if got := a.withHint(ctx, err); strings.Contains(got.Error(), "handshake") {
		t.Errorf("hint on a full thread pool: %v", got)
	}
}
