package pyrotest

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestDaemonServesExampleAndThing(t *testing.T) {
	t.Parallel()
	d := StartDaemon(t, DaemonOptions{})
	if d.Host != "127.0.0.1" || d.Port == 0 || d.Socket != "" {
		t.Fatalf("daemon address = host %q port %d socket %q, want 127.0.0.1, a port, no socket", d.Host, d.Port, d.Socket)
	}
	if repr, exc := PyCall(t, d.URI("Example"), "serpent", "", `echo(1, "a")`); repr != "(1, 'a')" || exc != "" {
		t.Errorf("Example.echo(1, \"a\") = (%q, %q), want (1, 'a')", repr, exc)
	}
	if repr, exc := PyCall(t, d.URI("Nobody"), "serpent", "", "hello()"); repr != "" || exc != "CommunicationError" {
		t.Errorf("Nobody.hello() = (%q, %q), want CommunicationError", repr, exc)
	}
	// One Python process for the whole table keeps the test fast.
	tests := []struct{ expr, repr, exc string }{
		{"echo([1, (2,)])", "[1, (2,)]", ""},
		{"echo_kw(1, a=2)", "[[1], {'a': 2}]", ""},
		{"add(2, 3)", "5", ""},
		{"count(3)", "[0, 1, 2]", ""},
		{"slow_count(2, 0.01)", "[0, 1]", ""},
		{"sleep(0.01)", "0.01", ""},
		{"value", "42", ""},
		{"name", "'thing'", ""},
		{"make_child('x').hello()", "'child x'", ""},
		{"big(1)", "[{'id': 0, 'name': 'item0', 'score': 0.0, 'tags': ['a', 'b']}]", ""},
		{"divide(1, 0)", "", "ZeroDivisionError"},
		{"fail('boom')", "", "ValueError"},
		{"custom_error()", "", "SerializeError"}, // the class is unknown to the Python client
		{"nosuch()", "", "AttributeError"},
	}
	exprs := make([]string, len(tests))
	for i, tt := range tests {
		exprs[i] = tt.expr
	}
	for i, r := range PyCallsWith(t, d.URI("Thing"), d.CallOptions("serpent"), exprs...) {
		if tt := tests[i]; r.Repr != tt.repr || r.ExcClass != tt.exc {
			t.Errorf("Thing.%s = %+v, want (%q, %q)\nstderr:\n%s", tt.expr, r, tt.repr, tt.exc, d.Stderr())
		}
	}
}

func TestDaemonAcceptsEverySerializerByDefault(t *testing.T) {
	t.Parallel()
	d := StartDaemon(t, DaemonOptions{})
	for _, ser := range AllSerializers {
		if repr, exc := PyCall(t, d.URI("Example"), ser, "", "hello()"); repr != "'hello'" {
			t.Errorf("%s: PyCall = (%q, %q), want 'hello'", ser, repr, exc)
		}
	}
}

