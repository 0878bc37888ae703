package server

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/codec/json"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pyrotest"
	"github.com/pyrosh/pyrosh/pyro/wire"
)

func echoObjects() map[string]*Object {
	return map[string]*Object{"Example": NewObject("demo.Example").
		Method("echo", func(_ context.Context, args []py.Value, _ *py.Dict) (py.Value, error) { return py.Tuple(args), nil })}
}

// closedByDaemon reports whether the daemon closed nc (reading gives EOF or
// a reset) before the test deadline.
func closedByDaemon(t *testing.T, nc net.Conn) bool {
	t.Helper()
	nc.SetReadDeadline(time.Now().Add(testDeadline))
	_, err := io.Copy(io.Discard, nc)
	var ne net.Error
	return !(errors.As(err, &ne) && ne.Timeout())
}

func TestHandshakeSizeLimit(t *testing.T) {
	d := startDaemon(t, Options{HandshakeSize: 1000}, echoObjects())
	t.Run("a CONNECT over the limit is refused at its header", func(t *testing.T) {
		c := dialRaw(t, d, json.Codec{}, wire.Options{})
		big := bytes.Repeat([]byte{' '}, 2000)
		c.nc.Write(pyrotest.Header(wire.Connect, 0, 0, 1<<20, 2, 0, big))
		if !closedByDaemon(t, c.nc) {
			t.Fatal("the connection stayed open")
		}
	})
	t.Run("a compressed CONNECT inflating past the limit is refused", func(t *testing.T) {
		c := dialRaw(t, d, json.Codec{}, wire.Options{})
		c.nc.Write(pyrotest.Pyro4Frame(wire.Connect, wire.FlagCompressed, 0, pyrotest.ZlibBomb(1<<20)))
		if !closedByDaemon(t, c.nc) {
			t.Fatal("the connection stayed open")
		}
	})
	t.Run("after the handshake the message limit applies", func(t *testing.T) {
		c := dialRaw(t, d, json.Codec{}, wire.Options{})
		if m, _ := c.connect("Example"); m.Type != wire.ConnectOK {
			t.Fatalf("handshake: %s", m.Type)
		}
		arg := py.Str(strings.Repeat("x", 100_000))
		if v := c.call("Example", "echo", arg); py.Repr(v) != py.Repr(py.List{arg}) {
			t.Fatalf("echo of 100 KB came back different")
		}
	})
}

func TestHandshakeTimeout(t *testing.T) {
	d := startDaemon(t, Options{HandshakeTimeout: 200 * time.Millisecond}, echoObjects())
	t.Run("a silent connection is closed", func(t *testing.T) {
		c := dialRaw(t, d, json.Codec{}, wire.Options{})
		if !closedByDaemon(t, c.nc) {
			t.Fatal("the connection stayed open")
		}
	})
	t.Run("a handshaken connection may stay idle", func(t *testing.T) {
		c := dialRaw(t, d, json.Codec{}, wire.Options{})
		if m, _ := c.connect("Example"); m.Type != wire.ConnectOK {
			t.Fatalf("handshake: %s", m.Type)
		}
		time.Sleep(400 * time.Millisecond)
		if v := c.call("Example", "echo", py.Int(1)); py.Repr(v) != "[1]" {
			t.Fatalf("echo = %s", py.Repr(v))
		}
	})
}

func TestMaxConnectionsEvictsHandshakes(t *testing.T) {
	d := startDaemon(t, Options{MaxConnections: 4}, echoObjects())
	// Four handshaken clients hold every slot; a fifth connection is
	// refused, and a connection still in its handshake makes room for a
	// newer one.
	var clients []*rawClient
	for range 4 {
		c := dialRaw(t, d, json.Codec{}, wire.Options{})
		if m, _ := c.connect("Example"); m.Type != wire.ConnectOK {
			t.Fatalf("handshake: %s", m.Type)
		}
		clients = append(clients, c)
	}
	extra := dialRaw(t, d, json.Codec{}, wire.Options{})
	if !closedByDaemon(t, extra.nc) {
		t.Fatal("a fifth connection was kept")
	}
	for _, c := range clients {
		if v := c.call("Example", "echo", py.Int(1)); py.Repr(v) != "[1]" {
			t.Fatalf("echo = %s", py.Repr(v))
		}
	}
	clients[0].nc.Close()
	waitConns(t, d, 3)
	silent := dialRaw(t, d, json.Codec{}, wire.Options{})
	waitConns(t, d, 4)
	fresh := dialRaw(t, d, json.Codec{}, wire.Options{})
	if m, _ := fresh.connect("Example"); m.Type != wire.ConnectOK {
		t.Fatalf("handshake after eviction: %s", m.Type)
	}
	if !closedByDaemon(t, silent.nc) {
		t.Fatal("the connection in its handshake was not evicted")
	}
}

func waitConns(t *testing.T, d *Daemon, n int) {
	t.Helper()
	for deadline := time.Now().Add(testDeadline); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		d.mu.Lock()
		got := len(d.conns)
		d.mu.Unlock()
		if got == n {
			return
		}
	}
	t.Fatalf("the daemon did not reach %d connections", n)
}

