package server

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pyrosh/pyrosh/pyro/codec/json"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/wire"
)

func kitchenDaemon(t *testing.T, opts Options) (*Daemon, *kitchen) {
	t.Helper()
	d := startDaemon(t, opts, nil)
	k, o := newKitchen(d)
	d.Register("kitchen", o)
	return d, k
}

func TestHandshakeSendsMetadataListsAndCorr(t *testing.T) {
	d, _ := kitchenDaemon(t, Options{})
	c := dialRaw(t, d, json.Codec{}, wire.Options{})
	m, v := c.connect("kitchen")
	if m.Type != wire.ConnectOK || m.Flags != wire.FlagMetaOnConnect {
		t.Fatalf("got %s flags %s: %s", m.Type, m.Flags, py.Repr(v))
	}
	if corr, ok := m.Annotation("CORR"); !ok || len(corr) != 16 {
		t.Errorf("CORR = %x, want 16 bytes", corr)
	}
	want := "{'handshake': 'hello', 'meta': {'methods': ['count', 'divide', 'echo', 'fire', 'fired', 'hello', 'kw', 'make_child', 'plain_error'], 'oneway': ['fire'], 'attrs': ['level', 'name']}}"
	if got := py.Repr(v); got != want {
		t.Errorf("CONNECTOK payload\n got %s\nwant %s", got, want)
	}
}

func TestHandshakeFailures(t *testing.T) {
	d, _ := kitchenDaemon(t, Options{})
	t.Run("unknown object", func(t *testing.T) {
		c := dialRaw(t, d, json.Codec{}, wire.Options{})
		c.seq = 7
		m, v := c.connect("nope")
		if m.Type != wire.ConnectFail || m.Seq != 7 || py.Repr(v) != "'unknown object'" {
			t.Errorf("got %s seq %d %s", m.Type, m.Seq, py.Repr(v))
		}
	})
	t.Run("invoke before connect", func(t *testing.T) {
		c := dialRaw(t, d, json.Codec{}, wire.Options{})
		data, _ := c.cd.EncodeCall(nil, callOf("kitchen", "hello"))
		c.send(&wire.Message{Type: wire.Invoke, Seq: 1, SerializerID: 2, Data: data})
		m := c.recv()
		if m.Seq != 0 || m.Type != wire.ConnectFail || m.SerializerID != 3 || py.Repr(c.decode(m)) != "'invalid msg type 4 received'" {
			t.Errorf("got %s ser %d %q", m.Type, m.SerializerID, m.Data)
		}
	})
	t.Run("serializer not accepted", func(t *testing.T) {
		c := dialRaw(t, d, json.Codec{}, wire.Options{})
		c.send(&wire.Message{Type: wire.Connect, Flags: wire.FlagMetaOnConnect, SerializerID: 9, Data: []byte("x")})
		m := c.recv()
		if m.Type != wire.ConnectFail || m.SerializerID != 3 || py.Repr(c.decode(m)) != "'message used serializer that is not accepted: 9'" {
			t.Errorf("got %s ser %d %q", m.Type, m.SerializerID, m.Data)
		}
	})
}

func TestHMAC(t *testing.T) {
	key := []byte("s3cret")
	d, _ := kitchenDaemon(t, Options{HMACKey: key})
	t.Run("same key", func(t *testing.T) {
		c := dialRaw(t, d, json.Codec{}, wire.Options{HMACKey: key})
		if m, v := c.connect("kitchen"); m.Type != wire.ConnectOK {
			t.Fatalf("got %s %s", m.Type, py.Repr(v))
		}
		if got := py.Repr(c.call("kitchen", "hello")); got != "'hello'" {
			t.Errorf("hello() = %s", got)
		}
	})
	t.Run("no key", func(t *testing.T) {
		c := dialRaw(t, d, json.Codec{}, wire.Options{})
		c.send(&wire.Message{Type: wire.Connect, SerializerID: 2, Data: []byte(`{"handshake": "hello"}`)})
		// The reply is signed; read it with the key to check it.
		c.wo.HMACKey = key
		m := c.recv()
		if m.Type != wire.ConnectFail || py.Repr(c.decode(m)) != "'hmac key config not symmetric'" {
			t.Errorf("got %s %q", m.Type, m.Data)
		}
	})
	t.Run("wrong key", func(t *testing.T) {
		c := dialRaw(t, d, json.Codec{}, wire.Options{HMACKey: []byte("other")})
		c.send(&wire.Message{Type: wire.Connect, SerializerID: 2, Data: []byte(`{"handshake": "hello"}`)})
		c.wo.HMACKey = key
		m := c.recv()
		if m.Type != wire.ConnectFail || py.Repr(c.decode(m)) != "'message hmac mismatch'" {
			t.Errorf("got %s %q", m.Type, m.Data)
		}
	})
}

