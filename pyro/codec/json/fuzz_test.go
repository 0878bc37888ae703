package json

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// FuzzDecode checks that no input panics and that whatever decodes
// re-encodes and decodes to an equal value with the same repr.
func FuzzDecode(f *testing.F) {
	for _, m := range loadCaptures(f, "json", 2) {
		f.Add(m.payload)
	}
	for _, s := range []string{`"\ud83d\ude00"`, "NaN", "-Infinity", "[[[]]]", `{"a": {"b": 1e400}}`, "123456789012345678901234567890"} {
		f.Add([]byte(s))
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
		if py.Repr(v) != py.Repr(w) {
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
	case py.List:
		for _, e := range x {
			if hasNaN(e) {
				return true
			}
		}
	case *py.Dict:
		for _, it := range x.Items() {
			if hasNaN(it.Value) {
				return true
			}
		}
	}
	return false
}
