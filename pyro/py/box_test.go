package py

import (
	"math"
	"reflect"
	"runtime"
	"slices"
	"testing"
)

// TestBoxedValues checks that a value boxed in a block is what Go's own
// box would be: the same dynamic type, equal under == and reflect, the
// same repr, and unchanged after a garbage collection and after more
// values were boxed from the same blocks.
func TestBoxedValues(t *testing.T) {
	var s Slab
	var got, want []Value
	for i := range 3000 {
		n := int64(i)*7919 - 1_000_000
		got = append(got, s.Int(n), s.Float(float64(i)*0.5-3), s.Str(Repr(Int(n))), s.List([]Value{Int(i)}))
		want = append(want, Int(n), Float(float64(i)*0.5-3), Str(Repr(Int(n))), List{Int(i)})
	}
	got = append(got, s.Int(0), s.Int(255), s.Int(256), s.Int(-1), s.Int(math.MinInt64), s.Int(math.MaxInt64),
		s.Float(math.Inf(-1)), s.Float(math.Copysign(0, -1)), s.Str(""), s.List(nil))
	want = append(want, Int(0), Int(255), Int(256), Int(-1), Int(math.MinInt64), Int(math.MaxInt64),
		Float(math.Inf(-1)), Float(math.Copysign(0, -1)), Str(""), List(nil))
	runtime.GC()
	for i := range got {
		g, w := got[i], want[i]
		if reflect.TypeOf(g) != reflect.TypeOf(w) || Repr(g) != Repr(w) || !reflect.DeepEqual(g, w) {
			t.Fatalf("value %d: boxed %T %s, want %T %s", i, g, Repr(g), w, Repr(w))
		}
		if _, isList := w.(List); !isList && g != w {
			t.Fatalf("value %d: boxed %s != %s", i, Repr(g), Repr(w))
		}
	}
	if m := map[Value]int{s.Str("key"): 1, s.Int(1000): 2}; m[Str("key")] != 1 || m[Int(1000)] != 2 {
		t.Fatalf("boxed values as map keys: %v", m)
	}
}

// TestSeqOf checks that a sequence boxed with its items is
// indistinguishable from Go's own box, and costs one allocation.
func TestSeqOf(t *testing.T) {
	items := []Value{Int(1), Str("a"), None, Float(2.5), Bool(true), Int(1000)}
	var got, want []Value
	for n := range len(items) + 1 {
		got = append(got, SeqOf(items[:n], false), SeqOf(items[:n], true))
		want = append(want, Tuple(slices.Clone(items[:n])), List(slices.Clone(items[:n])))
	}
	runtime.GC()
	for i := range got {
		g, w := got[i], want[i]
		if reflect.TypeOf(g) != reflect.TypeOf(w) || Repr(g) != Repr(w) || !reflect.DeepEqual(g, w) {
			t.Fatalf("value %d: boxed %T %s, want %T %s", i, g, Repr(g), w, Repr(w))
		}
	}
	items[0] = Int(2)
	if Repr(got[2]) != "(1,)" {
		t.Fatalf("SeqOf shares its items with the caller's: %s", Repr(got[2]))
	}
	if n := testing.AllocsPerRun(100, func() { _ = SeqOf(items[:3], false) }); n != 1 {
		t.Errorf("SeqOf of 3 items: %v allocations, want 1", n)
	}
}

// TestBoxedValuesAllocate checks that boxing from blocks allocates a block
// now and then, not once per value.
func TestBoxedValuesAllocate(t *testing.T) {
	var s Slab
	items := []Value{Int(1)}
	allocs := testing.AllocsPerRun(1, func() {
		for i := range 10_000 {
			_ = s.Int(int64(i) + 1000)
			_ = s.Float(float64(i))
			_ = s.Str("text")
			_ = s.List(items)
		}
	})
	// One per 512-byte block: 20,000 ints and floats 64 a block, and
	// 10,000 strs and list headers 32 and 21 a block make 1,101.
	if allocs > 1200 {
		t.Fatalf("40,000 boxed values took %v allocations", allocs)
	}
}
