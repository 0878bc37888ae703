package marshal

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// FuzzDecode checks that no input panics and that whatever decodes
// re-encodes and decodes to an equal value with the same repr.
func FuzzDecode(f *testing.F) {
	for _, m := range loadCaptures(f, "marshal", 3) {
		f.Add(m.payload)
	}
	for _, s := range []string{"db02000000da0161 7200000000", "6c feffffff 0100 0100", "3c 02000000 e901000000 7200000000", "78 01 31 02 2d32"} {
		f.Add(unhex(s))
	}
	var c Codec
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := c.Decode(data)
		if err != nil {
			return
		}
		enc, err := c.Encode(nil, v)
		if err != nil {
			t.Fatalf("re-encode %s: %v", py.Repr(v), err)
		}
		w, err := c.Decode(enc)
		if err != nil {
			t.Fatalf("decode re-encoded %q: %v", enc, err)
		}
		if !sameRepr(py.Repr(w), py.Repr(v)) {
			t.Fatalf("round trip: %s became %s", py.Repr(v), py.Repr(w))
		}
		if !py.Equal(v, w) && !hasNaN(v) {
			t.Fatalf("round trip not Equal: %s", py.Repr(v))
		}
	})
}

func hasNaN(v py.Value) bool {
	switch x := v.(type) {
	case py.Float:
		return x != x
	case py.Complex:
		return real(x) != real(x) || imag(x) != imag(x)
	case py.Tuple:
		return hasNaN(py.List(x))
	case *py.Set:
		return hasNaN(py.List(x.Items))
	case *py.FrozenSet:
		return hasNaN(py.List(x.Items))
	case py.List:
		for _, e := range x {
			if hasNaN(e) {
				return true
			}
		}
	case *py.Dict:
		for _, it := range x.Items() {
			if hasNaN(it.Key) || hasNaN(it.Value) {
				return true
			}
		}
	}
	return false
}
