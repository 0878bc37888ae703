package pyro_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

// restart stops d and starts a new daemon of the same protocol on the
// same port.
func restart(t *testing.T, d *pyrotest.Daemon) {
	t.Helper()
	d.Stop()
	if d.Pyro5 {
		pyrotest.StartDaemon5(t, pyrotest.DaemonOptions{Port: d.Port})
		return
	}
	pyrotest.StartDaemon(t, pyrotest.DaemonOptions{Port: d.Port})
}

func TestCallAfterDaemonRestartDialsAgain(t *testing.T) {
	for _, start := range []func(testing.TB, pyrotest.DaemonOptions) *pyrotest.Daemon{pyrotest.StartDaemon, pyrotest.StartDaemon5} {
		d := start(t, pyrotest.DaemonOptions{})
		p := dial(t, d.URI("Thing"))
		ctx := ctxT(t)
		if _, err := p.Call(ctx, "add", []py.Value{py.Int(1), py.Int(2)}, nil); err != nil {
			t.Fatal(err)
		}
		restart(t, d)
		time.Sleep(5 * time.Millisecond) // idle, as between two statements
		v, err := p.Call(ctx, "add", []py.Value{py.Int(2), py.Int(3)}, nil)
		if err != nil || py.Repr(v) != "5" {
			t.Fatalf("Pyro5 %v: call after the restart = %v, %v (want 5)", d.Pyro5, v, err)
		}
	}
}

func TestCallAfterPyro5SecurityErrorDialsAgain(t *testing.T) {
	d := pyrotest.StartDaemon5(t, pyrotest.DaemonOptions{})
	ctx := ctxT(t)
	p := dial(t, d.URI("Thing"))
	bad := py.DictOf(py.Str("__class__"), py.Str("evil__class"))
	_, err := p.Call(ctx, "echo", []py.Value{bad}, nil)
	var re *pyro.RemoteError
	if !errors.As(err, &re) || re.Exception.Class != "Pyro5.errors.SecurityError" {
		t.Fatalf("echo of a refused class = %v, want a Pyro5 SecurityError", err)
	}
	v, err := p.Call(ctx, "add", []py.Value{py.Int(1), py.Int(2)}, nil)
	if err != nil || py.Repr(v) != "3" {
		t.Fatalf("call after the SecurityError = %v, %v (want 3)", v, err)
	}
}

func TestCallAfterSecurityErrorDialsAgain(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	ctx := ctxT(t)
	for _, ser := range []string{"serpent", "json"} {
		p := dial(t, d.URI("Thing"), pyro.WithSerializer(ser))
		// Pyro4's dict_to_class refuses "__" in a class name with a
		// SecurityError, replies, then closes the connection.
		bad := py.DictOf(py.Str("__class__"), py.Str("evil__class"))
		_, err := p.Call(ctx, "echo", []py.Value{bad}, nil)
		var re *pyro.RemoteError
		if !errors.As(err, &re) || re.Exception.Class != "Pyro4.errors.SecurityError" {
			t.Fatalf("%s: echo of a refused class = %v, want a SecurityError", ser, err)
		}
		// Back to back: the next call must not find the closed connection.
		v, err := p.Call(ctx, "add", []py.Value{py.Int(1), py.Int(2)}, nil)
		if err != nil || py.Repr(v) != "3" {
			t.Fatalf("%s: call after the SecurityError = %v, %v (want 3)", ser, v, err)
		}
	}
}

func TestDaemonDyingMidCallIsOneErrorNotARetry(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	// Through a relay, to see when the request has left the proxy.
	relay := pyrotest.StartRelay(t, d.Location)
	p := dial(t, strings.Replace(d.URI("Thing"), d.Location, relay.Addr, 1))
	ctx := ctxT(t)
	sent := len(relay.Frames()) // the handshake
	done := make(chan error, 1)
	go func() {
		// Longer than the test: the daemon dies before it could answer.
		_, err := p.Call(ctx, "sleep", []py.Value{py.Float(600)}, nil)
		done <- err
	}()
	for deadline := time.Now().Add(10 * time.Second); len(relay.Frames()) == sent; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the call was never sent")
		}
	}
	restart(t, d)
	err := <-done
	var ce *pyro.ConnError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "closed by the daemon") {
		t.Fatalf("call cut by the daemon's death = %v, want a connection error", err)
	}
	// The call was not sent again to the new daemon: nothing was fired twice.
	if _, err := p.Call(ctx, "fire", []py.Value{py.Int(7)}, nil); err != nil {
		t.Fatal(err)
	}
	v, err := p.Call(ctx, "fired", nil, nil)
	if err != nil || py.Repr(v) != "[7]" {
		t.Fatalf("fired on the new daemon = %v, %v", v, err)
	}
}