func connected(t *testing.T, d *Daemon) *rawClient {
	t.Helper()
	c := dialRaw(t, d, json.Codec{}, wire.Options{})
	if m, v := c.connect("kitchen"); m.Type != wire.ConnectOK {
		t.Fatalf("connect: %s %s", m.Type, py.Repr(v))
	}
	return c
}

func TestInvoke(t *testing.T) {
	d, _ := kitchenDaemon(t, Options{})
	c := connected(t, d)
	if got := py.Repr(c.call("kitchen", "echo", py.Int(1), py.Str("a"), py.List{py.None})); got != "[1, 'a', [None]]" {
		t.Errorf("echo = %s", got)
	}
	kw := py.DictOf(py.Str("b"), py.Int(2))
	m := c.invoke("kitchen", "kw", 0, []py.Value{py.Int(1)}, kw)
	if got := py.Repr(c.decode(m)); got != "[1, 2]" {
		t.Errorf("kw(1, b=2) = %s", got)
	}
	if _, ok := m.Annotation("CORR"); !ok {
		t.Error("normal reply has no CORR")
	}
	// A CORR from the client comes back.
	data, _ := c.cd.EncodeCall(nil, callOf("kitchen", "hello"))
	c.seq++
	c.send(&wire.Message{Type: wire.Invoke, Seq: c.seq, SerializerID: 2, Annotations: []wire.Annotation{{Key: "CORR", Value: []byte("0123456789abcdef")}}, Data: data})
	if got, _ := c.recv().Annotation("CORR"); string(got) != "0123456789abcdef" {
		t.Errorf("CORR echo = %q", got)
	}
	// PING answers pong with the same seq and serializer id.
	c.send(&wire.Message{Type: wire.Ping, Seq: 77, SerializerID: 42, Data: []byte("ping")})
	if p := c.recv(); p.Type != wire.Ping || p.Seq != 77 || p.SerializerID != 42 || string(p.Data) != "pong" {
		t.Errorf("ping reply %s seq %d ser %d %q", p.Type, p.Seq, p.SerializerID, p.Data)
	}
}

func TestExceptions(t *testing.T) {
	d, _ := kitchenDaemon(t, Options{})
	c := connected(t, d)
	tests := []struct {
		object, method, class, args string
	}{
		{"kitchen", "divide", "builtins.ZeroDivisionError", "['division by zero']"},
		{"kitchen", "plain_error", "builtins.Exception", "['disk on fire']"},
		{"kitchen", "nosuch", "builtins.AttributeError", `["'Kitchen' object has no attribute 'nosuch'"]`},
		{"kitchen", "_private", "builtins.AttributeError", `["attempt to access private attribute '_private'"]`},
		{"nope", "hello", "Pyro4.errors.DaemonError", "['unknown object']"},
		{"kitchen", "kw", "builtins.TypeError", `["kw() missing 1 required positional argument: 'a'"]`},
	}
	for _, tt := range tests {
		cls, args, dict := c.raises(tt.object, tt.method)
		if cls != tt.class || py.Repr(args) != tt.args {
			t.Errorf("%s.%s raised %s%s, want %s%s", tt.object, tt.method, cls, py.Repr(args), tt.class, tt.args)
		}
		attrs, _ := dict.GetStr("attributes")
		tb, _ := attrs.(*py.Dict).GetStr("_pyroTraceback")
		lines, _ := tb.(py.List)
		if len(lines) < 3 || lines[0] != py.Str("Traceback (most recent call last):\n") ||
			!strings.HasPrefix(string(lines[1].(py.Str)), "  File \"") {
			t.Errorf("%s traceback %s", tt.method, py.Repr(tb))
		}
	}
	_, _, dict := c.raises("kitchen", "divide")
	attrs, _ := dict.GetStr("attributes")
	tb, _ := attrs.(*py.Dict).GetStr("_pyroTraceback")
	lines := tb.(py.List)
	if got := py.StrOf(lines[len(lines)-1]); got != "ZeroDivisionError: division by zero\n" {
		t.Errorf("last traceback line %q", got)
	}
	if got := py.StrOf(lines[1]); !strings.HasPrefix(got, `  File "kitchen_test.go", line `) || !strings.HasSuffix(got, ", in newKitchen\n") {
		t.Errorf("frame line %q", got)
	}
}

