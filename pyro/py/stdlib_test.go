package py

import (
	"math"
	"math/big"
	"testing"
)

// TestStdlibEquality checks == and hashing of the standard library kinds
// against what Python 3.11 answers for the same pairs.
func TestStdlibEquality(t *testing.T) {
	half, _ := NewFraction(big.NewInt(1), big.NewInt(2))
	two, _ := NewFraction(big.NewInt(4), big.NewInt(2))
	third, _ := NewFraction(big.NewInt(1), big.NewInt(3))
	plus2 := &TimeZone{Offset: NewTimeDelta(0, 7200, 0)}
	utc := &TimeZone{}
	noon2 := &DateTime{Date: Date{2020, 1, 2}, Hour: 12, TZ: plus2}
	ten := &DateTime{Date: Date{2020, 1, 2}, Hour: 10, TZ: utc}
	naive := &DateTime{Date: Date{2020, 1, 2}, Hour: 10}
	od := func(kv ...Value) *StdDict { return &StdDict{Dict: DictOf(kv...), Kind: OrderedDict} }
	cases := []struct {
		a, b Value
		eq   bool // a == b in Python; equal hashable values also hash alike
	}{
		{Decimal("1.0"), Int(1), true},
		{Decimal("1.5"), Float(1.5), true},
		{Decimal("0.1"), Float(0.1), false},
		{Decimal("NaN"), Decimal("NaN"), false},
		{Decimal("-Infinity"), Float(math.Inf(-1)), true},
		{half, Float(0.5), true},
		{half, Decimal("0.5"), true},
		{two, Int(2), true},
		{third, Float(1.0 / 3), false},
		{noon2, ten, true},
		{ten, naive, false},
		{&Range{Int(0), Int(0), Int(1)}, &Range{Int(5), Int(2), Int(3)}, true},
		{&Range{Int(0), Int(3), Int(1)}, &Range{Int(0), Int(3), Int(2)}, false},
		{&Range{Int(0), Int(1), Int(1)}, &Range{Int(0), Int(1), Int(7)}, true},
		{od(Str("a"), Int(1), Str("b"), Int(2)), od(Str("b"), Int(2), Str("a"), Int(1)), false},
		{od(Str("a"), Int(1), Str("b"), Int(2)), DictOf(Str("b"), Int(2), Str("a"), Int(1)), true},
		{ByteArray("ab"), Bytes("ab"), true},
		{&Deque{Items: []Value{Int(1)}}, List{Int(1)}, false},
		{&TimeZone{Offset: NewTimeDelta(0, 3600, 0), Name: new(string)}, &TimeZone{Offset: NewTimeDelta(0, 3600, 0)}, true},
		{newTimeDeltaPtr(0, 86400, 0), &TimeDelta{Days: 1}, true},
		{UUID{1}, UUID{1}, true},
	}
	for _, c := range cases {
		if got := Equal(c.a, c.b); got != c.eq {
			t.Errorf("%s == %s is %v, want %v", Repr(c.a), Repr(c.b), got, c.eq)
		}
		if got := Equal(c.b, c.a); got != c.eq {
			t.Errorf("%s == %s is %v, want %v", Repr(c.b), Repr(c.a), got, c.eq)
		}
		ka, oka := HashKey(c.a)
		kb, okb := HashKey(c.b)
		if c.eq && oka && okb && ka != kb {
			t.Errorf("%s and %s are equal but hash apart", Repr(c.a), Repr(c.b))
		}
	}
}

func newTimeDeltaPtr(d, s, us int64) *TimeDelta {
	td := NewTimeDelta(d, s, us)
	return &td
}
