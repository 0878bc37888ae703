package pyro_test

import (
	"errors"
	"testing"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

// TestCallItemsAgainstPython reads big(30000), 1.9 MB of serpent, element
// by element from a real Pyro4 daemon in every serializer that can be
// read that way and checks it against Call's result; smaller results and
// exceptions take Call's path.
func TestCallItemsAgainstPython(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	args := []py.Value{py.Int(30000)}
	for _, ser := range []string{"serpent", "json", "marshal", "msgpack"} {
		t.Run(ser, func(t *testing.T) {
			p := dial(t, d.URI("Thing"), pyro.WithSerializer(ser))
			whole, err := p.Call(ctxT(t), "big", args, nil)
			if err != nil {
				t.Fatal(err)
			}
			v, items, err := p.CallItems(ctxT(t), "big", args, nil)
			if err != nil || v != nil || items == nil || items.IsTuple() {
				t.Fatalf("CallItems gave value %v, items %v, error %v; want a list's items", v != nil, items != nil, err)
			}
			want := whole.(py.List)
			for i := 0; ; i++ {
				e, ok, err := items.Next()
				if err != nil {
					t.Fatal(err)
				}
				if !ok {
					if i != len(want) {
						t.Fatalf("read %d elements, want %d", i, len(want))
					}
					break
				}
				if i >= len(want) || !py.Equal(e, want[i]) {
					t.Fatalf("element %d is %s", i, py.Repr(e))
				}
			}
			v, items, err = p.CallItems(ctxT(t), "big", []py.Value{py.Int(2)}, nil)
			if err != nil || items != nil || py.Repr(v) != py.Repr(whole.(py.List)[:2]) {
				t.Errorf("big(2): value %s, items %v, error %v", py.Repr(v), items != nil, err)
			}
			_, items, err = p.CallItems(ctxT(t), "fail", []py.Value{py.Str("no")}, nil)
			var re *pyro.RemoteError
			if !errors.As(err, &re) || items != nil {
				t.Errorf("fail: items %v, error %v; want a remote error", items != nil, err)
			}
		})
	}
}

// TestCallItemsDictAgainstPython reads big(30000, "dict"), 2.2 MB of
// serpent, pair by pair from a real Pyro4 daemon in every serializer and
// checks it against Call's dict. big(30000, "dupdict") holds the keys 1
// and "1", one key twice once the json serializer writes them as strs:
// that dict is decoded whole (Whole gives it), as Call's is.
func TestCallItemsDictAgainstPython(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	args, dupArgs := []py.Value{py.Int(30000), py.Str("dict")}, []py.Value{py.Int(30000), py.Str("dupdict")}
	for _, ser := range []string{"serpent", "json", "marshal", "msgpack", "pickle"} {
		t.Run(ser, func(t *testing.T) {
			p := dial(t, d.URI("Thing"), pyro.WithSerializer(ser))
			whole, err := p.Call(ctxT(t), "big", args, nil)
			if err != nil {
				t.Fatal(err)
			}
			v, items, err := p.CallItems(ctxT(t), "big", args, nil)
			if err != nil || v != nil || items == nil || !items.IsDict() {
				t.Fatalf("CallItems gave value %v, items %v, error %v; want a dict's items", v != nil, items != nil, err)
			}
			if v, err := items.Whole(); v != nil || err != nil {
				t.Fatalf("Whole gave value %v, error %v; want the pairs streamed", v != nil, err)
			}
			want := whole.(*py.Dict).Items()
			for i := 0; ; i++ {
				k, v, ok, err := items.NextItem()
				if err != nil {
					t.Fatal(err)
				}
				if !ok {
					if i != len(want) {
						t.Fatalf("read %d pairs, want %d", i, len(want))
					}
					break
				}
				if i >= len(want) || !py.Equal(k, want[i].Key) || !py.Equal(v, want[i].Value) {
					t.Fatalf("pair %d is %s: %s", i, py.Repr(k), py.Repr(v))
				}
			}

			whole, err = p.Call(ctxT(t), "big", dupArgs, nil)
			if err != nil {
				t.Fatal(err)
			}
			_, items, err = p.CallItems(ctxT(t), "big", dupArgs, nil)
			if err != nil || items == nil || !items.IsDict() {
				t.Fatalf("dupdict: items %v, error %v; want a dict's items", items != nil, err)
			}
			v, err = items.Whole()
			if err != nil || (v != nil) != (ser == "json") {
				t.Fatalf("dupdict: Whole gave value %v, error %v; want the value only for json", v != nil, err)
			}
			if v != nil && (!py.Equal(v, whole) || py.Repr(v.(*py.Dict).Items()[0].Value) != "'last'") {
				t.Errorf("dupdict: Whole gave %.100s, unlike Call's %.100s", py.Repr(v), py.Repr(whole))
			}
		})
	}
}
