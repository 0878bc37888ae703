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
	// Unreadable marks values the codec writes in a form it cannot read
	// back, because it mirrors its Python original byte for byte (serpent
	// writes complex(x, -0.0) as "(x+-0.0j)", which serpent.loads refuses
	// too). A value holding one is only encoded, not decoded again.
	Unreadable func(py.Value) bool
	// Normalize, when set, gives the value the codec's encoding turns v
	// into: serpent writes a frozenset as a set and an empty set as (),
	// as Python's serpent does, so those come back changed by design.
	Normalize func(v py.Value) py.Value
}

// FuzzRoundTrip is the body of each codec's FuzzDecode. Decode and
// DecodeCall must not panic on data. Whatever Decode accepts must encode
// (unless rt.MayRefuse), and the encoding must decode to a value with the
// same repr that is py.Equal to the first, unless it holds a NaN, which
// equals nothing.
func FuzzRoundTrip(t *testing.T, c codec.Codec, data []byte, rt RoundTrip) {
	t.Helper()
	_, _ = c.DecodeCall(data)
	// Element by element or whole, under a roomy and a tight budget: the
	// same value or the same error.
	CheckItems(t, c, data, int64(len(data)))
	v, err := c.Decode(data)
	if err != nil {
		return
	}
	if Any(v, isRecursive) {
		// A value that holds itself decodes to a py.Recursive on the
		// edge that closes the cycle; encoders refuse it by design.
		if _, err := c.Encode(nil, v); err == nil {
			t.Fatalf("encoded %s, which holds itself", py.Repr(v))
		}
		return
	}
	enc, err := c.Encode(nil, v)
	if err != nil {
		if rt.MayRefuse {
			return
		}
		t.Fatalf("re-encode %s: %v", py.Repr(v), err)
	}
	if rt.Unreadable != nil && Any(v, rt.Unreadable) {
		return
	}
	w, err := c.Decode(enc)
	if err != nil {
		t.Fatalf("decode re-encoded %q: %v", enc, err)
	}
	if rt.Normalize != nil {
		v = rt.Normalize(v)
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
	return Any(v, func(x py.Value) bool {
		switch x := x.(type) {
		case py.Float:
			return x != x
		case py.Complex:
			return real(x) != real(x) || imag(x) != imag(x)
		}
		return false
	})
}

// Any reports whether pred holds for v or for anything inside it: an
// element, a dict key or a dict value.
func Any(v py.Value, pred func(py.Value) bool) bool {
	return py.Contains(v, pred)
}

func isRecursive(v py.Value) bool {
	_, ok := v.(*py.Recursive)
	return ok
}
