package serpent

import (
	"math"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// signedZeroComplex is a complex with a -0.0 part, which serpent's
// "(re+imj)" literal cannot carry: "(x+-0.0j)" is unreadable, and
// "(-0.0+1.0j)" reads back as 0.0+1j because -0.0 + 0.0 is 0.0, in Python
// as here.
func signedZeroComplex(v py.Value) bool {
	c, ok := v.(py.Complex)
	return ok && (imag(c) == 0 && math.Signbit(imag(c)) || real(c) == 0 && math.Signbit(real(c)))
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
		codectest.FuzzRoundTrip(t, c, data, codectest.RoundTrip{MayRefuse: true, Unreadable: signedZeroComplex, Normalize: asSerpentWrites})
	})
}

// asSerpentWrites returns v as serpent's encoding changes it: a frozenset
// is written as a set literal and an empty set as (), so they come back a
// set and a tuple (serpent.py does the same).
func asSerpentWrites(v py.Value) py.Value {
	switch x := v.(type) {
	case *py.FrozenSet:
		return asSerpentWrites(&py.Set{Items: x.Items})
	case *py.Set:
		if len(x.Items) == 0 {
			return py.Tuple{}
		}
		items := make([]py.Value, len(x.Items))
		for i, e := range x.Items {
			items[i] = asSerpentWrites(e)
		}
		return &py.Set{Items: items}
	case py.Tuple:
		out := make(py.Tuple, len(x))
		for i, e := range x {
			out[i] = asSerpentWrites(e)
		}
		return out
	case py.List:
		out := make(py.List, len(x))
		for i, e := range x {
			out[i] = asSerpentWrites(e)
		}
		return out
	case *py.Dict:
		out := py.NewDict(x.Len())
		for _, it := range x.Items() {
			if err := out.Set(asSerpentWrites(it.Key), asSerpentWrites(it.Value)); err != nil {
				return v // an unhashable key after the change: Encode refuses it anyway
			}
		}
		return out
	}
	return v
}

// FuzzSound checks that every payload Sound passes decodes, and that its
// Items never fail part-way, under the same budget (codectest.FuzzSound).
func FuzzSound(f *testing.F) {
	for _, m := range codectest.CapturesIn(f, codec.IDSerpent, "*/*.json") {
		f.Add(m.Payload, int64(1<<20))
	}
	for _, s := range soundCases {
		f.Add([]byte(s), int64(64))
		f.Add([]byte(s), int64(1<<20))
	}
	for _, s := range []string{"[1e30000]", "(1)", "['a' 'b']", "[1.5j]", "[007]", "{1.5: 2}", "['\\N{DASH}']", "[1, # c\n 2]"} {
		f.Add([]byte(Header+s), int64(1<<20))
	}
	codectest.FuzzSound(f, Codec{})
}
