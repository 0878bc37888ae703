package json

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
)

// FuzzDecode checks that no input panics and that whatever decodes
// re-encodes and decodes to an equal value with the same repr
// (codectest.FuzzRoundTrip), seeded from the golden captures.
func FuzzDecode(f *testing.F) {
	for _, m := range codectest.Captures(f, "json") {
		f.Add(m.Payload)
	}
	for _, s := range []string{`"\ud83d\ude00"`, "NaN", "-Infinity", "[[[]]]", `{"a": {"b": 1e400}}`, "123456789012345678901234567890"} {
		f.Add([]byte(s))
	}
	var c Codec
	f.Fuzz(func(t *testing.T, data []byte) {
		codectest.FuzzRoundTrip(t, c, data, codectest.RoundTrip{})
	})
}

// FuzzSound checks that every payload Sound passes decodes, under the
// same budget (codectest.FuzzSound).
func FuzzSound(f *testing.F) {
	for _, m := range codectest.Captures(f, "json") {
		f.Add(m.Payload, int64(1<<20))
	}
	for _, s := range []string{
		`[1, -0.5e3, "a\"b\u00e9\ud83d\ude00\ud800x", {"k": [null, true, false, NaN, -Infinity]}]`,
		`{"a": {}, "b": [], "c": "\/\b\f\n\r\t"}`, `-12345678901234567890`, `[1,]`, `"\ud800\u0041"`,
	} {
		f.Add([]byte(s), int64(64))
		f.Add([]byte(s), int64(1<<20))
	}
	codectest.FuzzSound(f, Codec{})
}
