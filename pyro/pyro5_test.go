package pyro_test

import (
	"crypto/tls"
	"errors"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pylit"
	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

// The tests below run against real Python Pyro5 5.x daemons and name
// servers (pyrotest.StartDaemon5), with a Python Pyro5 proxy as the oracle.

var pyro5Serializers = []string{"serpent", "json", "marshal", "msgpack"}

func TestPyro5EchoMatchesPythonProxy(t *testing.T) {
	d := pyrotest.StartDaemon5(t, pyrotest.DaemonOptions{})
	uri := d.URI("Thing")
	for _, ser := range pyro5Serializers {
		t.Run(ser, func(t *testing.T) {
			calls := make([]string, len(echoValues))
			for i, src := range echoValues {
				calls[i] = "echo(" + src + ")"
			}
			want := pyrotest.PyCallsWith(t, uri, pyrotest.CallOptions{Serializer: ser, Pyro5: true}, calls...)
			p := dial(t, uri, pyro.WithSerializer(ser))
			if p.Protocol() != pyro.Pyro5 {
				t.Fatalf("protocol = %d, want 5", p.Protocol())
			}
			same := 0
			for i, src := range echoValues {
				arg, err := pylit.ParseLiteral(src)
				if err != nil {
					t.Fatalf("parse %s: %v", src, err)
				}
				got, err := p.Call(ctxT(t), "echo", []py.Value{arg}, nil)
				w := want[i]
				switch {
				case w.ExcClass != "":
					if err == nil {
						t.Logf("echo(%s): we got %s where Python raised %s", src, py.Repr(got), w.ExcClass)
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
					same++
				}
			}
			if same < len(echoValues)/2 {
				t.Errorf("only %d of %d values agree with Python", same, len(echoValues))
			}
		})
	}
}

func TestPyro5CallsExceptionsAttributesKwargs(t *testing.T) {
	d := pyrotest.StartDaemon5(t, pyrotest.DaemonOptions{})
	ctx := ctxT(t)
	for _, ser := range pyro5Serializers {
		p := dial(t, d.URI("Thing"), pyro.WithSerializer(ser))
		m := p.Metadata()
		if !m.HasMethod("echo") || !m.IsOneway("fire") || !m.HasAttr("value") || m.HasMethod("value") {
			t.Fatalf("%s: metadata = %+v", ser, m)
		}
		kw := py.DictOf(py.Str("k"), py.Int(2))
		if v, err := p.Call(ctx, "echo_kw", []py.Value{py.Int(1)}, kw); err != nil || py.Repr(v) != "[[1], {'k': 2}]" {
			t.Errorf("%s: echo_kw(1, k=2) = %v, %v", ser, v, err)
		}
		_, err := p.Call(ctx, "divide", []py.Value{py.Int(1), py.Int(0)}, nil)
		var re *pyro.RemoteError
		if !errors.As(err, &re) || re.Exception.Class != "builtins.ZeroDivisionError" || re.Exception.Message() != "division by zero" ||
			!strings.Contains(strings.Join(re.Exception.Traceback, ""), "in divide") {
			t.Errorf("%s: divide(1, 0) = %v", ser, err)
		}
		if _, err := p.Call(ctx, "fail", []py.Value{py.Str("bad")}, nil); !errors.As(err, &re) || py.Repr(re.Exception) != "ValueError('bad', 42)" {
			t.Errorf("%s: fail('bad') = %v", ser, err)
		}
		if err := p.Set(ctx, "value", py.Str(ser)); err != nil {
			t.Errorf("%s: set value: %v", ser, err)
		}
		if v, err := p.Get(ctx, "value"); err != nil || py.Repr(v) != "'"+ser+"'" {
			t.Errorf("%s: value = %v, %v", ser, v, err)
		}
		if r := pyrotest.PyCallWith(t, d.URI("Thing"), pyrotest.CallOptions{Pyro5: true}, "value"); r.Repr != "'"+ser+"'" {
			t.Errorf("%s: Python sees value %s after our set", ser, r.Repr)
		}
		if _, err := p.Get(ctx, "nosuch"); !errors.As(err, &re) || re.Exception.Name() != "AttributeError" {
			t.Errorf("%s: unknown attribute = %v", ser, err)
		}
		if _, err := p.Ping(ctx); err != nil {
			t.Errorf("%s: ping: %v", ser, err)
		}
	}
}

func TestPyro5OnewayStreamsBatchChildProxies(t *testing.T) {
	d := pyrotest.StartDaemon5(t, pyrotest.DaemonOptions{})
	p := dial(t, d.URI("Thing"))
	ctx := ctxT(t)
	if v, err := p.Call(ctx, "fire", []py.Value{py.Int(7)}, nil); err != nil || v != nil {
		t.Fatalf("fire(7) = %v, %v", v, err)
	}
	v, err := p.Call(ctx, "count", []py.Value{py.Int(3)}, nil)
	s, ok := v.(*pyro.Stream)
	if err != nil || !ok {
		t.Fatalf("count(3) = %v, %v", v, err)
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
	if strings.Join(got, ",") != "0,1,2" {
		t.Fatalf("items = %v", got)
	}
	v, _ = p.Call(ctx, "count", []py.Value{py.Int(100)}, nil)
	s = v.(*pyro.Stream)
	if item, ok, err := s.Next(ctx); err != nil || !ok || py.Repr(item) != "0" {
		t.Fatalf("first item = %v %v %v", item, ok, err)
	}
	s.Close()
	if v, err := p.Call(ctx, "fired", nil, nil); err != nil || py.Repr(v) != "[7]" {
		t.Fatalf("fired() after a oneway and a cancelled stream = %v, %v", v, err)
	}
	for _, ser := range pyro5Serializers {
		q := dial(t, d.URI("Thing"), pyro.WithSerializer(ser))
		res, err := q.Batch(ctx, []pyro.BatchCall{
			{Method: "add", Args: []py.Value{py.Int(1), py.Int(2)}},
			{Method: "divide", Args: []py.Value{py.Int(1), py.Int(0)}},
			{Method: "add", Args: []py.Value{py.Int(5), py.Int(5)}},
		})
		var re *pyro.RemoteError
		if ser == "marshal" {
			// Pyro5 cannot marshal the _ExceptionWrapper of the failed call
			// (raw/marshal_batch_exception.json): the whole batch fails.
			if !errors.As(err, &re) || !strings.Contains(err.Error(), "unmarshallable") {
				t.Errorf("%s: batch = %v, %v", ser, res, err)
			}
			res, err = q.Batch(ctx, []pyro.BatchCall{{Method: "add", Args: []py.Value{py.Int(1), py.Int(2)}}, {Method: "echo", Args: []py.Value{py.Str("x")}}})
			if err == nil {
				continue
			}
		}
		if !errors.As(err, &re) || re.Exception.Name() != "ZeroDivisionError" || len(res) != 1 || py.Repr(res[0]) != "3" {
			t.Errorf("%s: batch = %v, %v", ser, res, err)
		}
	}
	for _, ser := range []string{"serpent", "json", "msgpack"} {
		q := dial(t, d.URI("Thing"), pyro.WithSerializer(ser))
		v, err := q.Call(ctx, "make_child", []py.Value{py.Str("kid")}, nil)
		ref, ok := v.(*pyro.ProxyRef)
		if err != nil || !ok {
			t.Fatalf("%s: make_child = %s, %v", ser, py.Repr(v), err)
		}
		if c, err := dial(t, ref.URI.String()).Call(ctx, "hello", nil, nil); err != nil || py.Repr(c) != "'child kid'" {
			t.Fatalf("%s: child.hello() = %v, %v", ser, c, err)
		}
		// A proxy and a URI as arguments go with Pyro5's class names
		// (Pyro4's would be a SerializeError).
		back, err := q.Call(ctx, "echo", []py.Value{py.Tuple{ref, ref.URI}}, nil)
		if err != nil || !strings.Contains(py.Repr(back), "<Pyro proxy "+ref.URI.String()+">") {
			t.Fatalf("%s: echo((proxy, uri)) = %s, %v", ser, py.Repr(back), err)
		}
	}
}

// TestPyro5DropsTheConnectionAfterASerializeError checks that the call
// after a SerializeError reply (after which Pyro5 closes) works.
func TestPyro5DropsTheConnectionAfterASerializeError(t *testing.T) {
	d := pyrotest.StartDaemon5(t, pyrotest.DaemonOptions{})
	p := dial(t, d.URI("Thing"))
	ctx := ctxT(t)
	odd := py.DictOf(py.Str("__class__"), py.Str("testobjects.Unknown"), py.Str("x"), py.Int(1))
	_, err := p.Call(ctx, "echo", []py.Value{odd}, nil)
	var re *pyro.RemoteError
	if !errors.As(err, &re) || re.Exception.Class != "Pyro5.errors.SerializeError" {
		t.Fatalf("echo(custom class dict) = %v, want a SerializeError", err)
	}
	if v, err := p.Call(ctx, "add", []py.Value{py.Int(1), py.Int(2)}, nil); err != nil || py.Repr(v) != "3" {
		t.Fatalf("call after the SerializeError = %v, %v", v, err)
	}
}

func TestPyro5HandshakeCorrelationTLS(t *testing.T) {
	ctx := ctxT(t)
	hd := pyrotest.StartDaemon5(t, pyrotest.DaemonOptions{HandshakeToken: "abc"})
	if _, err := pyro.Dial(ctx, hd.URI("Example")); err == nil || !strings.Contains(err.Error(), "bad token") {
		t.Fatalf("default handshake to a token daemon: %v", err)
	}
	p := dial(t, hd.URI("Example"), pyro.WithOptions(pyro.Options{Handshake: py.DictOf(py.Str("token"), py.Str("abc"))}))
	if v, err := p.Call(ctx, "hello", nil, nil); err != nil || py.Repr(v) != "'hello'" {
		t.Fatalf("hello with the token = %v, %v", v, err)
	}

	d := pyrotest.StartDaemon5(t, pyrotest.DaemonOptions{})
	id := [16]byte{0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
	q := dial(t, d.URI("Thing"), pyro.WithCorrelationID(id))
	if _, err := q.Call(ctx, "add", []py.Value{py.Int(1), py.Int(2)}, nil); err != nil || string(q.CorrelationID()) != string(id[:]) {
		t.Fatalf("correlation id = %x, %v; want %x", q.CorrelationID(), err, id)
	}
	r := dial(t, d.URI("Thing"))
	r.Call(ctx, "add", []py.Value{py.Int(1), py.Int(2)}, nil)
	if len(r.CorrelationID()) != 16 {
		t.Fatalf("daemon-made correlation id = %x", r.CorrelationID())
	}

	sd := pyrotest.StartDaemon5(t, pyrotest.DaemonOptions{SSL: true, RequireClientCert: true})
	s := dial(t, sd.URI("Example"), pyro.WithTLS(tlsConfig(t, sd, true)))
	if v, err := s.Call(ctx, "hello", nil, nil); err != nil || py.Repr(v) != "'hello'" || s.Protocol() != pyro.Pyro5 {
		t.Fatalf("hello over TLS with a client certificate = %v, %v", v, err)
	}
	if _, err := pyro.Dial(ctx, sd.URI("Example"), pyro.WithTLS(&tls.Config{})); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("unverified certificate: %v", err)
	}
}

func TestPyro5OptionsItDoesNotHave(t *testing.T) {
	d := pyrotest.StartDaemon5(t, pyrotest.DaemonOptions{})
	ctx := ctxT(t)
	var oe *pyro.OptionError
	_, err := pyro.Dial(ctx, d.URI("Thing"), pyro.WithSerializer("pickle"))
	if !errors.As(err, &oe) || !strings.Contains(err.Error(), "Pyro5, which has no pickle serializer: use serpent") {
		t.Fatalf("pickle on Pyro5: %v", err)
	}
	_, err = pyro.Dial(ctx, d.URI("Thing"), pyro.WithHMACKey([]byte("k")))
	if !errors.As(err, &oe) || !strings.Contains(err.Error(), "no HMAC") || !strings.Contains(err.Error(), "TLS client certificates") {
		t.Fatalf("hmac on Pyro5: %v", err)
	}
	_, err = pyro.Dial(ctx, d.URI("Thing"), pyro.WithProtocol(pyro.Pyro5), pyro.WithHMACKey([]byte("k")))
	if !errors.As(err, &oe) {
		t.Fatalf("hmac with --protocol 5: %v", err)
	}
}

func TestProtocolDetection(t *testing.T) {
	ctx := ctxT(t)
	d4 := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	d5 := pyrotest.StartDaemon5(t, pyrotest.DaemonOptions{})
	for _, tc := range []struct {
		name  string
		d     *pyrotest.Daemon
		force int
		want  int
		err   string
	}{
		{"auto finds a Pyro4 daemon", d4, pyro.ProtocolAuto, pyro.Pyro4, ""},
		{"auto finds a Pyro5 daemon", d5, pyro.ProtocolAuto, pyro.Pyro5, ""},
		{"auto again on the Pyro5 daemon", d5, pyro.ProtocolAuto, pyro.Pyro5, ""},
		{"forced 4 on Pyro4", d4, pyro.Pyro4, pyro.Pyro4, ""},
		{"forced 5 on Pyro5", d5, pyro.Pyro5, pyro.Pyro5, ""},
		{"forced 5 on Pyro4", d4, pyro.Pyro5, 0, "the daemon speaks Pyro4, not the Pyro5 --protocol 5 asks for (use --protocol 4, or auto)"},
		{"forced 4 on Pyro5", d5, pyro.Pyro4, 0, "the daemon speaks Pyro5, not the Pyro4 --protocol 4 asks for (use --protocol 5, or auto)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := pyro.Dial(ctx, tc.d.URI("Example"), pyro.WithProtocol(tc.force))
			if tc.err != "" {
				var ce *pyro.ConnError
				if !errors.As(err, &ce) || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("Dial = %v, want a ConnError saying %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			if p.Protocol() != tc.want {
				t.Fatalf("protocol = %d, want %d", p.Protocol(), tc.want)
			}
			if v, err := p.Call(ctx, "hello", nil, nil); err != nil || py.Repr(v) != "'hello'" {
				t.Fatalf("hello = %v, %v", v, err)
			}
		})
	}
}

func TestPyro5NameServer(t *testing.T) {
	d4 := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	ns := pyrotest.StartNameServer5(t, pyrotest.NSOptions{Registrations: []pyrotest.Registration{
		{Name: "example.hello", ObjectID: "Example", Metadata: []string{"class:example", "greeter"}},
		{Name: "example.thing", ObjectID: "Thing", Metadata: []string{"class:thing"}},
		{Name: "other.thing", ObjectID: "Thing"},
		{Name: "pyro4.hello", URI: d4.URI("Example"), Metadata: []string{"pyro4"}},
	}})
	ctx := ctxT(t)
	for _, ser := range pyro5Serializers {
		t.Run(ser, func(t *testing.T) {
			opts := pyro.Options{NSHost: ns.Host, NSPort: ns.Port, Serializer: ser}
			server, err := pyro.LocateNS(ctx, "", 0, opts)
			if err != nil {
				t.Fatal(err)
			}
			defer server.Close()
			if server.Protocol() != pyro.Pyro5 {
				t.Fatalf("name server protocol = %d", server.Protocol())
			}
			e, err := server.Lookup(ctx, "example.hello")
			if err != nil || e.URI != ns.Objects.URI("Example") || strings.Join(e.Metadata, ",") != "class:example,greeter" {
				t.Fatalf("lookup = %+v, %v", e, err)
			}
			entries, err := server.List(ctx, pyro.ListOptions{})
			if err != nil || len(entries) != 5 {
				t.Fatalf("list = %+v, %v", entries, err)
			}
			entries, err = server.List(ctx, pyro.ListOptions{Prefix: "example."})
			if err != nil || len(entries) != 2 || entries[0].Name != "example.hello" {
				t.Fatalf("list prefix = %+v, %v", entries, err)
			}
			entries, err = server.List(ctx, pyro.ListOptions{Regex: `.*\.thing`})
			if err != nil || len(entries) != 2 {
				t.Fatalf("list regex = %+v, %v", entries, err)
			}
			entries, err = server.List(ctx, pyro.ListOptions{MetadataAny: []string{"greeter", "class:thing"}})
			if err != nil || len(entries) != 2 || entries[0].URI != ns.Objects.URI("Example") {
				t.Fatalf("yplookup meta_any = %+v, %v", entries, err)
			}
			entries, err = server.List(ctx, pyro.ListOptions{MetadataAll: []string{"greeter", "class:example"}})
			if err != nil || len(entries) != 1 || strings.Join(entries[0].Metadata, ",") != "class:example,greeter" {
				t.Fatalf("yplookup meta_all = %+v, %v", entries, err)
			}
			// The writes: register, set_metadata, remove.
			name := "written." + ser
			if err := server.Register(ctx, name, ns.Objects.URI("Thing"), []string{"w1", "w2"}); err != nil {
				t.Fatalf("register: %v", err)
			}
			if err := server.SetMetadata(ctx, name, []string{"w3"}); err != nil {
				t.Fatalf("set_metadata: %v", err)
			}
			if e, err := server.Lookup(ctx, name); err != nil || e.URI != ns.Objects.URI("Thing") || strings.Join(e.Metadata, ",") != "w3" {
				t.Fatalf("lookup after writes = %+v, %v", e, err)
			}
			if removed, err := server.Remove(ctx, name); err != nil || !removed {
				t.Fatalf("remove = %v, %v", removed, err)
			}
			var re *pyro.RemoteError
			if _, err := server.Lookup(ctx, "nobody"); !errors.As(err, &re) || re.Exception.Class != "Pyro5.errors.NamingError" {
				t.Fatalf("unknown name: %v", err)
			}
			for _, uri := range []string{
				"PYRONAME:example.hello@" + ns.Host + ":" + itoa(ns.Port),
				"PYRONAME:example.hello",
				"PYROMETA:greeter",
				"PYRONAME:pyro4.hello", // a Pyro5 name server pointing at a Pyro4 object
			} {
				p, err := pyro.Dial(ctx, uri, pyro.WithOptions(opts))
				if err != nil {
					t.Fatalf("%s: %v", uri, err)
				}
				if v, err := p.Call(ctx, "hello", nil, nil); err != nil || py.Repr(v) != "'hello'" {
					t.Fatalf("%s hello() = %v, %v", uri, v, err)
				}
				p.Close()
			}
			_, err = pyro.Dial(ctx, "PYROMETA:nothing-has-this", pyro.WithOptions(opts))
			if !errors.As(err, &re) || re.Exception.Class != "Pyro5.errors.NamingError" {
				t.Fatalf("PYROMETA without match: %v", err)
			}
		})
	}
}

// TestPyro4NameServerPointingAtPyro5 resolves a name on a Pyro4 name
// server to an object on a Pyro5 daemon.
func TestPyro4NameServerPointingAtPyro5(t *testing.T) {
	d5 := pyrotest.StartDaemon5(t, pyrotest.DaemonOptions{})
	ns := pyrotest.StartNameServer(t, pyrotest.NSOptions{Registrations: []pyrotest.Registration{
		{Name: "pyro5.thing", URI: d5.URI("Thing"), Metadata: []string{"five"}},
	}})
	ctx := ctxT(t)
	opts := pyro.Options{NSHost: ns.Host, NSPort: ns.Port}
	for _, uri := range []string{"PYRONAME:pyro5.thing", "PYROMETA:five"} {
		p, err := pyro.Dial(ctx, uri, pyro.WithOptions(opts))
		if err != nil {
			t.Fatalf("%s: %v", uri, err)
		}
		if v, err := p.Call(ctx, "add", []py.Value{py.Int(2), py.Int(3)}, nil); err != nil || py.Repr(v) != "5" || p.Protocol() != pyro.Pyro5 {
			t.Fatalf("%s add(2, 3) = %v, %v (protocol %d)", uri, v, err, p.Protocol())
		}
		p.Close()
	}
}

// TestPyro5BroadcastDiscovery finds a Pyro5 name server through Pyro5's
// own broadcast responder (on loopback) and resolves a name on it.
func TestPyro5BroadcastDiscovery(t *testing.T) {
	ns := pyrotest.StartNameServer5(t, pyrotest.NSOptions{Broadcast: true,
		Registrations: []pyrotest.Registration{{Name: "found.by.broadcast", ObjectID: "Example"}}})
	opts := pyro.Options{BroadcastAddrs: []string{ns.BroadcastAddr}}
	p, err := pyro.Dial(ctxT(t), "PYRONAME:found.by.broadcast", pyro.WithOptions(opts))
	if err != nil {
		t.Fatalf("PYRONAME by broadcast: %v", err)
	}
	defer p.Close()
	if v, err := p.Call(ctxT(t), "hello", nil, nil); err != nil || py.Repr(v) != "'hello'" || p.Protocol() != pyro.Pyro5 {
		t.Fatalf("hello = %v, %v (protocol %d)", v, err, p.Protocol())
	}
}
