package msgpack

import (
	"strings"
	"testing"
	"time"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// expectedRepr picks what to compare our decoding with: the repr of
// Python's plain msgpack load, or, where that shows a raw ExtType (calls
// load without ext_hook), Pyro4's load with ext_hook, unless that one holds
// objects recreated from class dicts or datetimes whose local-time repr
// depends on the capture's zone (UTC) matching ours.
func expectedRepr(raw, pyro string) (string, bool) {
	if raw != "" && !strings.Contains(raw, "ExtType(") {
		return raw, true
	}
	if pyro == "" || strings.Contains(pyro, "ExtType(") || strings.Contains(pyro, "<") || strings.Contains(pyro, "Error(") {
		return "", false
	}
	if strings.Contains(pyro, "datetime.datetime(") && !localIsUTC() {
		return "", false
	}
	return pyro, true
}

// TestDecodeCapturesMatchPython decodes every msgpack payload Pyro4 sent in
// the golden captures, compares the repr with Python's, and checks that
// re-encoding gives Pyro4's exact bytes (calls through EncodeCall).
func TestDecodeCapturesMatchPython(t *testing.T) {
	caps := codectest.Captures(t, "msgpack")
	var c Codec
	compared, exact, calls := 0, 0, 0
	for _, m := range caps {
		v, err := c.Decode(m.Payload)
		if err != nil {
			t.Errorf("%s: decode % x: %v", m.Name, m.Payload, err)
			continue
		}
		if want, ok := expectedRepr(m.RawRepr, m.PyroRepr); ok {
			compared++
			if got := py.Repr(v); !codectest.SameRepr(got, want) {
				t.Errorf("%s: repr\n got %s\nwant %s", m.Name, got, want)
			}
		}
		enc, err := c.Encode(nil, v)
		if err != nil {
			t.Errorf("%s: re-encode: %v", m.Name, err)
		} else if string(enc) != string(m.Payload) {
			t.Errorf("%s: re-encoded\n got % x\nwant % x", m.Name, enc, m.Payload)
		} else {
			exact++
		}
		if m.Type != 4 {
			continue
		}
		call, err := c.DecodeCall(m.Payload)
		if err != nil {
			t.Errorf("%s: decode call: %v", m.Name, err)
			continue
		}
		if call.Kwargs == nil {
			continue // batch: Pyro4 sends nil kwargs, we send {}
		}
		enc, err = c.EncodeCall(nil, call)
		if err != nil || string(enc) != string(m.Payload) {
			t.Errorf("%s: EncodeCall\n got % x (%v)\nwant % x", m.Name, enc, err, m.Payload)
		}
		calls++
	}
	if compared < 100 || calls < 50 {
		t.Errorf("only %d reprs and %d calls compared", compared, calls)
	}
	t.Logf("%d payloads, %d reprs compared, %d re-encoded exactly, %d calls rebuilt", len(caps), compared, exact, calls)
}

// TestValueVectors decodes each standalone value Pyro4's msgpack
// serializer dumped to Python's repr and encodes it back to the same bytes.
func TestValueVectors(t *testing.T) {
	callHex, values := codectest.Values(t, "msgpack")
	var c Codec
	call, err := c.EncodeCall(nil, &codec.Call{
		Object: "Example", Method: "echo",
		Args:   []py.Value{py.Int(1), py.Str("a")},
		Kwargs: py.DictOf(py.Str("k"), py.Int(2)),
	})
	if err != nil || string(call) != string(callHex) {
		t.Errorf("EncodeCall = % x, %v; want % x", call, err, callHex)
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
		want := vv.RawRepr
		if strings.Contains(want, "ExtType(") || want == "" {
			want = vv.PythonRepr
		}
		if strings.HasPrefix(want, "datetime.datetime(") && !localIsUTC() {
			want = ""
		}
		if got := py.Repr(v); want != "" && !codectest.SameRepr(got, want) {
			t.Errorf("%s: repr %s, want %s", vv.Name, got, want)
		}
		enc, err := c.Encode(nil, v)
		if err != nil || string(enc) != string(data) {
			t.Errorf("%s: encode = % x, %v; want % x", vv.Name, enc, err, data)
		}
	}
}

// localIsUTC reports whether local time is UTC, the zone the captures
// were made in (datetime reprs are local time).
func localIsUTC() bool {
	_, off := time.Unix(1704164645, 0).Zone()
	return off == 0
}
