package pyro_test

import (
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
