package serpent

import (
	"bytes"
	"encoding/base64"
	"math"
	"regexp"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pylit"
)

// rawView maps our decoded value back to what serpent.loads itself
// returns, before Pyro4 or we interpret its workarounds: bytes as the
// base64 dict and nan as its class dict.
func rawView(v py.Value) py.Value {
	switch x := v.(type) {
	case py.Bytes:
		return py.DictOf(py.Str("data"), py.Str(base64.StdEncoding.EncodeToString(x)), py.Str("encoding"), py.Str("base64"))
	case py.Float:
		if math.IsNaN(float64(x)) {
			return py.DictOf(py.Str("__class__"), py.Str("float"), py.Str("value"), py.Str("nan"))
		}
	case py.Tuple:
		out := make(py.Tuple, len(x))
		for i, e := range x {
			out[i] = rawView(e)
		}
		return out
	case py.List:
		out := make(py.List, len(x))
		for i, e := range x {
			out[i] = rawView(e)
		}
		return out
	case *py.Dict:
		d := py.NewDict(x.Len())
		for _, it := range x.Items() {
			_ = d.Set(rawView(it.Key), rawView(it.Value))
		}
		return d
	}
	return v
}

var addr = regexp.MustCompile(`0x[0-9a-f]{6,}`)

// sameSets reports whether want, a Python repr, reads back as a value
// equal to v: Python prints sets in hash order, not in wire order.
func sameSets(v py.Value, want string) bool {
	w, err := pylit.ParseLiteral(want)
	return err == nil && py.Equal(v, w)
}

func isPlainCall(v py.Value) bool {
	t, ok := v.(py.Tuple)
	if !ok || len(t) != 4 {
		return false
	}
	_, ok1 := t[2].(py.Tuple)
	_, ok2 := t[3].(*py.Dict)
	return ok1 && ok2
}

// serpentCaptures returns every serpent message in the capture folders
// (handshakes, the seed's server, raw and special scenarios as well as
// the serpent ones) but PINGs and empty payloads.
func serpentCaptures(tb testing.TB) []codectest.Capture {
	tb.Helper()
	var out []codectest.Capture
	for _, m := range codectest.CapturesIn(tb, codec.IDSerpent, "*/*.json") {
		if len(m.Payload) == 0 || m.Type == 6 { // PING carries no serpent
			continue
		}
		out = append(out, m)
	}
	return out
}

// TestGoldenCaptures decodes every serpent payload Pyro4 sent in the
// captures, compares it with Python's view, and checks that encoding the
// decoded value gives back the captured bytes exactly.
func TestGoldenCaptures(t *testing.T) {
	var c Codec
	decoded, compared, reencoded, calls := 0, 0, 0, 0
	for _, m := range serpentCaptures(t) {
		name, payload, typ := m.Name, m.Payload, m.Type
		v, err := c.Decode(payload)
		if m.RawError != "" {
			if err == nil {
				t.Errorf("%s: decoded %s, python refused: %s", name, py.Repr(v), m.RawError)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v\n%s", name, err, payload)
			continue
		}
		decoded++
		if m.RawRepr != "" {
			compared++
			// The capture masks object addresses in reprs.
			got := addr.ReplaceAllString(py.Repr(rawView(v)), "0x...")
			if got != m.RawRepr && !sameSets(rawView(v), m.RawRepr) {
				t.Errorf("%s: repr\n got %s\nwant %s", name, got, m.RawRepr)
			}
		}
		out, err := c.Encode(nil, v)
		if err != nil {
			t.Errorf("%s: re-encode: %v", name, err)
		} else if raw, _ := c.Encode(nil, rawView(v)); !bytes.Equal(out, payload) && !bytes.Equal(raw, payload) {
			// A daemon echoing bytes it received echoes the base64 dict it
			// got (Pyro4 never decodes it), which serpent writes compactly.
			t.Errorf("%s: re-encoded bytes differ\n got %s\nwant %s", name, out, payload)
		} else {
			reencoded++
		}
		// Pyro4 itself sends a list of arguments for stream items and None
		// keyword arguments for attribute access; a codec.Call cannot
		// say either, so only tuple-and-dict calls are rebuilt.
		if typ == 4 && m.Dir == "client->server" && isPlainCall(v) {
			call, err := c.DecodeCall(payload)
			if err != nil {
				t.Errorf("%s: DecodeCall: %v", name, err)
				continue
			}
			out, err := c.EncodeCall(nil, call)
			if err != nil || !bytes.Equal(out, payload) {
				t.Errorf("%s: EncodeCall = %s, %v\nwant %s", name, out, err, payload)
			}
			calls++
		}
	}
	t.Logf("%d payloads decoded, %d compared with python's repr, %d re-encoded exactly, %d INVOKE calls rebuilt", decoded, compared, reencoded, calls)
	if decoded < 100 || calls < 50 {
		t.Errorf("too few serpent payloads found: %d decoded, %d calls", decoded, calls)
	}
}

// TestGoldenValues checks vectors/values/serpent.json: serpent.dumps of
// each value, its raw serpent.loads repr and Pyro4's loads repr.
func TestGoldenValues(t *testing.T) {
	_, values := codectest.Values(t, "serpent")
	var c Codec
	for _, tc := range values {
		if tc.DumpsError != "" {
			continue
		}
		t.Run(tc.Name, func(t *testing.T) {
			payload := tc.Payload
			v, err := c.Decode(payload)
			if tc.RawError != "" {
				if err == nil {
					t.Errorf("decoded %s, python refused it", py.Repr(v))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := py.Repr(rawView(v)); tc.RawRepr != "" && got != tc.RawRepr {
				t.Errorf("raw repr %s, python %s", got, tc.RawRepr)
			}
			out, err := c.Encode(nil, v)
			if err != nil || !bytes.Equal(out, payload) {
				t.Errorf("re-encoded %q, %v; want %q", out, err, payload)
			}
		})
	}
}
