package pyro_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

// TestResolveEverySerializer resolves PYRONAME on a real Pyro4 name server
// in each serializer it accepts, as a Python proxy of that serializer
// does: Pyro4's marshal cannot carry lookup's (URI, metadata) pair
// (ValueError: unmarshallable object), so resolution asks for the URI
// alone.
func TestResolveEverySerializer(t *testing.T) {
	ns := pyrotest.StartNameServer(t, pyrotest.NSOptions{Registrations: []pyrotest.Registration{{Name: "example.hello", ObjectID: "Example"}}})
	for _, ser := range []string{"serpent", "json", "marshal"} {
		t.Run(ser, func(t *testing.T) {
			uri := "PYRONAME:example.hello@" + ns.Host + ":" + itoa(ns.Port)
			p, err := pyro.Dial(ctxT(t), uri, pyro.WithOptions(pyro.Options{Serializer: ser}))
			if err != nil {
				t.Fatalf("%s: %v", uri, err)
			}
			defer p.Close()
			if v, err := p.Call(ctxT(t), "hello", nil, nil); err != nil || py.Repr(v) != "'hello'" {
				t.Fatalf("hello() = %v, %v", v, err)
			}
		})
	}
}

// TestResolvePyro4ObjectOnPyro5NameServerWithPickleAndHMAC: pickle and an
// HMAC key are for the Pyro4 object a Pyro5 name server names; the name
// server, which has neither, is asked in serpent without the key instead
// of refusing them.
func TestResolvePyro4ObjectOnPyro5NameServerWithPickleAndHMAC(t *testing.T) {
	d4 := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{HMACKey: "k3y"})
	ns := pyrotest.StartNameServer5(t, pyrotest.NSOptions{Registrations: []pyrotest.Registration{{Name: "pyro4.hello", URI: d4.URI("Example")}}})
	uri := "PYRONAME:pyro4.hello@" + ns.Host + ":" + itoa(ns.Port)
	p, err := pyro.Dial(ctxT(t), uri, pyro.WithOptions(pyro.Options{Serializer: "pickle", HMACKey: []byte("k3y")}))
	if err != nil {
		t.Fatalf("%s with pickle and an hmac key: %v", uri, err)
	}
	defer p.Close()
	if p.Protocol() != pyro.Pyro4 || p.Serializer() != "pickle" {
		t.Fatalf("the object: protocol %d, serializer %s", p.Protocol(), p.Serializer())
	}
	if v, err := p.Call(ctxT(t), "hello", nil, nil); err != nil || py.Repr(v) != "'hello'" {
		t.Fatalf("hello() = %v, %v", v, err)
	}
}

// TestLookupPyro4Marshal: ns lookup on a Pyro4 name server in marshal
// gives the URI and the metadata, as in the other serializers.
func TestLookupPyro4Marshal(t *testing.T) {
	ns := pyrotest.StartNameServer(t, pyrotest.NSOptions{Registrations: []pyrotest.Registration{
		{Name: "example.hello", ObjectID: "Example", Metadata: []string{"b", "a"}},
		{Name: "example.hello2", ObjectID: "Thing", Metadata: []string{"c"}},
	}})
	for _, ser := range []string{"serpent", "marshal"} {
		server, err := pyro.LocateNS(ctxT(t), ns.Host, ns.Port, pyro.Options{Serializer: ser})
		if err != nil {
			t.Fatal(err)
		}
		defer server.Close()
		e, err := server.Lookup(ctxT(t), "example.hello")
		if err != nil || e.URI != ns.Objects.URI("Example") || strings.Join(e.Metadata, ",") != "a,b" {
			t.Fatalf("%s: lookup = %+v, %v", ser, e, err)
		}
		var re *pyro.RemoteError
		if _, err := server.Lookup(ctxT(t), "example.nobody"); !errors.As(err, &re) || re.Exception.Name() != "NamingError" {
			t.Fatalf("%s: unknown name: %v", ser, err)
		}
	}
}
