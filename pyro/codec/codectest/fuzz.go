package codectest

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// RoundTrip says how strictly FuzzRoundTrip judges a codec.
type RoundTrip struct {
	// SameRepr compares the repr after the round trip (got) with the
	// first one (want); nil means the strings must be equal.
	SameRepr func(got, want string) bool
	// MayRefuse lets Encode refuse a value Decode accepted (serpent
	// cannot write a None dict key, pickle refuses some classes); without
	// it a refusal fails the test.
	MayRefuse bool
}

// FuzzRoundTrip is the body of each codec's FuzzDecode. Decode and
// DecodeCall must not panic on data. Whatever Decode accepts must encode
// (unless rt.MayRefuse), and the encoding must decode to a value with the
// same repr that is py.Equal to the first, unless it holds a NaN, which
// equals nothing.
func FuzzRoundTrip(t *testing.T, c codec.Codec, data []byte, rt RoundTrip) {
	t.Helper()
	_, _ = c.DecodeCall(data)
	v, err := c.Decode(data)
	if err != nil {
		return
	}
	enc, err := c.Encode(nil, v)
	if err != nil {
		if rt.MayRefuse {
			return
		}
		t.Fatalf("re-encode %s: %v", py.Repr(v), err)
	}
	w, err := c.Decode(enc)
	if err != nil {
		t.Fatalf("decode re-encoded %q: %v", enc, err)
	}
	same := rt.SameRepr
	if same == nil {
		same = func(got, want string) bool { return got == want }
	}
	if a, b := py.Repr(v), py.Repr(w); !same(b, a) {
		t.Fatalf("round trip: %s became %s", a, b)
	}
	if !py.Equal(v, w) && !HasNaN(v) {
		t.Fatalf("round trip not Equal: %s", py.Repr(v))
	}
}

// HasNaN reports whether v holds a float NaN (or a complex with a NaN
// part) anywhere, as an element, a dict key or a dict value.
func HasNaN(v py.Value) bool {
	switch x := v.(type) {
	case py.Float:
		return x != x
	case py.Complex:
		return real(x) != real(x) || imag(x) != imag(x)
	case py.Tuple:
		return HasNaN(py.List(x))
	case *py.Set:
		return HasNaN(py.List(x.Items))
	case *py.FrozenSet:
		return HasNaN(py.List(x.Items))
	case py.List:
		for _, e := range x {
			if HasNaN(e) {
				return true
			}
		}
	case *py.Dict:
		for _, it := range x.Items() {
			if HasNaN(it.Key) || HasNaN(it.Value) {
				return true
			}
		}
	}
	return false
}
