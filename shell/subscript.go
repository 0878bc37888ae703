package shell

import (
	"unicode/utf8"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// subscript is v[i] on a local value, with Python's errors: list, tuple,
// str and bytes take an int (negative counts from the end), a dict takes
// a key.
func subscript(v, i py.Value) (py.Value, error) {
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
