package pyro_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pylit"
	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func dial(t *testing.T, uri string, opts ...pyro.Option) *pyro.Proxy {
	t.Helper()
	p, err := pyro.Dial(ctxT(t), uri, opts...)
	if err != nil {
		t.Fatalf("dial %s: %v", uri, err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

// echoValues are Python literals that every serializer can carry in some
// form; the oracle is what a Python proxy with the same serializer gets.
var echoValues = []string{
	`None`, `True`, `False`, `0`, `-7`, `2147483648`, `9223372036854775807`, `-9223372036854775808`,
	`18446744073709551615`, `1267650600228229401496703205376`, `-1267650600228229401496703205376`,
	`1.0`, `0.1`, `-0.0`, `1e22`, `1e-07`, `1.7976931348623157e+308`, `5e-324`,
	`float("inf")`, `float("-inf")`,
	`''`, `'hello'`, `"it's"`, `'a"b'`, `'line\nbreak\t\\'`, `'é€😀'`, `'\x00\x7f\x85'`,
	`()`, `(1,)`, `(1, 'a', None)`, `[]`, `[1, [2, [3]]]`, `{}`, `{'b': 1, 'a': (2,)}`,
	`{'nested': {'k': [1, {'x': None}]}}`,
	`{1: 'int key'}`, `{(1, 2): 'tuple key'}`, `{1.5: 'float key'}`,
	`{1, 2, 3}`, `set()`, `frozenset({'x'})`, `frozenset()`,
	`1+2j`, `-1.5j`, `b'\x00\x01\xffab'`, `b''`,
}

// pythonOnly lists values whose result differs by design: serpent sends
// bytes as a base64 dict, which Python leaves as a dict and pyrosh shows
// as the bytes they are.
func pythonDiffers(ser, src string) bool {
	return ser == "serpent" && strings.HasPrefix(src, "b'")
}

func TestEchoMatchesPythonProxy(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	uri := d.URI("Thing")
	for _, ser := range pyro.Serializers() {
		t.Run(ser, func(t *testing.T) {
			calls := make([]string, len(echoValues))
			for i, src := range echoValues {
				calls[i] = "echo(" + src + ")"
			}
			want := pyrotest.PyCallsWith(t, uri, pyrotest.CallOptions{Serializer: ser}, calls...)
			p := dial(t, uri, pyro.WithSerializer(ser))
			for i, src := range echoValues {
				arg, err := pylit.ParseLiteral(src)
				if err != nil {
					t.Fatalf("parse %s: %v", src, err)
				}
				got, err := p.Call(ctxT(t), "echo", []py.Value{arg}, nil)
				w := want[i]
				switch {
				case w.ExcClass != "":
					var re *pyro.RemoteError
					if err == nil {
						// pyrosh's encoder carries some values Python's
						// refuses (a frozenset in json goes as a list).
						t.Logf("echo(%s): we got %s where Python raised %s", src, py.Repr(got), w.ExcClass)
						continue
					}
					if !errors.As(err, &re) && !strings.Contains(err.Error(), ser) {
						t.Logf("echo(%s): Python raised %s; we: %v", src, w.ExcClass, err)
					}
				case err != nil:
					t.Errorf("echo(%s): %v; Python got %s", src, err, w.Repr)
				case pythonDiffers(ser, src):
					if !py.Equal(got, arg) {
						t.Errorf("echo(%s) = %s, want the bytes back", src, py.Repr(got))
					}
				default:
					if g := py.Repr(got); g != w.Repr {
						pv, perr := pylit.ParseLiteral(w.Repr)
						if perr != nil || !py.Equal(got, pv) {
							t.Errorf("echo(%s) = %s, Python proxy got %s", src, g, w.Repr)
						}
					}
				}
			}
		})
	}
}

func TestHelloAndMetadata(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	p := dial(t, d.URI("Example"))
	v, err := p.Call(ctxT(t), "hello", nil, nil)
	if err != nil || py.Repr(v) != "'hello'" {
		t.Fatalf("hello() = %v, %v", v, err)
	}
	v, err = p.Call(ctxT(t), "echo", []py.Value{py.Int(1), py.Str("a")}, nil)
	if err != nil || py.Repr(v) != "(1, 'a')" {
		t.Fatalf("echo(1, 'a') = %v, %v", v, err)
	}
	m := dial(t, d.URI("Thing")).Metadata()
	if !m.HasMethod("echo") || !m.IsOneway("fire") || !m.HasAttr("value") || m.HasMethod("value") {
		t.Fatalf("metadata = %+v", m)
	}
}

func TestRemoteExceptionCarriesClassArgsAndTraceback(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	for _, ser := range pyro.Serializers() {
		p := dial(t, d.URI("Thing"), pyro.WithSerializer(ser))
		_, err := p.Call(ctxT(t), "divide", []py.Value{py.Int(1), py.Int(0)}, nil)
		var re *pyro.RemoteError
		if !errors.As(err, &re) {
			t.Fatalf("%s: divide(1, 0) error = %v, want a remote exception", ser, err)
		}
		e := re.Exception
		if e.Class != "builtins.ZeroDivisionError" || e.Message() != "division by zero" {
			t.Errorf("%s: exception %s %q", ser, e.Class, e.Message())
		}
		if len(e.Traceback) < 3 || !strings.HasPrefix(e.Traceback[0], "Traceback") || !strings.Contains(strings.Join(e.Traceback, ""), "in divide") {
			t.Errorf("%s: traceback %q", ser, e.Traceback)
		}
		_, err = p.Call(ctxT(t), "fail", []py.Value{py.Str("bad")}, nil)
		if !errors.As(err, &re) || py.Repr(re.Exception) != "ValueError('bad', 42)" {
			t.Errorf("%s: fail('bad') error = %v", ser, err)
		}
		_, err = p.Call(ctxT(t), "nosuchmethod", nil, nil)
		if !errors.As(err, &re) || re.Exception.Name() != "AttributeError" {
			t.Errorf("%s: unknown method error = %v", ser, err)
		}
		// The connection survives a remote exception.
		if v, err := p.Call(ctxT(t), "add", []py.Value{py.Int(2), py.Int(3)}, nil); err != nil || py.Repr(v) != "5" {
			t.Errorf("%s: add after exception = %v, %v", ser, v, err)
		}
	}
}

func TestAttributes(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	p := dial(t, d.URI("Thing"))
	ctx := ctxT(t)
	if v, err := p.Get(ctx, "value"); err != nil || py.Repr(v) != "42" {
		t.Fatalf("value = %v, %v", v, err)
	}
	if err := p.Set(ctx, "value", py.Str("new")); err != nil {
		t.Fatal(err)
	}
	if v, err := p.Get(ctx, "value"); err != nil || py.Repr(v) != "'new'" {
		t.Fatalf("value after set = %v, %v", v, err)
	}
	if r, _ := pyrotest.PyCall(t, d.URI("Thing"), "serpent", "", "value"); r != "'new'" {
		t.Fatalf("Python sees value %s after our set", r)
	}
	var re *pyro.RemoteError
	if _, err := p.Get(ctx, "nosuch"); !errors.As(err, &re) || re.Exception.Name() != "AttributeError" {
		t.Fatalf("unknown attribute error = %v", err)
	}
}

func TestOnewayReturnsAtOnce(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	p := dial(t, d.URI("Thing"))
	ctx := ctxT(t)
	for i := 0; i < 3; i++ {
		v, err := p.Call(ctx, "fire", []py.Value{py.Int(i)}, nil)
		if err != nil || v != nil {
			t.Fatalf("fire(%d) = %v, %v; want no result", i, v, err)
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		v, err := p.Call(ctx, "fired", nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if l, ok := v.(py.List); ok && len(l) == 3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("fired() = %s; the oneway calls did not arrive", py.Repr(v))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestStreamsAndCancel(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	p := dial(t, d.URI("Thing"))
	ctx := ctxT(t)
	v, err := p.Call(ctx, "count", []py.Value{py.Int(4)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s, ok := v.(*pyro.Stream)
	if !ok {
		t.Fatalf("count(4) returned %T, want a stream", v)
	}
	var got []string
	for {
		item, ok, err := s.Next(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		got = append(got, py.Repr(item))
	}
	if strings.Join(got, ",") != "0,1,2,3" {
		t.Fatalf("items = %v", got)
	}
	// Closing early, then using the proxy again.
	v, _ = p.Call(ctx, "count", []py.Value{py.Int(100)}, nil)
	s = v.(*pyro.Stream)
	if item, ok, err := s.Next(ctx); err != nil || !ok || py.Repr(item) != "0" {
		t.Fatalf("first item = %v %v %v", item, ok, err)
	}
	s.Close()
	if v, err := p.Call(ctx, "add", []py.Value{py.Int(1), py.Int(1)}, nil); err != nil || py.Repr(v) != "2" {
		t.Fatalf("call after closing a stream = %v, %v", v, err)
	}
	// A stream on a daemon without streaming is a clear remote error.
	nd := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{NoStreaming: true})
	_, err = dial(t, nd.URI("Thing")).Call(ctx, "count", []py.Value{py.Int(2)}, nil)
	if err == nil || !strings.Contains(err.Error(), "iterator") {
		t.Fatalf("count on a daemon without streaming: %v", err)
	}
}

func TestProxyInResultIsCallable(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	p := dial(t, d.URI("Thing"))
	v, err := p.Call(ctxT(t), "make_child", []py.Value{py.Str("kid")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ref, ok := v.(*pyro.ProxyRef)
	if !ok {
		t.Fatalf("make_child returned %s (%T), want a proxy", py.Repr(v), v)
	}
	if !strings.HasPrefix(py.Repr(ref), "<Pyro proxy PYRO:obj_") {
		t.Errorf("proxy repr = %s", py.Repr(ref))
	}
	child := dial(t, ref.URI.String())
	if v, err := child.Call(ctxT(t), "hello", nil, nil); err != nil || py.Repr(v) != "'child kid'" {
		t.Fatalf("child.hello() = %v, %v", v, err)
	}
}

func TestBatchStopsAtFirstFailure(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	p := dial(t, d.URI("Thing"))
	res, err := p.Batch(ctxT(t), []pyro.BatchCall{
		{Method: "add", Args: []py.Value{py.Int(1), py.Int(2)}},
		{Method: "echo", Args: []py.Value{py.Str("x")}},
		{Method: "divide", Args: []py.Value{py.Int(1), py.Int(0)}},
		{Method: "add", Args: []py.Value{py.Int(5), py.Int(5)}},
	})
	var re *pyro.RemoteError
	if !errors.As(err, &re) || re.Exception.Name() != "ZeroDivisionError" {
		t.Fatalf("batch error = %v", err)
	}
	if len(res) != 2 || py.Repr(res[0]) != "3" || py.Repr(res[1]) != "'x'" {
		t.Fatalf("batch results = %v", res)
	}
}

func TestPingAndRedial(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	p := dial(t, d.URI("Thing"))
	if _, err := p.Ping(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	// A call cut short by its context drops the connection; the next call
	// dials again and works.
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := p.Call(ctx, "sleep", []py.Value{py.Float(5)}, nil)
	if !pyro.IsTimeout(err) {
		t.Fatalf("slow call error = %v, want a timeout", err)
	}
	var ce *pyro.ConnError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "timed out") {
		t.Fatalf("timeout error = %q", err)
	}
	if v, err := p.Call(ctxT(t), "add", []py.Value{py.Int(1), py.Int(2)}, nil); err != nil || py.Repr(v) != "3" {
		t.Fatalf("call after timeout = %v, %v", v, err)
	}
}

func TestConnectErrors(t *testing.T) {
	ctx := ctxT(t)
	_, err := pyro.Dial(ctx, "PYRO:Example@127.0.0.1:1")
	var ce *pyro.ConnError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "connection refused") || !strings.Contains(err.Error(), "127.0.0.1:1") {
		t.Fatalf("refused: %v", err)
	}
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{Serializers: []string{"json"}})
	_, err = pyro.Dial(ctx, d.URI("Example"), pyro.WithSerializer("serpent"))
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "does not accept serializer serpent") {
		t.Fatalf("refused serializer: %v", err)
	}
	_, err = pyro.Dial(ctx, strings.Replace(d.URI("Example"), "Example", "Nobody", 1), pyro.WithSerializer("json"))
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "unknown object") {
		t.Fatalf("unknown object: %v", err)
	}
	_, err = pyro.Dial(ctx, "PYRO:x@[zz::1]:5")
	var ue *pyro.URIError
	if !errors.As(err, &ue) {
		t.Fatalf("bad uri: %v", err)
	}
}

func TestUnixSocket(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{Unix: true})
	p := dial(t, d.URI("Example"))
	if v, err := p.Call(ctxT(t), "hello", nil, nil); err != nil || py.Repr(v) != "'hello'" {
		t.Fatalf("hello over unix socket = %v, %v", v, err)
	}
}

func TestCorrelationIDIsSentAndEchoed(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	id := [16]byte{0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
	p := dial(t, d.URI("Thing"), pyro.WithCorrelationID(id))
	if _, err := p.Call(ctxT(t), "add", []py.Value{py.Int(1), py.Int(2)}, nil); err != nil {
		t.Fatal(err)
	}
	if got := p.CorrelationID(); string(got) != string(id[:]) {
		t.Fatalf("reply CORR = %x, want the request's %x", got, id)
	}
	// Without one, the daemon makes its own for each call.
	q := dial(t, d.URI("Thing"))
	q.Call(ctxT(t), "add", []py.Value{py.Int(1), py.Int(2)}, nil)
	first := q.CorrelationID()
	q.Call(ctxT(t), "add", []py.Value{py.Int(1), py.Int(2)}, nil)
	if len(first) != 16 || string(first) == string(q.CorrelationID()) {
		t.Fatalf("daemon-made CORR ids: %x then %x", first, q.CorrelationID())
	}
}

func TestProxyAsArgumentGoesAsAProxy(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	for _, ser := range []string{"serpent", "json", "msgpack", "pickle"} {
		p := dial(t, d.URI("Thing"), pyro.WithSerializer(ser))
		v, err := p.Call(ctxT(t), "make_child", []py.Value{py.Str("arg")}, nil)
		if err != nil {
			t.Fatal(err)
		}
		back, err := p.Call(ctxT(t), "echo", []py.Value{v}, nil)
		if err != nil {
			t.Fatalf("%s: echo(proxy): %v", ser, err)
		}
		ref, ok := back.(*pyro.ProxyRef)
		if !ok || ref.URI.String() != v.(*pyro.ProxyRef).URI.String() {
			t.Fatalf("%s: echo(proxy) = %s, want the proxy back", ser, py.Repr(back))
		}
	}
}
