package py

import (
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"
)

// Equal reports whether a == b in Python: numbers compare across bool, int,
// float and complex; tuple and list never equal each other; set equals a
// frozenset with the same elements; dicts compare regardless of order.
// nan is unequal to everything, itself included.
func Equal(a, b Value) bool {
	if a == nil {
		a = None
	}
	if b == nil {
		b = None
	}
	if eq, ok := scalarEqual(a, b); ok {
		return eq
	}
	if na, ok := number(a); ok {
		nb, ok := number(b)
		return ok && na.equal(nb)
	}
	switch x := a.(type) {
	case NoneType:
		_, ok := b.(NoneType)
		return ok
	case Str:
		y, ok := b.(Str)
		return ok && x == y
	case Bytes:
		y, ok := bytesOf(b)
		return ok && string(x) == string(y)
	case ByteArray:
		y, ok := bytesOf(b)
		return ok && string(x) == string(y)
	case Tuple:
		y, ok := b.(Tuple)
		return ok && equalSeq(x, y)
	case List:
		y, ok := b.(List)
		return ok && equalSeq(x, y)
	case *Dict:
		y, ok := dictOf(b)
		if !ok || x.Len() != y.Len() {
			return false
		}
		for _, it := range x.items {
			v, ok := y.Get(it.Key)
			if !ok || !Equal(it.Value, v) {
				return false
			}
		}
		return true
	case *Set:
		return equalSet(x.Items, b)
	case *FrozenSet:
		return equalSet(x.Items, b)
	case *Exception:
		y, ok := b.(*Exception)
		return ok && x.Class == y.Class && equalSeq(x.Args, y.Args)
	}
	if eq, ok := stdlibEqual(a, b); ok {
		return eq
	}
	// Kinds defined elsewhere (URIs, proxies) compare by type and repr.
	return sameType(a, b) && Repr(a) == Repr(b)
}

func sameType(a, b Value) bool {
	return TypeName(a) == TypeName(b)
}

func equalSeq(x, y []Value) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if !Equal(x[i], y[i]) {
			return false
		}
	}
	return true
}

func equalSet(items []Value, b Value) bool {
	var other []Value
	switch y := b.(type) {
	case *Set:
		other = y.Items
	case *FrozenSet:
		other = y.Items
	default:
		return false
	}
	ka, kb := setKeys(items), setKeys(other)
	if len(ka) != len(kb) {
		return false
	}
	for k := range ka {
		if !kb[k] {
			return false
		}
	}
	return true
}

func setKeys(items []Value) map[string]bool {
	m := make(map[string]bool, len(items))
	for _, v := range items {
		k, _ := HashKey(v)
		m[k] = true
	}
	return m
}

// scalarEqual compares the common pairs of str, int, bool and float
// without the allocations of number's big.Int; ok is false for any other
// pair. Decoders compare every dict key with the keys before it, so this
// is on the hot path of decoding large results.
func scalarEqual(a, b Value) (eq, ok bool) {
	switch x := a.(type) {
	case Str:
		y, ok := b.(Str)
		return ok && x == y, true
	case Int:
		switch y := b.(type) {
		case Int:
			return x == y, true
		case Bool:
			return int64(x) == boolInt(y), true
		case Float:
			return intEqualsFloat(int64(x), float64(y)), true
		}
	case Bool:
		switch y := b.(type) {
		case Int:
			return boolInt(x) == int64(y), true
		case Bool:
			return x == y, true
		case Float:
			return float64(boolInt(x)) == float64(y), true
		}
	case Float:
		switch y := b.(type) {
		case Float:
			return x == y, true
		case Int:
			return intEqualsFloat(int64(y), float64(x)), true
		case Bool:
			return float64(x) == float64(boolInt(y)), true
		}
	}
	return false, false
}

func boolInt(b Bool) int64 {
	if b {
		return 1
	}
	return 0
}

// int64Bound is 2**63, the first float above every int64.
const int64Bound = 1 << 63

// intEqualsFloat compares exactly, as Python does: 2**53+1 != 2.0**53.
func intEqualsFloat(i int64, f float64) bool {
	return f >= -int64Bound && f < int64Bound && f == math.Trunc(f) && int64(f) == i
}

// num is a number normalised for comparison: an exact integer or a
// complex of floats.
type num struct {
	isInt bool
	i     *big.Int
	c     complex128
	// r is set instead of i and c for an exact rational that is not an
	// integer (a Decimal or Fraction).
	r *big.Rat
}

func number(v Value) (num, bool) {
	switch x := v.(type) {
	case Bool:
		if x {
			return num{isInt: true, i: big.NewInt(1)}, true
		}
		return num{isInt: true, i: big.NewInt(0)}, true
	case Int:
		return num{isInt: true, i: big.NewInt(int64(x))}, true
	case *BigInt:
		return num{isInt: true, i: x.V}, true
	case Float:
		return num{c: complex(float64(x), 0)}, true
	case Complex:
		return num{c: complex128(x)}, true
	case Decimal:
		return decimalNum(string(x))
	case *Fraction:
		return ratNum(new(big.Rat).SetFrac(x.Num, x.Den)), true
	}
	return num{}, false
}

// decimalNum reads a Decimal's text: NaN and sNaN are unequal to
// everything, Infinity compares as a float infinity.
func decimalNum(s string) (num, bool) {
	t := strings.TrimLeft(s, "+-")
	switch strings.ToLower(t) {
	case "nan", "snan":
		return num{c: complex(math.NaN(), 0)}, true
	case "infinity", "inf":
		if strings.HasPrefix(s, "-") {
			return num{c: complex(math.Inf(-1), 0)}, true
		}
		return num{c: complex(math.Inf(1), 0)}, true
	}
	if len(t) > 4000 {
		return num{c: complex(math.NaN(), 0)}, true // too long to compare exactly
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return num{}, false
	}
	return ratNum(r), true
}

