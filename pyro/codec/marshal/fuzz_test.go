package marshal

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
)

// FuzzDecode checks that no input panics and that whatever decodes
// re-encodes and decodes to an equal value with the same repr
// (codectest.FuzzRoundTrip), seeded from the golden captures.
func FuzzDecode(f *testing.F) {
	for _, m := range codectest.Captures(f, "marshal") {
		f.Add(m.Payload)
	}
	for _, s := range []string{"db02000000da0161 7200000000", "6c feffffff 0100 0100", "3c 02000000 e901000000 7200000000", "78 01 31 02 2d32"} {
		f.Add(codectest.Unhex(s))
	}
	var c Codec
	f.Fuzz(func(t *testing.T, data []byte) {
		codectest.FuzzRoundTrip(t, c, data, codectest.RoundTrip{SameRepr: sameRepr})
	})
}
