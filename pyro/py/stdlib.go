package py

import (
	"math/big"
	"sort"
)

// The standard library's value types that pickle carries as themselves
// (Python's pickle proxy gets a real Decimal, deque, range...). Each
// prints Python 3.11's repr, compares as Python compares it (Equal) and has
// a JSON form, JSONValue, the one Pyro4's serpent and json serializers send
// for it where there is one (Decimal and UUID as str, datetime as
// isoformat(), timedelta as total_seconds(), array as a list), so -o json
// does not depend on the serializer. The datetime kinds are in
// stdlib_time.go; OrderedDict, Counter and defaultdict are a Dict with a
// Kind.

// Decimal is a decimal.Decimal, held as its str(): "3.14", "-0", "NaN",
// "-Infinity", "1E+3" (what its pickle carries).
type Decimal string

// AppendRepr implements Value: Decimal('3.14').
func (d Decimal) AppendRepr(dst []byte) []byte {
	dst = append(dst, "Decimal("...)
	dst = AppendQuoted(dst, string(d))
	return append(dst, ')')
}

// PyType implements the TypeName hook.
func (Decimal) PyType() string { return "Decimal" }

// JSONValue is the str, as Pyro4's serializers send a Decimal.
func (d Decimal) JSONValue() any { return Str(d) }

// Fraction is a fractions.Fraction in lowest terms, Den > 0.
type Fraction struct{ Num, Den *big.Int }

// AppendRepr implements Value: Fraction(3, 4).
func (f *Fraction) AppendRepr(dst []byte) []byte {
	dst = append(dst, "Fraction("...)
	dst = f.Num.Append(dst, 10)
	dst = append(dst, ", "...)
	dst = f.Den.Append(dst, 10)
	return append(dst, ')')
}

// PyType implements the TypeName hook.
func (*Fraction) PyType() string { return "Fraction" }

// JSONValue is str(fraction): "3/4", "2".
func (f *Fraction) JSONValue() any {
	if f.Den.Cmp(big.NewInt(1)) == 0 {
		return Str(f.Num.String())
	}
	return Str(f.Num.String() + "/" + f.Den.String())
}

// NewFraction returns num/den in lowest terms, or false for a zero den.
func NewFraction(num, den *big.Int) (*Fraction, bool) {
	if den.Sign() == 0 {
		return nil, false
	}
	r := new(big.Rat).SetFrac(num, den)
	return &Fraction{Num: new(big.Int).Set(r.Num()), Den: new(big.Int).Set(r.Denom())}, true
}

// UUID is a uuid.UUID, its 16 bytes big-endian.
type UUID [16]byte

// String returns the canonical form 12345678-1234-5678-1234-567812345678.
func (u UUID) String() string {
	b := make([]byte, 0, 36)
	for i, c := range u {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			b = append(b, '-')
		}
		b = append(b, hexDigits[c>>4], hexDigits[c&15])
	}
	return string(b)
}

// AppendRepr implements Value: UUID('12345678-...').
func (u UUID) AppendRepr(dst []byte) []byte {
	dst = append(dst, "UUID('"...)
	dst = append(dst, u.String()...)
	return append(dst, "')"...)
}

// PyType implements the TypeName hook.
func (UUID) PyType() string { return "UUID" }

// JSONValue is str(uuid), as Pyro4's serializers send one.
func (u UUID) JSONValue() any { return Str(u.String()) }

// ByteArray is a bytearray.
type ByteArray []byte

// AppendRepr implements Value: bytearray(b'\x80abc').
func (b ByteArray) AppendRepr(dst []byte) []byte {
	dst = append(dst, "bytearray("...)
	dst = AppendBytesRepr(dst, b)
	return append(dst, ')')
}

// PyType implements the TypeName hook.
func (ByteArray) PyType() string { return "bytearray" }

// JSONValue is the bytes, which JSON output writes as base64.
func (b ByteArray) JSONValue() any { return Bytes(b) }

// Range is a range; Start, Stop and Step are Int or *BigInt, Step not 0.
type Range struct{ Start, Stop, Step Value }

