package serpent

import (
	"math"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// negativeZeroImag is a complex whose imaginary part is -0.0: serpent
// writes it as "(x+-0.0j)", which serpent.loads cannot read back either.
func negativeZeroImag(v py.Value) bool {
	c, ok := v.(py.Complex)
	return ok && imag(c) == 0 && math.Signbit(imag(c))
}

// FuzzDecode checks that Decode and DecodeCall never panic and that
// whatever Decode accepts re-encodes to something it decodes to an equal
// value with the same repr (codectest.FuzzRoundTrip). Encode may refuse
// what it cannot write, such as a None dict key.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		Header + "None", Header + "[1,(2,),{'a':b'x'}]", Header + "{'data': 'AP9hYg==', 'encoding': 'base64'}",
		Header + "{'__class__':'float','value':'nan'}", Header + "(1.0+2.0j)", Header + "-1e30000",
		Header + "('obj','m',(1,),{})", "{1,2,frozenset()}", "'\\x00\\u20ac'",
	} {
		f.Add([]byte(s))
	}
	for _, m := range codectest.CapturesIn(f, codec.IDSerpent, "*/*.json") {
		f.Add(m.Payload)
	}
	var c Codec
	f.Fuzz(func(t *testing.T, data []byte) {
		codectest.FuzzRoundTrip(t, c, data, codectest.RoundTrip{MayRefuse: true, Unreadable: negativeZeroImag})
	})
}
