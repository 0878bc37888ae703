package pickle

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
)

// FuzzDecode checks that no input panics, and that whatever decodes and
// encodes decodes again to an equal value with the same repr
// (codectest.FuzzRoundTrip; the encoder may refuse what it cannot write
// back, such as a class outside its allow-list).
func FuzzDecode(f *testing.F) {
	for _, m := range pickleMessages(f) {
		f.Add(m.Payload)
	}
	for _, s := range []string{"cos\nsystem\n(S'id'\ntR.", "\x80\x02]q\x00h\x00a.", "(I01\nL5L\nF1.5\nV\\u20ac\nS'\\x41'\nd."} {
		f.Add([]byte(s))
	}
	for _, v := range stdlibValues() {
		b, err := New().Encode(nil, v)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	c := New()
	f.Fuzz(func(t *testing.T, data []byte) {
		codectest.FuzzRoundTrip(t, c, data, codectest.RoundTrip{MayRefuse: true})
		checkWalked(t, data)
	})
}
