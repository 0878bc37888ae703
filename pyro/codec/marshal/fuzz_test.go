package marshal

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
	"github.com/pyrosh/pyrosh/pyro/py"
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

// FuzzSound checks that every payload Sound passes decodes, under the
// same budget (codectest.FuzzSound).
func FuzzSound(f *testing.F) {
	for _, m := range codectest.Captures(f, "marshal") {
		f.Add(m.Payload, int64(1<<20))
	}
	for _, v := range []py.Value{
		py.List{py.Int(1), py.Str("a"), py.Float(2), py.Bytes("b"), py.None, py.Bool(true)},
		py.Tuple{py.NewDict(0), py.List{}},
	} {
		data, _ := Codec{}.Encode(nil, v)
		f.Add(data, int64(64))
	}
	f.Add([]byte("\xdb\x02\x00\x00\x00\xda\x01kr\x01\x00\x00\x00"), int64(1<<20))
	f.Add([]byte("[\x02\x00\x00\x00{\xda\x01k\xe9\x01\x00\x00\x000r\x00\x00\x00\x00"), int64(1<<20))
	codectest.FuzzSound(f, Codec{})
}
