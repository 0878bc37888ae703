package wire

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// vectorsDir holds the golden captures of real Pyro4 4.82 traffic.
const vectorsDir = "../testdata/vectors"

// capture is the part of a capture file (see vectors/README.md) this
// package checks.
type capture struct {
	Title  string         `json:"title"`
	Client map[string]any `json:"client"`
	Wire   []wireEntry    `json:"wire"`
}

type wireEntry struct {
	Kind   string `json:"kind"` // message, raw, connect, eof
	Dir    string `json:"dir"`
	Hex    string `json:"hex"`
	Header *struct {
		Type            int    `json:"type"`
		TypeName        string `json:"type_name"`
		Flags           int    `json:"flags"`
		Seq             int    `json:"seq"`
		DataSize        int    `json:"data_size"`
		SerializerID    int    `json:"serializer_id"`
		AnnotationsSize int    `json:"annotations_size"`
		ChecksumOK      bool   `json:"checksum_ok"`
		Magic           string `json:"magic"`
		Version         int    `json:"version"`
	} `json:"header"`
	Annotations map[string]struct {
		Offset   int    `json:"offset"`
		Hex      string `json:"hex"`
		Verified *bool  `json:"verified_with_key_secret"`
	} `json:"annotations"`
	Payload struct {
		Offset          int     `json:"offset"`
		Size            int     `json:"size"`
		DecompressedHex *string `json:"decompressed_hex"`
	} `json:"payload"`
}

// goldenKey is the key the capture tool's daemons sign with; a message
// whose HMAC did not verify with it was signed with the client's key.
const goldenKey = "secret"

// goldenEntry is one captured frame with what decoding it must give.
type goldenEntry struct {
	name    string
	frame   []byte
	bad     bool   // Pyro4 itself rejects this header
	key     []byte // key to read it with (nil: unsigned)
	entry   wireEntry
	capture *capture
}

var golden struct {
	once    sync.Once
	entries []goldenEntry
	err     error
}

// loadGolden returns every captured frame, parsing the captures once.
func loadGolden(t testing.TB) []goldenEntry {
	t.Helper()
	golden.once.Do(func() { golden.entries, golden.err = parseGolden() })
	if golden.err != nil {
		t.Fatal(golden.err)
	}
	if len(golden.entries) < 1000 {
		t.Fatalf("found only %d captured frames under %s", len(golden.entries), vectorsDir)
	}
	return golden.entries
}

// uniqueGolden returns the captured frames with distinct bytes and key.
func uniqueGolden(t testing.TB) []goldenEntry {
	seen := make(map[string]bool)
	var out []goldenEntry
	for _, g := range loadGolden(t) {
		k := string(g.key) + "\x00" + string(g.frame)
		if !seen[k] {
			seen[k] = true
			out = append(out, g)
		}
	}
	return out
}

func parseGolden() ([]goldenEntry, error) {
	var out []goldenEntry
	err := filepath.WalkDir(vectorsDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		c := new(capture)
		if err := json.Unmarshal(raw, c); err != nil {
			// Not every file holds a capture (values/, uri/ hold lists).
			return nil
		}
		rel, _ := filepath.Rel(vectorsDir, path)
		for i, w := range c.Wire {
			if w.Kind != "message" && w.Kind != "raw" {
				continue
			}
			frame, err := hex.DecodeString(w.Hex)
			if err != nil {
				return fmt.Errorf("%s wire[%d]: %v", rel, i, err)
			}
			g := goldenEntry{name: rel + "/" + strconv.Itoa(i), frame: frame, entry: w, capture: c}
			if w.Kind == "raw" || !w.Header.ChecksumOK || w.Header.Magic != "PYRO" || w.Header.Version != ProtocolVersion {
				g.bad = true
			}
			if a, ok := w.Annotations["HMAC"]; ok {
				g.key = []byte(goldenKey)
				if a.Verified != nil && !*a.Verified {
					k, _ := c.Client["hmac_key"].(string)
					g.key = []byte(k)
				}
			}
			out = append(out, g)
		}
		return nil
	})
	return out, err
}

