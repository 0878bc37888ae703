package msgpack

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
)

// FuzzDecode checks that no input panics and that whatever decodes
// re-encodes and decodes to an equal value with the same repr
// (codectest.FuzzRoundTrip), seeded from the golden captures.
func FuzzDecode(f *testing.F) {
	for _, m := range codectest.Captures(f, "msgpack") {
		f.Add(m.Payload)
	}
	for _, s := range []string{"81 920102 a174", "c7 02 31 2d35", "d7 33 0100000000000000", "d7 32 19736b49df64d941", "d8 30 000000000000f03f0000000000000040", "ca 3fc00000"} {
		f.Add(codectest.Unhex(s))
	}
	var c Codec
	f.Fuzz(func(t *testing.T, data []byte) {
		codectest.FuzzRoundTrip(t, c, data, codectest.RoundTrip{SameRepr: codectest.SameRepr})
	})
}

// FuzzSound checks that every payload Sound passes decodes, under the
// same budget (codectest.FuzzSound).
func FuzzSound(f *testing.F) {
	for _, m := range codectest.Captures(f, "msgpack") {
		f.Add(m.Payload, int64(1<<20))
	}
	for _, s := range []string{"81 920102 a174", "81 a16b 81 a16b c0", "93 c7 02 31 2d35 d7 33 0100000000000000 a3616263", "d8 30 000000000000f03f0000000000000040", "ca 3fc00000", "82 01 02 01 03"} {
		f.Add(codectest.Unhex(s), int64(64))
	}
	codectest.FuzzSound(f, Codec{})
}
