package printer

import (
	"bytes"
	"math"
	"math/big"
	"sort"
	"unicode/utf8"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// sortedSet orders set items as pprint does, sorted(items, key=_safe_key):
// Python's < where it is defined (numbers of any kind numerically, str by
// code point, bytes, tuples item by item, frozensets by proper subset),
// and where < raises TypeError, by str(type(x)) and then by id(x).
//
// Deliberate differences: Go has no id, so arrival order stands in for it
// (Python's ids, memory addresses, make that order arbitrary anyway); and
// where Python's comparisons are not a total order (NaN, frozensets,
// numbers mixed with a type whose name sorts between float and int)
// CPython's result depends on its sort algorithm and the set's hash order,
// which a stable merge sort here does not reproduce.
func sortedSet(items []py.Value) []py.Value {
	idx := make([]int, len(items))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		x, y := items[idx[a]], items[idx[b]]
		if less, ok := pyLess(x, y); ok {
			return less
		}
		tx, ty := typeString(x), typeString(y)
		if tx != ty {
			return tx < ty
		}
		return idx[a] < idx[b]
	})
	out := make([]py.Value, len(items))
	for i, j := range idx {
		out[i] = items[j]
	}
	return out
}

// typeString is str(type(v)), the first key of _safe_key's fallback.
func typeString(v py.Value) string {
	if e, ok := v.(*py.Exception); ok {
		return "<class '" + qualifiedName(e.Class) + "'>"
	}
	return "<class '" + py.TypeName(v) + "'>"
}

// pyLess is Python's a < b; ok is false where Python raises TypeError.
func pyLess(a, b py.Value) (less, ok bool) {
	if x, isNum := toBig(a); isNum {
		if y, isNum := toBig(b); isNum {
			if x == nil || y == nil { // NaN compares false with everything
				return false, true
			}
			return x.Cmp(y) < 0, true
		}
		return false, false
	}
	switch x := a.(type) {
	case py.Str:
		if y, ok := b.(py.Str); ok {
			return lessCodePoints(string(x), string(y)), true
		}
	case py.Bytes:
		if y, ok := b.(py.Bytes); ok {
			return bytes.Compare(x, y) < 0, true
		}
	case py.Tuple:
		if y, ok := b.(py.Tuple); ok {
			return lessSeq(x, y)
		}
	case py.List:
		if y, ok := b.(py.List); ok {
			return lessSeq(x, y)
		}
	case *py.FrozenSet:
		if y, ok := b.(*py.FrozenSet); ok {
			return properSubset(x.Items, y.Items), true
		}
	}
	return false, false
}

// toBig returns a number exactly as a big.Float, nil for NaN; isNum is
// false for values that are not bool, int or float.
func toBig(v py.Value) (f *big.Float, isNum bool) {
	switch x := v.(type) {
	case py.Bool:
		if x {
			return big.NewFloat(1), true
		}
		return big.NewFloat(0), true
	case py.Int:
		return new(big.Float).SetInt64(int64(x)), true
	case *py.BigInt:
		return new(big.Float).SetInt(x.V), true
	case py.Float:
		if math.IsNaN(float64(x)) {
			return nil, true
		}
		return new(big.Float).SetFloat64(float64(x)), true
	}
	return nil, false
}

// lessCodePoints compares as Python compares str: by code point, with
// bytes that are not UTF-8 standing for the surrogates U+DC80..U+DCFF.
func lessCodePoints(a, b string) bool {
	for len(a) > 0 && len(b) > 0 {
		ra, na := decodeSurrogateEscape(a)
		rb, nb := decodeSurrogateEscape(b)
		if ra != rb {
			return ra < rb
		}
		a, b = a[na:], b[nb:]
	}
	return len(a) == 0 && len(b) > 0
}

func decodeSurrogateEscape(s string) (rune, int) {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && n == 1 {
		return 0xdc00 + rune(s[0]), 1
	}
	return r, n
}

// lessSeq compares sequences as Python does: at the first pair of items
// that are not equal, by < of that pair; otherwise by length.
func lessSeq(a, b []py.Value) (less, ok bool) {
	for i := 0; i < len(a) && i < len(b); i++ {
		if !py.Equal(a[i], b[i]) {
			return pyLess(a[i], b[i])
		}
	}
	return len(a) < len(b), true
}

func properSubset(a, b []py.Value) bool {
	if len(a) >= len(b) {
		return false
	}
	for _, x := range a {
		found := false
		for _, y := range b {
			if py.Equal(x, y) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