// AppendRepr implements Value: range(0, 3), range(10, -5, -3).
func (r *Range) AppendRepr(dst []byte) []byte {
	dst = append(dst, "range("...)
	dst = AppendRepr(dst, r.Start)
	dst = append(dst, ", "...)
	dst = AppendRepr(dst, r.Stop)
	if s, ok := r.Step.(Int); !ok || s != 1 {
		dst = append(dst, ", "...)
		dst = AppendRepr(dst, r.Step)
	}
	return append(dst, ')')
}

// PyType implements the TypeName hook.
func (*Range) PyType() string { return "range" }

// JSONValue is {"start": ..., "stop": ..., "step": ...}: a range may be
// too long to list.
func (r *Range) JSONValue() any {
	return DictOf(Str("start"), r.Start, Str("stop"), r.Stop, Str("step"), r.Step)
}

// Len returns the number of elements, as len(range) does.
func (r *Range) Len() *big.Int {
	start, stop, step := bigOf(r.Start), bigOf(r.Stop), bigOf(r.Step)
	n := new(big.Int)
	switch step.Sign() {
	case 1:
		if start.Cmp(stop) >= 0 {
			return n
		}
		n.Sub(stop, start)
		n.Sub(n, big.NewInt(1))
	case -1:
		if start.Cmp(stop) <= 0 {
			return n
		}
		n.Sub(start, stop)
		n.Sub(n, big.NewInt(1))
		step = new(big.Int).Neg(step)
	default:
		return n
	}
	n.Quo(n, step)
	return n.Add(n, big.NewInt(1))
}

func bigOf(v Value) *big.Int {
	switch x := v.(type) {
	case Int:
		return big.NewInt(int64(x))
	case *BigInt:
		return x.V
	case Bool:
		return big.NewInt(boolInt(x))
	}
	return new(big.Int)
}

// Slice is a slice object: slice(1, None, 2).
type Slice struct{ Start, Stop, Step Value }

// AppendRepr implements Value: slice(1, None, 2).
func (s *Slice) AppendRepr(dst []byte) []byte {
	dst = append(dst, "slice("...)
	dst = appendItems(dst, []Value{s.Start, s.Stop, s.Step})
	return append(dst, ')')
}

// PyType implements the TypeName hook.
func (*Slice) PyType() string { return "slice" }

// JSONValue is {"start": ..., "stop": ..., "step": ...}.
func (s *Slice) JSONValue() any {
	return DictOf(Str("start"), s.Start, Str("stop"), s.Stop, Str("step"), s.Step)
}

// Array is an array.array: Code is its typecode ('i', 'd', 'u'...);
// Items are Int or Float, or for the text codes 'u' and 'w' one Str.
type Array struct {
	Code  string
	Items []Value
}

// IsText reports whether the array holds text (typecode 'u' or 'w').
func (a *Array) IsText() bool { return a.Code == "u" || a.Code == "w" }

// AppendRepr implements Value: array('i', [1, 2]), array('u', 'hi'),
// array('d') when empty.
func (a *Array) AppendRepr(dst []byte) []byte {
	dst = append(dst, "array("...)
	dst = AppendQuoted(dst, a.Code)
	if len(a.Items) == 0 || a.IsText() && len(a.Items) == 1 && a.Items[0] == Str("") {
		return append(dst, ')')
	}
	dst = append(dst, ", "...)
	if a.IsText() {
		dst = AppendRepr(dst, a.Items[0])
	} else {
		dst = List(a.Items).AppendRepr(dst)
	}
	return append(dst, ')')
}

// PyType implements the TypeName hook.
func (*Array) PyType() string { return "array" }

// JSONValue is the list of items, or the text, as Pyro4 sends an array.
func (a *Array) JSONValue() any {
	if a.IsText() {
		if len(a.Items) == 0 {
			return Str("")
		}
		return a.Items[0]
	}
	return List(a.Items)
}

// Deque is a collections.deque; MaxLen is nil or an Int.
type Deque struct {
	Items  []Value
	MaxLen Value
}

// AppendRepr implements Value: deque([1, 2]), deque([1], maxlen=5).
func (d *Deque) AppendRepr(dst []byte) []byte {
	dst = append(dst, "deque("...)
	dst = List(d.Items).AppendRepr(dst)
	if d.MaxLen != nil && d.MaxLen != None {
		dst = append(dst, ", maxlen="...)
		dst = AppendRepr(dst, d.MaxLen)
	}
	return append(dst, ')')
}

// PyType implements the TypeName hook.
func (*Deque) PyType() string { return "deque" }