func TestAttributes(t *testing.T) {
	d, _ := kitchenDaemon(t, Options{})
	c := connected(t, d)
	if got := py.Repr(c.call("kitchen", "__getattr__", py.Str("level"))); got != "9" {
		t.Errorf("level = %s", got)
	}
	if got := py.Repr(c.call("kitchen", "__setattr__", py.Str("level"), py.Int(43))); got != "None" {
		t.Errorf("set level = %s", got)
	}
	if got := py.Repr(c.call("kitchen", "__getattr__", py.Str("level"))); got != "43" {
		t.Errorf("level after set = %s", got)
	}
	for _, tt := range []struct {
		method string
		args   []py.Value
		want   string
	}{
		{"__getattr__", []py.Value{py.Str("nosuch")}, `["type object 'Kitchen' has no attribute 'nosuch'"]`},
		{"__setattr__", []py.Value{py.Str("name"), py.Str("x")}, `["attempt to access unexposed or unknown remote attribute 'name'"]`},
	} {
		cls, args, _ := c.raises("kitchen", tt.method, tt.args...)
		if cls != "builtins.AttributeError" || py.Repr(args) != tt.want {
			t.Errorf("%s%s raised %s%s", tt.method, py.Repr(py.Tuple(tt.args)), cls, py.Repr(args))
		}
	}
}

func TestOnewaySendsNothing(t *testing.T) {
	d, k := kitchenDaemon(t, Options{})
	c := connected(t, d)
	c.invoke("kitchen", "fire", wire.FlagOneway, []py.Value{py.Int(5)}, nil)
	c.invoke("kitchen", "nosuch", wire.FlagOneway, nil, nil) // an error: still no reply
	select {
	case <-k.done:
	case <-time.After(testDeadline):
		t.Fatal("oneway call did not run")
	}
	// The next reply is for the next call: nothing was sent in between.
	if got := py.Repr(c.call("kitchen", "fired")); got != "[5]" {
		t.Errorf("fired = %s", got)
	}
}

func TestStream(t *testing.T) {
	d, k := kitchenDaemon(t, Options{})
	c := connected(t, d)
	m := c.invoke("kitchen", "count", 0, []py.Value{py.Int(2)}, nil)
	if m.Flags != wire.FlagItemStreamResult|wire.FlagException {
		t.Fatalf("flags %s", m.Flags)
	}
	id, ok := m.Annotation("STRM")
	if !ok || len(id) != 36 {
		t.Fatalf("STRM = %q", id)
	}
	if _, ok := m.Annotation("CORR"); ok {
		t.Error("stream reply carries CORR")
	}
	if got := py.Repr(c.decode(m)); got != "{'__class__': 'Pyro4.errors.ProtocolError', '__exception__': True, 'args': ['result of call is an iterator'], 'attributes': {'_pyroTraceback': None}}" {
		t.Errorf("marker %s", got)
	}
	var items []string
	for range 2 {
		items = append(items, py.Repr(c.call(DaemonObjectID, "get_next_stream_item", py.Str(id))))
	}
	if diff := cmp.Diff([]string{"0", "1"}, items); diff != "" {
		t.Error(diff)
	}
	if cls, args, _ := c.raises(DaemonObjectID, "get_next_stream_item", py.Str(id)); cls != "builtins.StopIteration" || py.Repr(args) != "[]" {
		t.Errorf("end of stream raised %s%s", cls, py.Repr(args))
	}
	if cls, args, _ := c.raises(DaemonObjectID, "get_next_stream_item", py.Str(id)); cls != "Pyro4.errors.PyroError" || py.Repr(args) != "['item stream terminated']" {
		t.Errorf("after the end raised %s%s", cls, py.Repr(args))
	}
	// close_stream drops a stream; a connection going away drops the rest.
	m = c.invoke("kitchen", "count", 0, []py.Value{py.Int(5)}, nil)
	id, _ = m.Annotation("STRM")
	c.invoke(DaemonObjectID, "close_stream", wire.FlagOneway, []py.Value{py.Str(id)}, nil)
	c.invoke("kitchen", "count", 0, []py.Value{py.Int(5)}, nil)
	// A oneway call runs on its own goroutine (Pyro4 ONEWAY_THREADED), so
	// close_stream ends some time after it is sent: wait for it.
	if n := k.waitClosedIters(2); n != 2 {
		t.Errorf("%d iterators closed, want 2", n)
	}
	c.nc.Close()
	if n := k.waitClosedIters(3); n != 3 {
		t.Errorf("%d iterators closed after disconnect, want 3", n)
	}
}

