package pyro

import (
	"context"
	"errors"
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
	for _, how := range []string{"deadline", "cancel"} {
		u := silentPeer(t)
		c, err := dialConn(context.Background(), u, &Options{}, Pyro4)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := c.t.(*fdTransport); !ok {
			t.Fatalf("plain TCP uses %T, want the blocking *fdTransport", c.t)
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