// JSONValue is the list of items.
func (d *Deque) JSONValue() any { return List(d.Items) }

// Append adds v on the right, dropping from the left past MaxLen, as
// deque.append does.
func (d *Deque) Append(v Value) {
	d.Items = append(d.Items, v)
	if n, ok := d.MaxLen.(Int); ok && n >= 0 && len(d.Items) > int(n) {
		d.Items = d.Items[len(d.Items)-int(n):]
	}
}

// Class is a class itself (a defaultdict's default factory): module and
// name.
type Class struct{ Module, Name string }

// AppendRepr implements Value: <class 'list'>, <class 'mod.Name'>.
func (c *Class) AppendRepr(dst []byte) []byte {
	dst = append(dst, "<class '"...)
	if c.Module != "builtins" {
		dst = append(dst, c.Module...)
		dst = append(dst, '.')
	}
	dst = append(dst, c.Name...)
	return append(dst, "'>"...)
}

// PyType implements the TypeName hook.
func (*Class) PyType() string { return "type" }

// JSONValue is the qualified name.
func (c *Class) JSONValue() any { return Str(c.Module + "." + c.Name) }

// DictKind says which of the standard library's dict types a Dict is.
type DictKind uint8

// The dict kinds; the zero value is a plain dict.
const (
	PlainDict DictKind = iota
	OrderedDict
	Counter
	DefaultDict
)

var dictKindNames = [...]string{"dict", "OrderedDict", "Counter", "defaultdict"}

// String returns the type name: dict, OrderedDict, Counter, defaultdict.
func (k DictKind) String() string {
	if int(k) < len(dictKindNames) {
		return dictKindNames[k]
	}
	return "dict"
}

// StdDict is a dict of one of the standard library's dict subclasses:
// OrderedDict, Counter, defaultdict. The embedded Dict holds the items.
type StdDict struct {
	*Dict
	Kind DictKind
	// Factory is a defaultdict's default_factory (a *Class or None).
	Factory Value
}

// NewStdDict returns an empty dict of kind k.
func NewStdDict(k DictKind, n int) *StdDict {
	return &StdDict{Dict: NewDict(n), Kind: k, Factory: None}
}

// PyType implements the TypeName hook: OrderedDict, Counter, defaultdict.
func (d *StdDict) PyType() string { return d.Kind.String() }

// JSONValue is the dict, an object in JSON output.
func (d *StdDict) JSONValue() any { return d.Dict }

// AppendRepr implements Value: OrderedDict([('a', 1)]), Counter({'a': 2})
// (by count, highest first), defaultdict(<class 'list'>, {}).
func (d *StdDict) AppendRepr(dst []byte) []byte {
	switch d.Kind {
	case OrderedDict:
		if d.Len() == 0 {
			return append(dst, "OrderedDict()"...)
		}
		dst = append(dst, "OrderedDict(["...)
		for i, it := range d.items {
			if i > 0 {
				dst = append(dst, ", "...)
			}
			dst = Tuple{it.Key, it.Value}.AppendRepr(dst)
		}
		return append(dst, "])"...)
	case Counter:
		if d.Len() == 0 {
			return append(dst, "Counter()"...)
		}
		dst = append(dst, "Counter("...)
		dst = d.MostCommon().AppendRepr(dst)
		return append(dst, ')')
	}
	dst = append(dst, "defaultdict("...)
	dst = AppendRepr(dst, d.Factory)
	dst = append(dst, ", "...)
	dst = d.Dict.AppendRepr(dst)
	return append(dst, ')')
}

// MostCommon returns a plain dict of a Counter's items by count, highest
// first, ties in insertion order: the order Counter's repr lists them in
// (Counter.most_common). Counts that are not numbers sort last.
func (d *StdDict) MostCommon() *Dict {
	items := append([]Item(nil), d.items...)
	key := func(v Value) (float64, bool) {
		n, ok := number(v)
		if !ok || !n.isInt && imag(n.c) != 0 {
			return 0, false
		}
		if n.isInt {
			f, _ := new(big.Float).SetInt(n.i).Float64()
			return f, true
		}
		return real(n.c), true
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, aok := key(items[i].Value)
		b, bok := key(items[j].Value)
		return aok && (!bok || a > b)
	})
	return &Dict{items: items}
}
