package pickle

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/py"
)

const vectors = "../../testdata/vectors"

type capture struct {
	Wire []struct {
		Kind    string `json:"kind"`
		Dir     string `json:"dir"`
		Hex     string `json:"hex"`
		Payload struct {
			PyroRepr string `json:"pyro_repr"`
		} `json:"payload"`
	} `json:"wire"`
}

type message struct {
	name     string
	typ      uint16
	flags    uint16
	payload  []byte
	pyroRepr string
}

// payloadOf splits a frame: 24-byte header (PROTOCOL.md §1.1), then
// annotations, then the payload, inflated when flag 0x02 is set.
func payloadOf(t testing.TB, frame []byte) (typ, flags uint16, ser uint16, payload []byte) {
	t.Helper()
	if len(frame) < 24 || string(frame[:4]) != "PYRO" {
		t.Fatalf("not a Pyro frame")
	}
	typ = binary.BigEndian.Uint16(frame[6:])
	flags = binary.BigEndian.Uint16(frame[8:])
	n := int(binary.BigEndian.Uint32(frame[12:]))
	ser = binary.BigEndian.Uint16(frame[16:])
	ann := int(binary.BigEndian.Uint16(frame[18:]))
	payload = frame[24+ann : 24+ann+n]
	if flags&0x02 != 0 {
		r, err := zlib.NewReader(bytes.NewReader(payload))
		if err != nil {
			t.Fatal(err)
		}
		if payload, err = io.ReadAll(r); err != nil {
			t.Fatal(err)
		}
	}
	return typ, flags, ser, payload
}

// pickleMessages returns every pickle payload in the captures.
func pickleMessages(t testing.TB) []message {
	t.Helper()
	var files []string
	for _, dir := range []string{"pickle", "nameserver/pickle"} {
		m, _ := filepath.Glob(filepath.Join(vectors, dir, "*.json"))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no pickle captures in " + vectors)
	}
	var out []message
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var c capture
		if err := json.Unmarshal(raw, &c); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for i, w := range c.Wire {
			if w.Kind != "message" {
				continue
			}
			frame, err := hex.DecodeString(w.Hex)
			if err != nil {
				t.Fatal(err)
			}
			typ, flags, ser, p := payloadOf(t, frame)
			if ser != 4 || typ == 6 || typ == 3 || len(p) == 0 {
				continue
			}
			out = append(out, message{
				name: filepath.Base(filepath.Dir(f)) + "/" + strings.TrimSuffix(filepath.Base(f), ".json") + "#" + string(rune('0'+i%10)),
				typ:  typ, flags: flags, payload: p, pyroRepr: w.Payload.PyroRepr,
			})
		}
	}
	return out
}

// reprDiffers lists markers of Python reprs this package deliberately
// decodes to another shape (see doc.go); those are checked in
// TestGoldenShapes instead.
var reprDiffers = []string{"datetime.", "Decimal(", "UUID(", "array(", "OrderedDict(", "bytearray(",
	"Error(", "StopIteration(", "<", "Exception("}

func TestGoldenDecodeEveryCapture(t *testing.T) {
	n, compared := 0, 0
	for _, m := range pickleMessages(t) {
		v, err := New().Decode(m.payload)
		if err != nil {
			t.Errorf("%s: %v", m.name, err)
			continue
		}
		n++
		if m.typ == 4 {
			if _, err := New().DecodeCall(m.payload); err != nil {
				t.Errorf("%s: DecodeCall: %v", m.name, err)
			}
		}
		if m.pyroRepr == "" || containsAny(m.pyroRepr, reprDiffers) {
			continue
		}
		compared++
		got := py.Repr(v)
		if got != m.pyroRepr && strings.Contains(m.pyroRepr, "j)") {
			continue // py.Complex prints (1+-0j); TestGoldenShapes checks the value
		}
		if got != m.pyroRepr && strings.Contains(m.pyroRepr, "{'") && sortedRunes(got) == sortedRunes(m.pyroRepr) {
			continue // a set: Python's repr orders by hash, the wire by iteration
		}
		if got != m.pyroRepr {
			t.Errorf("%s:\n got %s\nwant %s", m.name, got, m.pyroRepr)
		}
	}
	if n < 100 || compared < 50 {
		t.Errorf("decoded %d messages, compared %d reprs: captures missing?", n, compared)
	}
}

func sortedRunes(s string) string {
	r := []rune(s)
	sort.Slice(r, func(i, j int) bool { return r[i] < r[j] })
	return string(r)
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}
