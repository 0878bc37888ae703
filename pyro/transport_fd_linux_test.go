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
		if err := c.watch(ctx); err != nil {
			t.Fatal(err)
		}
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
		c.unwatch()
		if err == nil || !c.interrupted.Load() {
			t.Errorf("%s: recv = %v, interrupted %v; want an error and the connection marked", how, err, c.interrupted.Load())
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

// pingPeer answers every message on one connection with a PING reply
// carrying the same sequence number and payload.
func pingPeer(t *testing.T) *URI {
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
		for {
			m, err := wire.Read(c, nil)
			if err != nil {
				return
			}
			reply := wire.Message{Type: wire.Ping, Seq: m.Seq, SerializerID: m.SerializerID, Data: m.Data}
			b, err := reply.AppendFrame(nil, nil)
			if err != nil {
				return
			}
			if _, err := c.Write(b); err != nil {
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

// TestWatchSurvivesContextsDoneBetweenCalls: the context watch keeps
// registered between calls interrupts only I/O in progress, so a context
// cancelled while the connection is idle (a finished statement's own)
// does not kill the connection; a call with a context already done fails
// at once without I/O; and a registration replaced by another context
// never interrupts the new one's I/O.
func TestWatchSurvivesContextsDoneBetweenCalls(t *testing.T) {
	c, err := dialConn(context.Background(), pingPeer(t), &Options{}, Pyro4)
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	seq := uint16(0)
	ping := func(ctx context.Context) error {
		if err := c.watch(ctx); err != nil {
			return err
		}
		defer c.unwatch()
		seq++
		if err := c.send(&message{typ: wire.Ping, seq: seq, serializer: "serpent", data: []byte("ping")}); err != nil {
			return err
		}
		m, err := c.recv()
		if err == nil && m.seq != seq {
			err = errors.New("reply out of step")
		}
		return err
	}
	first, cancelFirst := context.WithCancel(context.Background())
	for range 3 { // the same context: registered once
		if err := ping(first); err != nil {
			t.Fatal(err)
		}
	}
	oldGen := c.gen
	cancelFirst() // idle: the connection is left alone
	for deadline := time.Now().Add(10 * time.Second); !c.fired.Load(); {
		if time.Now().After(deadline) {
			t.Fatal("the cancelled context's watch never fired")
		}
		time.Sleep(time.Millisecond)
	}
	if c.interrupted.Load() {
		t.Fatal("a context cancelled between calls interrupted the idle connection")
	}
	if err := ping(first); !errors.Is(err, context.Canceled) {
		t.Fatalf("a call with a cancelled context = %v, want context.Canceled before any I/O", err)
	}
	second, cancelSecond := context.WithCancel(context.Background())
	defer cancelSecond()
	if err := ping(second); err != nil || c.interrupted.Load() {
		t.Fatalf("the next call on the same connection = %v (interrupted %v)", err, c.interrupted.Load())
	}
	// A late fire of the replaced registration, during I/O: ignored.
	if err := c.watch(second); err != nil {
		t.Fatal(err)
	}
	c.fire(oldGen)
	c.unwatch()
	if c.interrupted.Load() {
		t.Fatal("a replaced registration interrupted the connection")
	}
	if err := ping(second); err != nil {
		t.Fatal(err)
	}
	if c.gen != oldGen+1 {
		t.Errorf("%d registrations for two contexts", c.gen-oldGen+1)
	}
	// The same with a context that is never done next (no registration
	// of its own): the late fire of the one before is still ignored.
	secondGen := c.gen
	if err := c.watch(context.Background()); err != nil {
		t.Fatal(err)
	}
	c.fire(secondGen)
	c.unwatch()
	if c.interrupted.Load() {
		t.Fatal("a replaced registration interrupted a call with context.Background")
	}
}