// flakyListener fails Accept with EMFILE a number of times before each
// real accept.
type flakyListener struct {
	net.Listener
	mu    sync.Mutex
	fails int
	seen  int
}

func (l *flakyListener) Accept() (net.Conn, error) {
	l.mu.Lock()
	if l.fails > 0 {
		l.fails--
		l.seen++
		l.mu.Unlock()
		return nil, &net.OpError{Op: "accept", Net: "tcp", Err: syscall.EMFILE}
	}
	l.mu.Unlock()
	return l.Listener.Accept()
}

func TestServeBacksOffOnAcceptErrors(t *testing.T) {
	inner, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := &flakyListener{Listener: inner, fails: 5}
	d := New(Options{Codecs: []codec.Codec{json.Codec{}}})
	d.Register("Example", echoObjects()["Example"])
	done := make(chan error, 1)
	go func() { done <- d.Serve(l) }()
	defer func() {
		d.Close()
		if err := <-done; !errors.Is(err, ErrClosed) {
			t.Errorf("Serve returned %v, want ErrClosed", err)
		}
	}()
	for d.Location() == "" {
		time.Sleep(time.Millisecond)
	}
	c := dialRaw(t, d, json.Codec{}, wire.Options{})
	if m, _ := c.connect("Example"); m.Type != wire.ConnectOK {
		t.Fatalf("handshake after accept errors: %s", m.Type)
	}
	select {
	case err := <-done:
		t.Fatalf("Serve returned %v after EMFILE", err)
	default:
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.seen != 5 {
		t.Fatalf("Accept failed %d times, want 5", l.seen)
	}
}

func TestDecodedBudgetRefusesWithAnException(t *testing.T) {
	// A daemon budget that holds a 12 KB message but not its decoded
	// values (6,000 ints, 96 KB as codec.Budget counts them): the daemon
	// answers MessageTooLargeError and stays in step.
	d := startDaemon(t, Options{Memory: 100 << 10}, echoObjects())
	c := dialRaw(t, d, json.Codec{}, wire.Options{})
	if m, _ := c.connect("Example"); m.Type != wire.ConnectOK {
		t.Fatalf("handshake: %s", m.Type)
	}
	arg := make(py.List, 6000)
	for i := range arg {
		arg[i] = py.Int(0)
	}
	cls, args, _ := c.raises("Example", "echo", arg)
	if cls != "Pyro4.errors.MessageTooLargeError" || !strings.Contains(py.Repr(args), "decodes to more than") {
		t.Fatalf("got %s%s", cls, py.Repr(args))
	}
	if v := c.call("Example", "echo", py.Int(1)); py.Repr(v) != "[1]" {
		t.Fatalf("echo after the refusal = %s", py.Repr(v))
	}
}

func TestOnewayFloodIsBounded(t *testing.T) {
	release := make(chan struct{})
	var mu sync.Mutex
	running, peak := 0, 0
	obj := NewObject("test.Slow").Oneway("wait", func(context.Context, []py.Value, *py.Dict) (py.Value, error) {
		mu.Lock()
		running++
		peak = max(peak, running)
		mu.Unlock()
		<-release
		mu.Lock()
		running--
		mu.Unlock()
		return py.None, nil
	}).Method("ping", func(context.Context, []py.Value, *py.Dict) (py.Value, error) { return py.None, nil })
	d := startDaemon(t, Options{}, map[string]*Object{"Slow": obj})
	c := dialRaw(t, d, json.Codec{}, wire.Options{})
	if m, _ := c.connect("Slow"); m.Type != wire.ConnectOK {
		t.Fatalf("handshake: %s", m.Type)
	}
	go func() {
		time.Sleep(200 * time.Millisecond)
		close(release)
	}()
	for range maxOneway + 10 {
		c.invoke("Slow", "wait", wire.FlagOneway, nil, nil)
	}
	c.call("Slow", "ping")
	mu.Lock()
	defer mu.Unlock()
	if peak > maxOneway+1 {
		t.Fatalf("%d oneway calls ran at once, want at most %d", peak, maxOneway+1)
	}
}

func TestRepliesMayExceedTheRequestLimit(t *testing.T) {
	// Requests are limited to a ninth of ConnMemory (100 KB here);
	// replies only by MaxMessageSize, as before the request limits.
	obj := NewObject("test.Big").Method("big", func(context.Context, []py.Value, *py.Dict) (py.Value, error) {
		return py.Str(strings.Repeat("x", 1<<20)), nil
	})
	d := startDaemon(t, Options{ConnMemory: 900 << 10}, map[string]*Object{"Big": obj})
	c := dialRaw(t, d, json.Codec{}, wire.Options{})
	if m, _ := c.connect("Big"); m.Type != wire.ConnectOK {
		t.Fatalf("handshake: %s", m.Type)
	}
	if v, ok := c.call("Big", "big").(py.Str); !ok || len(v) != 1<<20 {
		t.Fatalf("big() came back as %d bytes", len(v))
	}
}
