package py

import "testing"

// TestSlabDictSameKeys checks Slab.Dict's shortcut for a dict whose keys
// are the very boxes of the last one it checked: such dicts are built as
// given, and a dict that differs (a key given twice, an unhashable key,
// an equal key in another box, another order) is still checked in full.
func TestSlabDictSameKeys(t *testing.T) {
	var s Slab
	var tab StrTable
	a, b := tab.Str([]byte("a")), tab.Str([]byte("b"))
	dict := func(kv ...Value) (*Dict, error) {
		items := s.Items(len(kv) / 2)
		for i := range items {
			items[i] = Item{kv[2*i], kv[2*i+1]}
		}
		return s.Dict(items)
	}
	for i := range 3 {
		d, err := dict(a, Int(i), b, Int(i+1))
		if err != nil || Repr(d) != "{'a': "+Repr(Int(i))+", 'b': "+Repr(Int(i+1))+"}" {
			t.Fatalf("dict %d: %v, %v", i, d, err)
		}
	}
	for _, c := range []struct {
		kv   []Value
		want string
	}{
		{[]Value{a, Int(1), a, Int(2)}, "{'a': 2}"},
		{[]Value{a, Int(1), Str("a"), Int(2)}, "{'a': 2}"}, // equal, not the same box
		{[]Value{b, Int(1), a, Int(2)}, "{'b': 1, 'a': 2}"},
		{[]Value{a, Int(1), b, Int(2), a, Int(3)}, "{'a': 3, 'b': 2}"},
	} {
		if _, err := dict(a, Int(0), b, Int(0)); err != nil { // remembered again
			t.Fatal(err)
		}
		d, err := dict(c.kv...)
		if err != nil || Repr(d) != c.want {
			t.Errorf("%v: got %v, %v; want %s", c.kv, d, err, c.want)
		}
	}
	if _, err := dict(a, Int(0), List{}, Int(0)); err == nil {
		t.Error("an unhashable key after a remembered shape was accepted")
	}
}
