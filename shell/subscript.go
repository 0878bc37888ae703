package shell

import (
	"math"
	"unicode/utf8"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// subscript is v[i] on a local value, with Python's errors: list, tuple,
// str and bytes take an int (negative counts from the end), a dict takes
// a key.
func subscript(v, i py.Value) (py.Value, error) {
	e, err := element(v, i)
	if r, ok := e.(*py.Recursive); ok && r.Target != nil {
		return r.Target, err // d['self'] is d itself
	}
	return e, err
}

func element(v, i py.Value) (py.Value, error) {
	switch x := v.(type) {
	case py.List:
		n, err := seqIndex(i, len(x), "list")
		if err != nil {
			return nil, err
		}
		return x[n], nil
	case py.Tuple:
		n, err := seqIndex(i, len(x), "tuple")
		if err != nil {
			return nil, err
		}
		return x[n], nil
	case py.Str:
		s := string(x)
		n, err := seqIndex(i, utf8.RuneCountInString(s), "string")
		if err != nil {
			return nil, err
		}
		for _, r := range s {
			if n == 0 {
				return py.Str(string(r)), nil
			}
			n--
		}
	case py.Bytes:
		n, err := seqIndex(i, len(x), "bytes")
		if err != nil {
			return nil, err
		}
		return py.Int(x[n]), nil
	case *py.Deque:
		n, err := seqIndex(i, len(x.Items), "deque")
		if err != nil {
			return nil, err
		}
		return x.Items[n], nil
	case py.ByteArray:
		n, err := seqIndex(i, len(x), "bytearray")
		if err != nil {
			return nil, err
		}
		return py.Int(x[n]), nil
	case *py.StdDict:
		if _, ok := py.HashKey(i); ok && x.Kind == py.Counter {
			if _, found := x.Get(i); !found {
				return py.Int(0), nil // Counter.__missing__
			}
		}
		return subscript(x.Dict, i)
	case *py.Dict:
		if _, ok := py.HashKey(i); !ok {
			return nil, localf("TypeError", "unhashable type: '%s'", py.TypeName(i))
		}
		if e, ok := x.Get(i); ok {
			return e, nil
		}
		return nil, localf("KeyError", "%s", py.Repr(i))
	}
	return nil, localf("TypeError", "'%s' object is not subscriptable", py.TypeName(v))
}

// seqIndex checks index i of a sequence of n items of the named kind and
// returns it counted from the start.
func seqIndex(i py.Value, n int, kind string) (int, error) {
	var k int64
	switch x := i.(type) {
	case py.Int:
		k = int64(x)
	case py.Bool:
		if x {
			k = 1
		}
	case *py.BigInt:
		return 0, localf("IndexError", "cannot fit 'int' into an index-sized integer")
	default:
		switch kind {
		case "string":
			return 0, localf("TypeError", "string indices must be integers, not '%s'", py.TypeName(i))
		case "bytes":
			kind = "byte"
		}
		return 0, localf("TypeError", "%s indices must be integers or slices, not %s", kind, py.TypeName(i))
	}
	if k < 0 {
		k += int64(n)
	}
	if k < 0 || k >= int64(n) {
		if kind == "bytes" {
			return 0, localf("IndexError", "index out of range")
		}
		return 0, localf("IndexError", "%s index out of range", kind)
	}
	return int(k), nil
}

// sliceOf is v[lo:hi:step] on a local list, tuple, str or bytes, with
// Python's rules for absent, negative and out-of-range bounds
// (PySlice_AdjustIndices). Absent parts are nil.
func sliceOf(v, lo, hi, step py.Value) (py.Value, error) {
	n := seqLen(v)
	if s, ok := v.(py.Str); ok {
		n = utf8.RuneCountInString(string(s))
	}
	if n < 0 {
		return nil, localf("TypeError", "'%s' object is not subscriptable", py.TypeName(v))
	}
	st := int64(1)
	if step != nil && step != py.None {
		k, err := sliceBound(step)
		if err != nil {
			return nil, err
		}
		if k == 0 {
			return nil, localf("ValueError", "slice step cannot be zero")
		}
		st = k
	}
	start, stop := adjust(lo, n, st, true), adjust(hi, n, st, false)
	if start == nil || stop == nil {
		for _, b := range []py.Value{lo, hi} {
			if _, err := sliceBound(b); err != nil {
				return nil, err
			}
		}
	}
	var idx []int
	for i := *start; st > 0 && i < *stop || st < 0 && i > *stop; i += st {
		idx = append(idx, int(i))
	}
	switch x := v.(type) {
	case py.List:
		out := make(py.List, len(idx))
		for j, i := range idx {
			out[j] = x[i]
		}
		return out, nil
	case py.Tuple:
		out := make(py.Tuple, len(idx))
		for j, i := range idx {
			out[j] = x[i]
		}
		return out, nil
	case py.Bytes:
		out := make(py.Bytes, len(idx))
		for j, i := range idx {
			out[j] = x[i]
		}
		return out, nil
	case py.Str:
		runes := []rune(string(x))
		out := make([]rune, len(idx))
		for j, i := range idx {
			out[j] = runes[i]
		}
		return py.Str(string(out)), nil
	}
	return nil, localf("TypeError", "'%s' object is not subscriptable", py.TypeName(v))
}

// sliceBound reads one part of a slice: an int (or a bool), or None.
func sliceBound(v py.Value) (int64, error) {
	switch x := v.(type) {
	case py.Int:
		return int64(x), nil
	case py.Bool:
		if x {
			return 1, nil
		}
		return 0, nil
	case *py.BigInt:
		if x.V.Sign() < 0 {
			return math.MinInt32, nil
		}
		return math.MaxInt32, nil
	}
	return 0, localf("TypeError", "slice indices must be integers or None or have an __index__ method")
}

// adjust turns a slice bound into an index of a sequence of n items, as
// PySlice_AdjustIndices does; nil when the bound is not an integer.
func adjust(b py.Value, n int, step int64, isStart bool) *int64 {
	var k int64
	switch {
	case b == nil || b == py.None:
		switch {
		case isStart && step > 0:
			k = 0
		case isStart:
			k = int64(n) - 1
		case step > 0:
			k = int64(n)
		default:
			k = -1
		}
		return &k
	default:
		var err error
		if k, err = sliceBound(b); err != nil {
			return nil
		}
	}
	if k < 0 {
		k += int64(n)
		if k < 0 {
			k = 0
			if step < 0 {
				k = -1
			}
		}
	} else if k >= int64(n) {
		k = int64(n)
		if step < 0 {
			k = int64(n) - 1
		}
	}
	return &k
}
