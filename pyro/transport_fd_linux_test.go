package pyro

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/pyrosh/pyrosh/pyro/wire"
)

// silentPeer accepts one connection and reads it without ever replying.
func silentPeer(t *testing.T) *URI {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		c, err := l.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		buf := make([]byte, 4096)
		for {
			if _, err := c.Read(buf); err != nil {
				return
			}
		}
	}()
	u, err := ParseURI("PYRO:thing@" + l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestBlockingTransportIsInterrupted: a plain TCP connection is a blocking
// socket outside the netpoller, and a cancel or a deadline still ends a
// read blocked in the kernel, leaving the connection marked for a new dial.
func TestBlockingTransportIsInterrupted(t *testing.T) {
	testReadIsInterrupted(t, &Options{}, "*pyro.fdTransport", "deadline", "cancel")
}

// TestNetpollTransportIsInterrupted: with Options.Netpoll (pyrosh bench
// -c 2 and more) a plain TCP connection stays on the netpoller, and a
// cancel ends a blocked read the same way (a deadline is the socket's own
// there, as with TLS).
func TestNetpollTransportIsInterrupted(t *testing.T) {
	testReadIsInterrupted(t, &Options{Netpoll: true}, "*pyro.netTransport", "cancel")
}

// testReadIsInterrupted dials a silent peer with o, checks the transport's
// type and that each of hows ("deadline", "cancel") ends a blocked read.
func testReadIsInterrupted(t *testing.T, o *Options, transport string, hows ...string) {
	for _, how := range hows {
		u := silentPeer(t)
		c, err := dialConn(context.Background(), u, o, Pyro4)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprintf("%T", c.t); got != transport {
			t.Fatalf("plain TCP uses %s, want %s", got, transport)
		}
		ctx, cancel := context.WithCancel(context.Background())
		if how == "deadline" {
			ctx, cancel = context.WithTimeout(context.Background(), 100*time.Millisecond)
		} else {
			time.AfterFunc(100*time.Millisecond, cancel)
		}
		stop := c.watch(ctx)
		if err := c.send(&message{typ: wire.Ping, serializer: "serpent", data: []byte("ping")}); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { _, err := c.recv(); done <- err }()
		select {
		case err = <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: a read blocked in the kernel was not interrupted", how)
		}
		c.unwatch(stop)
		if err == nil || !c.interrupted {
			t.Errorf("%s: recv = %v, interrupted %v; want an error and the connection marked", how, err, c.interrupted)
		}
		if ctx.Err() == nil || !errors.Is(ctxErr(ctx, err), ctx.Err()) {
			t.Errorf("%s: the error does not name the context's reason: %v", how, err)
		}
		cancel()
		c.close()
		c.close()       // twice is harmless
		c.t.interrupt() // after close: no effect on a reused descriptor
	}
}
