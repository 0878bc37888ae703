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
		y, ok := b.(Bytes)
		return ok && string(x) == string(y)
	case Tuple:
		y, ok := b.(Tuple)
		return ok && equalSeq(x, y)
	case List:
		y, ok := b.(List)
		return ok && equalSeq(x, y)
	case *Dict:
		y, ok := b.(*Dict)
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

// num is a number normalised for comparison: an exact integer or a
// complex of floats.
type num struct {
	isInt bool
	i     *big.Int
	c     complex128
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
	}
	return num{}, false
}

func (a num) equal(b num) bool {
	switch {
	case a.isInt && b.isInt:
		return a.i.Cmp(b.i) == 0
	case a.isInt:
		return intEqualsComplex(a.i, b.c)
	case b.isInt:
		return intEqualsComplex(b.i, a.c)
	}
	return a.c == b.c
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

func appendHashKey(sb *strings.Builder, v Value) bool {
	if v == nil {
		v = None
	}
	if n, ok := number(v); ok {
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
	case List, *Dict, *Set:
		return false
	default:
		sb.WriteByte('x')
		sb.WriteString(TypeName(v))
		sb.WriteByte(':')
		sb.WriteString(Repr(v))
	}
	return true
}
