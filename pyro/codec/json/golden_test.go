package json

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// TestDecodeCapturesMatchPython decodes every json payload Pyro4 sent in the
// golden captures, compares the repr with what Python's json.loads gave, and
// checks that re-encoding gives Pyro4's exact bytes.
func TestDecodeCapturesMatchPython(t *testing.T) {
	caps := loadCaptures(t, "json", codec.IDJSON)
	var c Codec
	compared, exact, calls := 0, 0, 0
	for _, m := range caps {
		v, err := c.Decode(m.payload)
		if err != nil {
			t.Errorf("%s: decode %q: %v", m.name, m.payload, err)
			continue
		}
		if m.rawRepr != "" {
			compared++
			if got := py.Repr(v); got != m.rawRepr {
				t.Errorf("%s: repr\n got %s\nwant %s", m.name, got, m.rawRepr)
			}
		}
		enc, err := c.Encode(nil, v)
		if err != nil {
			t.Errorf("%s: re-encode: %v", m.name, err)
		} else if string(enc) != string(m.payload) {
			t.Errorf("%s: re-encoded\n got %s\nwant %s", m.name, enc, m.payload)
		} else {
			exact++
		}
		if m.msgType != 4 || strings.Contains(string(m.payload), `"kwargs": null`) {
			continue
		}
		call, err := c.DecodeCall(m.payload)
		if err != nil {
			t.Errorf("%s: decode call: %v", m.name, err)
			continue
		}
		enc, err = c.EncodeCall(nil, call)
		if err != nil || string(enc) != string(m.payload) {
			t.Errorf("%s: EncodeCall\n got %s (%v)\nwant %s", m.name, enc, err, m.payload)
		}
		calls++
	}
	if compared < 100 || calls < 50 {
		t.Errorf("only %d reprs and %d calls compared", compared, calls)
	}
	t.Logf("%d payloads, %d reprs compared, %d re-encoded exactly, %d calls rebuilt", len(caps), compared, exact, calls)
}

// TestValueVectors checks each standalone value Pyro4's json serializer
// dumped: we decode it to Python's repr and encode it back to the same
// bytes; values Pyro4 refuses we refuse too.
func TestValueVectors(t *testing.T) {
	callHex, values := loadValueVectors(t, "json")
	var c Codec
	call, err := c.EncodeCall(nil, &codec.Call{
		Object: "Example", Method: "echo",
		Args:   []py.Value{py.Int(1), py.Str("a")},
		Kwargs: py.DictOf(py.Str("k"), py.Int(2)),
	})
	if err != nil || string(call) != string(callHex) {
		t.Errorf("EncodeCall = %s, %v; want %s", call, err, callHex)
	}
	for _, vv := range values {
		if vv.Hex == "" {
			continue
		}
		data, _ := hex.DecodeString(vv.Hex)
		v, err := c.Decode(data)
		if err != nil {
			t.Errorf("%s: %v", vv.Name, err)
			continue
		}
		if got := py.Repr(v); got != vv.RawRepr {
			t.Errorf("%s: repr %s, want %s", vv.Name, got, vv.RawRepr)
		}
		enc, err := c.Encode(nil, v)
		if err != nil || string(enc) != string(data) {
			t.Errorf("%s: encode = %s, %v; want %s", vv.Name, enc, err, data)
		}
	}
}
