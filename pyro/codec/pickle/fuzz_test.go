package pickle

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// FuzzDecode checks that no input panics, and that whatever decodes and
// encodes decodes again to the same repr.
func FuzzDecode(f *testing.F) {
	for _, m := range pickleMessages(f) {
		f.Add(m.payload)
	}
	for _, s := range []string{"cos\nsystem\n(S'id'\ntR.", "\x80\x02]q\x00h\x00a.", "(I01\nL5L\nF1.5\nV\\u20ac\nS'\\x41'\nd."} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := New().Decode(data)
		if err != nil {
			return
		}
		enc, err := New().Encode(nil, v)
		if err != nil {
			return
		}
		v2, err := New().Decode(enc)
		if err != nil {
			t.Fatalf("our own encoding of %s does not decode: %v", py.Repr(v), err)
		}
		if a, b := py.Repr(v), py.Repr(v2); a != b {
			t.Fatalf("round trip changed %s into %s", a, b)
		}
	})
}