func TestReadGoldenCaptures(t *testing.T) {
	var decoded, reencoded, compressed, signed, rejected int
	for _, g := range loadGolden(t) {
		o := &Options{HMACKey: g.key}
		m, err := Read(bytes.NewReader(g.frame), o)
		if g.bad {
			var pe *ProtocolError
			if !errors.As(err, &pe) {
				t.Errorf("%s: Read = %v, want a ProtocolError", g.name, err)
			}
			rejected++
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", g.name, err)
			continue
		}
		decoded++
		h := g.entry.Header
		if int(m.Type) != h.Type || (h.TypeName != "?" && m.Type.String() != h.TypeName) || int(m.Seq) != h.Seq ||
			int(m.SerializerID) != h.SerializerID || int(m.Flags) != h.Flags&^int(FlagCompressed) {
			t.Errorf("%s: got type %v flags %v seq %d ser %d, capture says %+v", g.name, m.Type, m.Flags, m.Seq, m.SerializerID, *h)
		}
		// Annotations in wire order, HMAC stripped.
		type kv struct {
			off      int
			key, val string
		}
		var want []kv
		for k, a := range g.entry.Annotations {
			if k != "HMAC" {
				want = append(want, kv{a.Offset, k, a.Hex})
			}
		}
		slices.SortFunc(want, func(a, b kv) int { return a.off - b.off })
		var got []kv
		for _, a := range m.Annotations {
			got = append(got, kv{0, a.Key, hex.EncodeToString(a.Value)})
		}
		for i := range want {
			want[i].off = 0
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: annotations %v, want %v", g.name, got, want)
		}
		p := g.entry.Payload
		wantData := g.frame[p.Offset : p.Offset+p.Size]
		if p.DecompressedHex != nil {
			wantData, _ = hex.DecodeString(*p.DecompressedHex)
		}
		if !bytes.Equal(m.Data, wantData) {
			t.Errorf("%s: payload %q, want %q", g.name, m.Data, wantData)
		}
		if g.key != nil {
			signed++
			if _, err := Read(bytes.NewReader(g.frame), nil); !isSecurityError(err) {
				t.Errorf("%s: read without key = %v, want SecurityError", g.name, err)
			}
		} else if _, err := Read(bytes.NewReader(g.frame), &Options{HMACKey: []byte(goldenKey)}); !isSecurityError(err) {
			t.Errorf("%s: read unsigned with key = %v, want SecurityError", g.name, err)
		}

		if h.Flags&int(FlagCompressed) != 0 {
			// Go's zlib output differs from Python's, so check a round trip
			// through our own compression instead of bytes.
			compressed++
			o.Compress = true
			frame, err := m.AppendFrame(nil, o)
			if err != nil {
				t.Errorf("%s: AppendFrame: %v", g.name, err)
				continue
			}
			if frame[9]&byte(FlagCompressed) == 0 {
				t.Errorf("%s: re-encoding with Compress did not compress", g.name)
			}
			again, err := Read(bytes.NewReader(frame), o)
			if err != nil {
				t.Errorf("%s: reading re-encoded frame: %v", g.name, err)
			} else if d := diffMessages(m, again); d != "" {
				t.Errorf("%s: compressed round trip changed the message: %s", g.name, d)
			}
			continue
		}
		frame, err := m.AppendFrame(nil, o)
		if err != nil {
			t.Errorf("%s: AppendFrame: %v", g.name, err)
			continue
		}
		if !bytes.Equal(frame, g.frame) {
			t.Errorf("%s: re-encoded\n%x\nwant\n%x", g.name, frame, g.frame)
			continue
		}
		reencoded++
	}
	t.Logf("decoded %d frames (%d signed, %d compressed), re-encoded %d byte for byte, rejected %d bad ones",
		decoded, signed, compressed, reencoded, rejected)
	if decoded == 0 || signed == 0 || compressed == 0 || reencoded == 0 || rejected < 4 {
		t.Errorf("captures do not cover every case")
	}
}

// TestReadGoldenWrongKey checks the capture where the client signed with
// the wrong key: the daemon's key must reject it.
func TestReadGoldenWrongKey(t *testing.T) {
	n := 0
	for _, g := range loadGolden(t) {
		if g.key == nil || string(g.key) == goldenKey {
			continue
		}
		n++
		_, err := Read(bytes.NewReader(g.frame), &Options{HMACKey: []byte(goldenKey)})
		var se *SecurityError
		if !errors.As(err, &se) || !strings.Contains(se.Reason, "mismatch") {
			t.Errorf("%s: Read with the daemon's key = %v, want an hmac mismatch", g.name, err)
		}
	}
	if n == 0 {
		t.Fatal("no capture signed with a wrong key")
	}
}

// TestReadGoldenMaxMessageSize replays the INVOKE that a daemon with
// MAX_MESSAGE_SIZE=2048 refused.
func TestReadGoldenMaxMessageSize(t *testing.T) {
	for _, g := range loadGolden(t) {
		if !strings.HasPrefix(g.name, "raw/max_message_size_request.json/") || g.entry.Header.Type != int(Invoke) {
			continue
		}
		_, err := Read(bytes.NewReader(g.frame), &Options{MaxSize: 2048})
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("Read with MaxSize 2048 = %v, want ErrTooLarge", err)
		}
		return
	}
	t.Fatal("capture raw/max_message_size_request.json has no INVOKE")
}

func isSecurityError(err error) bool {
	var se *SecurityError
	return errors.As(err, &se)
}

// diffMessages compares decoded messages, treating nil and empty alike.
// It tries a plain comparison first because cmp.Diff is slow.
func diffMessages(want, got *Message) string {
	if equalMessages(want, got) {
		return ""
	}
	return cmp.Diff(want, got, cmpopts.EquateEmpty())
}

func equalMessages(a, b *Message) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Type != b.Type || a.Flags != b.Flags || a.Seq != b.Seq || a.SerializerID != b.SerializerID ||
		!bytes.Equal(a.Data, b.Data) || len(a.Annotations) != len(b.Annotations) {
		return false
	}
	for i, x := range a.Annotations {
		if y := b.Annotations[i]; x.Key != y.Key || !bytes.Equal(x.Value, y.Value) {
			return false
		}
	}
	return true
}
