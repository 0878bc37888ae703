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