func ratNum(r *big.Rat) num {
	if r.IsInt() {
		return num{isInt: true, i: new(big.Int).Set(r.Num())}
	}
	return num{r: r}
}

func (a num) equal(b num) bool {
	switch {
	case a.r != nil && b.r != nil:
		return a.r.Cmp(b.r) == 0
	case a.r != nil:
		return !b.isInt && ratEqualsComplex(a.r, b.c)
	case b.r != nil:
		return !a.isInt && ratEqualsComplex(b.r, a.c)
	case a.isInt && b.isInt:
		return a.i.Cmp(b.i) == 0
	case a.isInt:
		return intEqualsComplex(a.i, b.c)
	case b.isInt:
		return intEqualsComplex(b.i, a.c)
	}
	return a.c == b.c
}

func ratEqualsComplex(r *big.Rat, c complex128) bool {
	f := real(c)
	if imag(c) != 0 || math.IsNaN(f) || math.IsInf(f, 0) {
		return false
	}
	return new(big.Rat).SetFloat64(f).Cmp(r) == 0
}

func intEqualsComplex(i *big.Int, c complex128) bool {
	if imag(c) != 0 {
		return false
	}
	f := real(c)
	if math.IsNaN(f) || math.IsInf(f, 0) || f != math.Trunc(f) {
		return false
	}
	bf := new(big.Float).SetFloat64(f)
	bi, _ := bf.Int(nil)
	return bi.Cmp(i) == 0
}

// HashKey returns a string that is equal for values Python considers
// equal and hashable (1, 1.0 and True share one), and false for
// unhashable values (list, dict, set, tuples holding them).
func HashKey(v Value) (string, bool) {
	var sb strings.Builder
	ok := appendHashKey(&sb, v)
	return sb.String(), ok
}

func appendIntKey(sb *strings.Builder, i int64) {
	var buf [24]byte
	b := append(buf[:0], 'i')
	sb.Write(strconv.AppendInt(b, i, 10))
}

func appendHashKey(sb *strings.Builder, v Value) bool {
	if v == nil {
		v = None
	}
	// Fast paths for the common key kinds, with the same keys as the
	// general code below but no big.Int.
	switch x := v.(type) {
	case Str:
		sb.Grow(len(x) + 8)
		sb.WriteByte('s')
		sb.WriteString(strconv.Itoa(len(x)))
		sb.WriteByte(':')
		sb.WriteString(string(x))
		return true
	case Int:
		appendIntKey(sb, int64(x))
		return true
	case Bool:
		appendIntKey(sb, boolInt(x))
		return true
	case Float:
		if f := float64(x); f >= -int64Bound && f < int64Bound && f == math.Trunc(f) {
			appendIntKey(sb, int64(f))
			return true
		}
	}
	if n, ok := number(v); ok {
		if n.r != nil {
			// Equal to a float only when the float holds it exactly.
			if f, exact := n.r.Float64(); exact {
				sb.WriteByte('c')
				sb.WriteString(strconv.FormatFloat(f, 'g', -1, 64))
				sb.WriteString(",0")
			} else {
				sb.WriteByte('q')
				sb.WriteString(n.r.String())
			}
			return true
		}
		if !n.isInt && imag(n.c) == 0 {
			f := real(n.c)
			if f == math.Trunc(f) && !math.IsInf(f, 0) {
				bf := new(big.Float).SetFloat64(f)
				n.i, _ = bf.Int(nil)
				n.isInt = true
			}
		}
		if n.isInt {
			sb.WriteByte('i')
			sb.WriteString(n.i.String())
		} else {
			sb.WriteByte('c')
			sb.WriteString(strconv.FormatFloat(real(n.c), 'g', -1, 64))
			sb.WriteByte(',')
			sb.WriteString(strconv.FormatFloat(imag(n.c), 'g', -1, 64))
		}
		return true
	}
	switch x := v.(type) {
	case NoneType:
		sb.WriteByte('N')
	case Str:
		sb.WriteByte('s')
		sb.WriteString(strconv.Itoa(len(x)))
		sb.WriteByte(':')
		sb.WriteString(string(x))
	case Bytes:
		sb.WriteByte('b')
		sb.WriteString(strconv.Itoa(len(x)))
		sb.WriteByte(':')
		sb.Write(x)
	case Tuple:
		sb.WriteString("t(")
		for _, e := range x {
			if !appendHashKey(sb, e) {
				return false
			}
			sb.WriteByte(',')
		}
		sb.WriteByte(')')
	case *FrozenSet:
		keys := make([]string, 0, len(x.Items))
		for _, e := range x.Items {
			k, ok := HashKey(e)
			if !ok {
				return false
			}
			keys = append(keys, k)
		}
		sort.Strings(keys)
		sb.WriteString("f(")
		for _, k := range keys {
			sb.WriteString(strconv.Itoa(len(k)))
			sb.WriteByte(':')
			sb.WriteString(k)
		}
		sb.WriteByte(')')
	case List, *Dict, *Set, ByteArray, *Deque, *Array, *Slice, *StdDict:
		return false
	case *DateTime, *Time, *TimeZone, *Range:
		sb.WriteString(stdlibHashKey(v))
	default:
		sb.WriteByte('x')
		sb.WriteString(TypeName(v))
		sb.WriteByte(':')
		sb.WriteString(Repr(v))
	}
	return true
}