func TestBatch(t *testing.T) {
	d, _ := kitchenDaemon(t, Options{})
	c := connected(t, d)
	call := func(m string, args ...py.Value) py.Value { return py.Tuple{py.Str(m), py.Tuple(args), py.None} }
	m := c.invoke("kitchen", "<batch>", wire.FlagBatch, []py.Value{call("hello"), call("echo", py.Int(1)), call("divide"), call("hello")}, nil)
	if m.Flags != wire.FlagBatch {
		t.Errorf("flags %s", m.Flags)
	}
	l := c.decode(m).(py.List)
	if len(l) != 3 || py.Repr(l[:2]) != "['hello', [1]]" {
		t.Fatalf("batch = %s", py.Repr(l))
	}
	w := l[2].(*py.Dict)
	cls, _ := w.GetStr("__class__")
	exc, _ := w.GetStr("exception")
	ecls, _ := exc.(*py.Dict).GetStr("__class__")
	if cls != py.Str("Pyro4.futures._ExceptionWrapper") || ecls != py.Str("builtins.ZeroDivisionError") {
		t.Errorf("wrapper %s", py.Repr(w))
	}
}

func TestDaemonObject(t *testing.T) {
	d, _ := kitchenDaemon(t, Options{})
	c := dialRaw(t, d, json.Codec{}, wire.Options{})
	if m, v := c.connect(DaemonObjectID); m.Type != wire.ConnectOK {
		t.Fatalf("connect to Pyro.Daemon: %s", py.Repr(v))
	}
	if got := py.Repr(c.call(DaemonObjectID, "registered")); got != "['Pyro.Daemon', 'kitchen']" {
		t.Errorf("registered = %s", got)
	}
	if got := py.Repr(c.call(DaemonObjectID, "ping")); got != "None" {
		t.Errorf("ping = %s", got)
	}
	if got := py.StrOf(c.call(DaemonObjectID, "info")); !strings.HasPrefix(got, "Pyro.Daemon bound on "+d.Location()) {
		t.Errorf("info = %s", got)
	}
	// json carries sets as arrays; as_lists gives the same lists.
	want := "{'methods': ['count', 'divide', 'echo', 'fire', 'fired', 'hello', 'kw', 'make_child', 'plain_error'], 'oneway': ['fire'], 'attrs': ['level', 'name']}"
	if got := py.Repr(c.call(DaemonObjectID, "get_metadata", py.Str("kitchen"))); got != want {
		t.Errorf("get_metadata = %s", got)
	}
	if cls, _, _ := c.raises(DaemonObjectID, "get_metadata", py.Str("nope")); cls != "Pyro4.errors.DaemonError" {
		t.Errorf("get_metadata(nope) raised %s", cls)
	}
}

func TestReturnedObjectIsAProxy(t *testing.T) {
	d, _ := kitchenDaemon(t, Options{})
	c := connected(t, d)
	got := py.Repr(c.call("kitchen", "make_child", py.Str("a")))
	want := "{'__class__': 'Pyro4.core.Proxy', 'state': ['PYRO:child.a@" + d.Location() + "', [], ['hello'], [], 0.0, None, 'hello', 0, None]}"
	if got != want {
		t.Errorf("make_child\n got %s\nwant %s", got, want)
	}
	if got := py.Repr(c.call("child.a", "hello")); got != "'child a'" {
		t.Errorf("child hello = %s", got)
	}
}

func TestCloseEndsConnectionsAndServe(t *testing.T) {
	d, _ := kitchenDaemon(t, Options{})
	c := connected(t, d)
	done := make(chan struct{})
	go func() { d.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(testDeadline):
		t.Fatal("Close did not return")
	}
	if _, err := wire.Read(c.r, nil); err == nil {
		t.Error("connection still open after Close")
	}
}