func TestPyCallsWithSharesOneProxy(t *testing.T) {
	t.Parallel()
	d := StartDaemon(t, DaemonOptions{})
	got := PyCallsWith(t, d.URI("Thing"), d.CallOptions("msgpack"), "value", "divide(1, 0)", "value")
	want := []CallResult{
		{Repr: "42"},
		{ExcClass: "ZeroDivisionError", ExcMessage: "division by zero"},
		{Repr: "42"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("PyCallsWith mismatch (-want +got):\n%s", diff)
	}
}

func TestPyCallReportsMalformedURI(t *testing.T) {
	t.Parallel()
	if repr, exc := PyCall(t, "not a uri", "serpent", "", "hello()"); repr != "" || exc != "PyroError" {
		t.Errorf("PyCall(\"not a uri\") = (%q, %q), want PyroError", repr, exc)
	}
}

func TestDaemonOnewayIsRecorded(t *testing.T) {
	t.Parallel()
	d := StartDaemon(t, DaemonOptions{})
	if repr, exc := PyCall(t, d.URI("Thing"), "json", "", "fire(7)"); repr != "None" {
		t.Fatalf("fire(7) = (%q, %q), want None", repr, exc)
	}
	// Oneway calls return before the daemon runs them: poll with a deadline.
	deadline := time.Now().Add(5 * time.Second)
	for {
		repr, exc := PyCall(t, d.URI("Thing"), "json", "", "fired()")
		if repr == "[7]" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("fired() = (%q, %q), want [7]", repr, exc)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestDaemonOptions(t *testing.T) {
	t.Parallel()
	t.Run("serializers restrict what is accepted", func(t *testing.T) {
		d := StartDaemon(t, DaemonOptions{Serializers: []string{"json"}})
		if repr, _ := PyCall(t, d.URI("Example"), "json", "", "hello()"); repr != "'hello'" {
			t.Errorf("json call = %q, want 'hello'", repr)
		}
		if _, exc := PyCall(t, d.URI("Example"), "serpent", "", "hello()"); exc != "CommunicationError" {
			t.Errorf("serpent call raised %q, want CommunicationError", exc)
		}
	})
	t.Run("hmac key is required", func(t *testing.T) {
		d := StartDaemon(t, DaemonOptions{HMACKey: "s3cret"})
		if repr, exc := PyCall(t, d.URI("Example"), "serpent", "s3cret", "hello()"); repr != "'hello'" {
			t.Errorf("call with key = (%q, %q), want 'hello'", repr, exc)
		}
		if _, exc := PyCall(t, d.URI("Example"), "serpent", "wrong", "hello()"); exc != "CommunicationError" {
			t.Errorf("call with wrong key raised %q, want CommunicationError", exc)
		}
	})
	t.Run("compression", func(t *testing.T) {
		d := StartDaemon(t, DaemonOptions{Compression: true})
		if repr, exc := PyCall(t, d.URI("Thing"), "serpent", "", "echo('x' * 3)"); repr != "'xxx'" {
			t.Errorf("call = (%q, %q), want 'xxx'", repr, exc)
		}
	})
	t.Run("max message size", func(t *testing.T) {
		d := StartDaemon(t, DaemonOptions{MaxMessageSize: 2000})
		if _, exc := PyCall(t, d.URI("Thing"), "serpent", "", "echo('x' * 5000)"); exc != "ConnectionClosedError" {
			t.Errorf("oversized call raised %q, want ConnectionClosedError", exc)
		}
	})
	t.Run("no streaming", func(t *testing.T) {
		d := StartDaemon(t, DaemonOptions{NoStreaming: true})
		if _, exc := PyCall(t, d.URI("Thing"), "serpent", "", "count(3)"); exc == "" {
			t.Errorf("count(3) without streaming succeeded, want an exception")
		}
	})
	t.Run("unix socket", func(t *testing.T) {
		d := StartDaemon(t, DaemonOptions{Unix: true})
		if d.Socket == "" || d.Port != 0 || !strings.HasPrefix(d.URI("Example"), "PYRO:Example@./u:/") {
			t.Fatalf("daemon socket %q port %d URI %q, want a unix socket URI", d.Socket, d.Port, d.URI("Example"))
		}
		if repr, exc := PyCall(t, d.URI("Example"), "serpent", "", "hello()"); repr != "'hello'" {
			t.Errorf("call = (%q, %q), want 'hello'", repr, exc)
		}
	})
	t.Run("env reaches python", func(t *testing.T) {
		d := StartDaemon(t, DaemonOptions{Env: map[string]string{"PYRO_LOGLEVEL": "DEBUG", "PYRO_LOGFILE": "{stderr}"}})
		if repr, _ := PyCall(t, d.URI("Example"), "serpent", "", "hello()"); repr != "'hello'" {
			t.Errorf("call = %q, want 'hello'", repr)
		}
		if !strings.Contains(d.Stderr(), "Pyro4") {
			t.Errorf("stderr with PYRO_LOGLEVEL=DEBUG has no Pyro4 log lines:\n%s", d.Stderr())
		}
	})
}

func TestDaemonSSL(t *testing.T) {
	t.Parallel()
	t.Run("server certificate", func(t *testing.T) {
		d := StartDaemon(t, DaemonOptions{SSL: true})
		if r := PyCallWith(t, d.URI("Example"), d.CallOptions("serpent"), "hello()"); r.Repr != "'hello'" {
			t.Errorf("tls call = %+v, want 'hello'\nstderr:\n%s", r, d.Stderr())
		}
		if _, exc := PyCall(t, d.URI("Example"), "serpent", "", "hello()"); exc != "ConnectionClosedError" {
			t.Errorf("plain call to tls daemon raised %q, want ConnectionClosedError", exc)
		}
	})
	t.Run("client certificate required", func(t *testing.T) {
		d := StartDaemon(t, DaemonOptions{SSL: true, RequireClientCert: true})
		if r := PyCallWith(t, d.URI("Example"), d.CallOptions("serpent"), "hello()"); r.Repr != "'hello'" {
			t.Errorf("tls call with client cert = %+v, want 'hello'\nstderr:\n%s", r, d.Stderr())
		}
		o := d.CallOptions("serpent")
		o.ClientCertFile, o.ClientKeyFile = "", ""
		if r := PyCallWith(t, d.URI("Example"), o, "hello()"); r.Repr != "" || r.ExcClass != "ConnectionClosedError" {
			// The TLS alert races the request, so the message varies; the class does not.
			t.Errorf("tls call without client cert = %+v, want ConnectionClosedError", r)
		}
	})
}

func TestDaemonIsKilledInCleanup(t *testing.T) {
	t.Parallel()
	var addr string
	t.Run("start", func(t *testing.T) {
		d := StartDaemon(t, DaemonOptions{})
		addr = d.Location
		c, err := net.DialTimeout("tcp", addr, 2*time.Second)
		if err != nil {
			t.Fatalf("dial running daemon: %v", err)
		}
		c.Close()
	})
	if c, err := net.DialTimeout("tcp", addr, 2*time.Second); err == nil {
		c.Close()
		t.Fatalf("daemon at %s still accepts connections after its test's cleanup", addr)
	}
}
