package py

import (
	"runtime"
	"strconv"
	"testing"
)

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

// TestSlabKeepsValuesAlive checks that the values and items a Slab hands
// out keep what they hold alive: the blocks tell the collector only their
// data words are pointers (valueWords), which must be enough. Each value
// is the only reference to a fresh heap object; after collections and
// new garbage that would reuse freed memory, every one still reads back.
func TestSlabKeepsValuesAlive(t *testing.T) {
	var s Slab
	const n = 5000
	var lists [][]Value
	var dicts [][]Item
	for i := range n {
		v := s.Values(1 + i%3)
		for j := range v {
			v[j] = Str(strconv.Itoa(i*10 + j)) // boxed by Go, in the heap
		}
		lists = append(lists, v)
		it := s.Items(1 + i%2)
		for j := range it {
			it[j] = Item{Str("k" + strconv.Itoa(i)), NewDict(j)}
		}
		dicts = append(dicts, it)
	}
	big := s.MoreValues(s.Values(40)) // over a block: an allocation of its own
	for j := range big {
		big[j] = Str(strconv.Itoa(-j))
	}
	for range 3 {
		runtime.GC()
		garbage := make([][]byte, 0, 10000)
		for j := range 10000 {
			garbage = append(garbage, []byte(strconv.Itoa(j)+"xxxxxxxxxxxxxxxx"))
		}
		runtime.KeepAlive(garbage)
	}
	for i, v := range lists {
		for j, x := range v {
			if x != Str(strconv.Itoa(i*10+j)) {
				t.Fatalf("list %d value %d: %s", i, j, Repr(x))
			}
		}
	}
	for i, it := range dicts {
		for j, x := range it {
			if x.Key != Str("k"+strconv.Itoa(i)) || x.Value.(*Dict).Len() != 0 || cap(x.Value.(*Dict).items) != j {
				t.Fatalf("items %d item %d: %s: %s", i, j, Repr(x.Key), Repr(x.Value))
			}
		}
	}
	for j, x := range big {
		if x != Str(strconv.Itoa(-j)) {
			t.Fatalf("big value %d: %s", j, Repr(x))
		}
	}
}
