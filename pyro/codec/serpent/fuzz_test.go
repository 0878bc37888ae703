package serpent

import (
	"encoding/hex"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// FuzzDecode checks that Decode never panics and that whatever it accepts
// re-encodes to something it decodes to an equal value.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		Header + "None", Header + "[1,(2,),{'a':b'x'}]", Header + "{'data': 'AP9hYg==', 'encoding': 'base64'}",
		Header + "{'__class__':'float','value':'nan'}", Header + "(1.0+2.0j)", Header + "-1e30000",
		Header + "('obj','m',(1,),{})", "{1,2,frozenset()}", "'\\x00\\u20ac'",
	} {
		f.Add([]byte(s))
	}
	for name, capt := range loadCapturesQuiet() {
		_ = name
		for _, m := range capt.Wire {
			if msg, err := hex.DecodeString(m.Hex); err == nil && len(msg) > 24 && msg[17] == 1 {
				ann := int(msg[18])<<8 | int(msg[19])
				if 24+ann <= len(msg) {
					f.Add(msg[24+ann:])
				}
			}
		}
	}
	var c Codec
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := c.Decode(data)
		if err != nil {
			return
		}
		_, _ = c.DecodeCall(data)
		enc, err := c.Encode(nil, v)
		if err != nil {
			return // e.g. a None dict key, which serpent refuses to write
		}
		w, err := c.Decode(enc)
		if err != nil {
			t.Fatalf("re-decode of %q: %v", enc, err)
		}
		if !py.Equal(v, w) && py.Repr(v) != py.Repr(w) {
			t.Fatalf("round trip %s != %s", py.Repr(v), py.Repr(w))
		}
	})
}
