package serpent

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pylit"
)

const vectorsDir = "../../testdata/vectors"

// capture is the part of a vectors/*.json scenario these tests read.
type capture struct {
	Serializer string `json:"serializer"`
	Wire       []struct {
		Kind    string `json:"kind"`
		Dir     string `json:"dir"`
		Hex     string `json:"hex"`
		Payload struct {
			Text     *string `json:"text"`
			RawRepr  *string `json:"raw_repr"`
			RawError *string `json:"raw_error"`
		} `json:"payload"`
	} `json:"wire"`
}

// payloadOf cuts the serializer payload out of one whole wire message
// (PROTOCOL.md §1: 24-byte header, annotations, payload; zlib when flag
// 0x02 is set) and returns it with the message type and serializer id.
func payloadOf(t *testing.T, msg []byte) (payload []byte, msgType, serID uint16) {
	t.Helper()
	if len(msg) < 24 || string(msg[:4]) != "PYRO" {
		t.Fatalf("not a Pyro4 message: % x", msg[:min(len(msg), 24)])
	}
	msgType = binary.BigEndian.Uint16(msg[6:])
	flags := binary.BigEndian.Uint16(msg[8:])
	size := int(binary.BigEndian.Uint32(msg[12:]))
	serID = binary.BigEndian.Uint16(msg[16:])
	ann := int(binary.BigEndian.Uint16(msg[18:]))
	if 24+ann+size > len(msg) {
		t.Fatalf("message shorter than its header says")
	}
	payload = msg[24+ann : 24+ann+size]
	if flags&0x02 != 0 {
		zr, err := zlib.NewReader(bytes.NewReader(payload))
		if err != nil {
			t.Fatalf("zlib: %v", err)
		}
		if payload, err = io.ReadAll(zr); err != nil {
			t.Fatalf("zlib: %v", err)
		}
	}
	return payload, msgType, serID
}

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

func loadCaptures(t *testing.T) map[string]capture {
	t.Helper()
	out := loadCapturesQuiet()
	if len(out) == 0 {
		t.Fatal("no captures under " + vectorsDir)
	}
	return out
}

// loadCapturesQuiet reads every capture it can, for tests and fuzz seeds.
func loadCapturesQuiet() map[string]capture {
	files, _ := filepath.Glob(filepath.Join(vectorsDir, "*", "*.json"))
	out := map[string]capture{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		var c capture
		if json.Unmarshal(data, &c) != nil || len(c.Wire) == 0 {
			continue
		}
		out[strings.TrimPrefix(f, vectorsDir+"/")] = c
	}
	return out
}

// TestGoldenCaptures decodes every serpent payload Pyro4 sent in the
// captures, compares it with Python's view, and checks that encoding the
// decoded value gives back the captured bytes exactly.
func TestGoldenCaptures(t *testing.T) {
	var c Codec
	decoded, compared, reencoded, calls := 0, 0, 0, 0
	for name, capt := range loadCaptures(t) {
		for i, m := range capt.Wire {
			if m.Kind != "message" || m.Hex == "" {
				continue
			}
			msg, err := hex.DecodeString(m.Hex)
			if err != nil {
				t.Fatalf("%s[%d]: %v", name, i, err)
			}
			payload, typ, ser := payloadOf(t, msg)
			if ser != 1 || len(payload) == 0 || typ == 6 { // PING carries no serpent
				continue
			}
			v, err := c.Decode(payload)
			if m.Payload.RawError != nil {
				if err == nil {
					t.Errorf("%s[%d]: decoded %s, python refused: %s", name, i, py.Repr(v), *m.Payload.RawError)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s[%d]: %v\n%s", name, i, err, payload)
				continue
			}
			decoded++
			if m.Payload.RawRepr != nil {
				compared++
				// The capture masks object addresses in reprs.
				got := addr.ReplaceAllString(py.Repr(rawView(v)), "0x...")
				if got != *m.Payload.RawRepr && !sameSets(rawView(v), *m.Payload.RawRepr) {
					t.Errorf("%s[%d]: repr\n got %s\nwant %s", name, i, got, *m.Payload.RawRepr)
				}
			}
			out, err := c.Encode(nil, v)
			if err != nil {
				t.Errorf("%s[%d]: re-encode: %v", name, i, err)
			} else if raw, _ := c.Encode(nil, rawView(v)); !bytes.Equal(out, payload) && !bytes.Equal(raw, payload) {
				// A daemon echoing bytes it received echoes the base64 dict it
				// got (Pyro4 never decodes it), which serpent writes compactly.
				t.Errorf("%s[%d]: re-encoded bytes differ\n got %s\nwant %s", name, i, out, payload)
			} else {
				reencoded++
			}
			// Pyro4 itself sends a list of arguments for stream items and None
			// keyword arguments for attribute access; a codec.Call cannot
			// say either, so only tuple-and-dict calls are rebuilt.
			if typ == 4 && m.Dir == "client->server" && isPlainCall(v) {
				call, err := c.DecodeCall(payload)
				if err != nil {
					t.Errorf("%s[%d]: DecodeCall: %v", name, i, err)
					continue
				}
				out, err := c.EncodeCall(nil, call)
				if err != nil || !bytes.Equal(out, payload) {
					t.Errorf("%s[%d]: EncodeCall = %s, %v\nwant %s", name, i, out, err, payload)
				}
				calls++
			}
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
	data, err := os.ReadFile(filepath.Join(vectorsDir, "values", "serpent.json"))
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Values []struct {
			Name        string  `json:"name"`
			Hex         string  `json:"hex"`
			RawRepr     *string `json:"raw_repr"`
			PyroRepr    *string `json:"pyro_loads_repr"`
			RawError    *string `json:"raw_error"`
			PythonRepr  string  `json:"python_repr"`
			DumpsFailed *string `json:"dumps_error"`
		} `json:"values"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	var c Codec
	for _, tc := range file.Values {
		if tc.DumpsFailed != nil {
			continue
		}
		t.Run(tc.Name, func(t *testing.T) {
			payload, _ := hex.DecodeString(tc.Hex)
			v, err := c.Decode(payload)
			if tc.RawError != nil {
				if err == nil {
					t.Errorf("decoded %s, python refused it", py.Repr(v))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := py.Repr(rawView(v)); tc.RawRepr != nil && got != *tc.RawRepr {
				t.Errorf("raw repr %s, python %s", got, *tc.RawRepr)
			}
			out, err := c.Encode(nil, v)
			if err != nil || !bytes.Equal(out, payload) {
				t.Errorf("re-encoded %q, %v; want %q", out, err, payload)
			}
		})
	}
}
