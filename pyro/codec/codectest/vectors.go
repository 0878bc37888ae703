package codectest

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec"
)

// VectorsDir returns the directory of the golden captures,
// pyro/testdata/vectors, found from this package's source file so that
// tests in any package reach it.
func VectorsDir() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return filepath.Join("..", "..", "testdata", "vectors")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "vectors")
}

// Capture is one message of a golden capture with its payload cut out of
// the frame.
type Capture struct {
	Name         string // folder/file.json:index, for messages
	Dir          string // "client->server" or "server->client"
	Type         uint16 // message type: 4 INVOKE, 5 RESULT, 6 PING...
	Flags        uint16
	SerializerID uint16
	Payload      []byte // inflated when the frame is compressed
	RawRepr      string // repr of what the serializer's plain loads gave; "" if none
	RawError     string // why the serializer's plain loads refused it; "" if it did not
	PyroRepr     string // repr of what Pyro4's loads gave; "" if none
}

type captureFile struct {
	Wire []struct {
		Kind    string `json:"kind"`
		Dir     string `json:"dir"`
		Hex     string `json:"hex"`
		Payload struct {
			RawRepr  string `json:"raw_repr"`
			RawError string `json:"raw_error"`
			PyroRepr string `json:"pyro_repr"`
		} `json:"payload"`
	} `json:"wire"`
}

// Captures returns every message of the named serializer ("json",
// "marshal"...) in its own capture folder and in nameserver/<serializer>:
// all of them whose header carries that serializer's id. It fails the
// test, never skips it, when there are no captures: missing golden data
// must not pass silently.
func Captures(tb testing.TB, serializer string) []Capture {
	tb.Helper()
	id, ok := serializerIDs[serializer]
	if !ok {
		tb.Fatalf("no serializer %q", serializer)
	}
	return CapturesIn(tb, id, serializer+"/*.json", filepath.Join("nameserver", serializer, "*.json"))
}

var serializerIDs = map[string]uint16{
	"serpent": codec.IDSerpent, "json": codec.IDJSON, "marshal": codec.IDMarshal,
	"pickle": codec.IDPickle, "msgpack": codec.IDMsgpack,
}

// CapturesIn returns every message whose header carries serializerID in
// the capture files matching the glob patterns, taken relative to the
// vectors directory ("*/*.json", "pickle/attr_get.json"). Like Captures
// it fails the test when no file matches.
func CapturesIn(tb testing.TB, serializerID uint16, patterns ...string) []Capture {
	tb.Helper()
	dir := VectorsDir()
	var files []string
	for _, p := range patterns {
		m, err := filepath.Glob(filepath.Join(dir, p))
		if err != nil {
			tb.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		tb.Fatalf("no captures matching %v under %s", patterns, dir)
	}
	var out []Capture
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		var cf captureFile
		if err := json.Unmarshal(raw, &cf); err != nil {
			tb.Fatalf("%s: %v", f, err)
		}
		rel, _ := filepath.Rel(dir, f)
		for i, w := range cf.Wire {
			if w.Kind != "message" {
				continue
			}
			name := rel + ":" + strconv.Itoa(i)
			frame, err := hex.DecodeString(w.Hex)
			if err != nil {
				tb.Fatalf("%s: bad frame hex: %v", name, err)
			}
			c, err := parseFrame(frame)
			if err != nil {
				tb.Fatalf("%s: %v", name, err)
			}
			if c.SerializerID != serializerID {
				continue
			}
			c.Name, c.Dir = name, w.Dir
			c.RawRepr, c.RawError, c.PyroRepr = w.Payload.RawRepr, w.Payload.RawError, w.Payload.PyroRepr
			out = append(out, c)
		}
	}
	return out
}

// parseFrame cuts the payload out of one whole Pyro4 message (PROTOCOL.md
// §1): a 24-byte big-endian header ("PYRO", version at 4, type at 6,
// flags at 8, seq at 10, data size at 12, serializer id at 16,
// annotations size at 18, checksum at 20), the annotations, then the
// payload, zlib-compressed when flag 0x02 is set.
func parseFrame(frame []byte) (Capture, error) {
	if len(frame) < 24 || string(frame[:4]) != "PYRO" {
		return Capture{}, fmt.Errorf("not a Pyro4 message: % x", frame[:min(len(frame), 24)])
	}
	c := Capture{
		Type:         binary.BigEndian.Uint16(frame[6:]),
		Flags:        binary.BigEndian.Uint16(frame[8:]),
		SerializerID: binary.BigEndian.Uint16(frame[16:]),
	}
	size := int(binary.BigEndian.Uint32(frame[12:]))
	ann := int(binary.BigEndian.Uint16(frame[18:]))
	if 24+ann+size > len(frame) {
		return Capture{}, fmt.Errorf("message of %d bytes shorter than its header says (%d)", len(frame), 24+ann+size)
	}
	c.Payload = frame[24+ann : 24+ann+size]
	if c.Flags&0x02 != 0 {
		zr, err := zlib.NewReader(bytes.NewReader(c.Payload))
		if err != nil {
			return Capture{}, fmt.Errorf("zlib: %v", err)
		}
		if c.Payload, err = io.ReadAll(zr); err != nil {
			return Capture{}, fmt.Errorf("zlib: %v", err)
		}
	}
	return c, nil
}
