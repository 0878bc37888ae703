package marshal

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/hex"
	stdjson "encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// vectorsDir holds the golden Pyro4 captures (see its README.md).
const vectorsDir = "../../testdata/vectors"

// captured is one message payload of a golden capture.
type captured struct {
	name     string // file:index
	msgType  int
	flags    int
	payload  []byte
	rawRepr  string // repr of what Python's serializer loaded, "" if none
	pyroRepr string
}

type captureFile struct {
	Wire []struct {
		Kind    string `json:"kind"`
		Hex     string `json:"hex"`
		Payload struct {
			RawRepr         string `json:"raw_repr"`
			PyroRepr        string `json:"pyro_repr"`
			DecompressedHex string `json:"decompressed_hex"`
		} `json:"payload"`
	} `json:"wire"`
}

// loadCaptures returns every message payload with serializer id sid in the
// captures of the named serializer and its name-server captures. The frame
// is parsed here (PROTOCOL.md §1): 24-byte big-endian header, annotations,
// payload, zlib-inflated when flag 0x02 is set.
func loadCaptures(t testing.TB, serializer string, sid int) []captured {
	t.Helper()
	var files []string
	for _, dir := range []string{serializer, filepath.Join("nameserver", serializer)} {
		m, err := filepath.Glob(filepath.Join(vectorsDir, dir, "*.json"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatalf("no captures under %s", vectorsDir)
	}
	var out []captured
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var cf captureFile
		if err := stdjson.Unmarshal(raw, &cf); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for i, w := range cf.Wire {
			if w.Kind != "message" {
				continue
			}
			frame, err := hex.DecodeString(w.Hex)
			if err != nil || len(frame) < 24 {
				t.Fatalf("%s[%d]: bad frame hex", f, i)
			}
			if int(binary.BigEndian.Uint16(frame[16:])) != sid {
				continue
			}
			annLen := int(binary.BigEndian.Uint16(frame[18:]))
			dataLen := int(binary.BigEndian.Uint32(frame[12:]))
			if 24+annLen+dataLen > len(frame) {
				t.Fatalf("%s[%d]: truncated frame", f, i)
			}
			c := captured{
				name:     filepath.Base(f) + ":" + strconv.Itoa(i),
				msgType:  int(binary.BigEndian.Uint16(frame[6:])),
				flags:    int(binary.BigEndian.Uint16(frame[8:])),
				payload:  frame[24+annLen : 24+annLen+dataLen],
				rawRepr:  w.Payload.RawRepr,
				pyroRepr: w.Payload.PyroRepr,
			}
			if c.flags&0x02 != 0 {
				zr, err := zlib.NewReader(bytes.NewReader(c.payload))
				if err != nil {
					t.Fatalf("%s: %v", c.name, err)
				}
				if c.payload, err = io.ReadAll(zr); err != nil {
					t.Fatalf("%s: %v", c.name, err)
				}
			}
			out = append(out, c)
		}
	}
	return out
}

// valueVector is one entry of values/<serializer>.json: a Python value,
// what Pyro4's dumps made of it and what loads gave back.
type valueVector struct {
	Name       string `json:"name"`
	PythonRepr string `json:"python_repr"`
	Hex        string `json:"hex"`
	RawRepr    string `json:"raw_repr"`
	DumpsError string `json:"dumps_error"`
}

func loadValueVectors(t testing.TB, serializer string) (call []byte, values []valueVector) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(vectorsDir, "values", serializer+".json"))
	if err != nil {
		t.Fatalf("no value vectors: %v", err)
	}
	var vf struct {
		Call struct {
			Hex string `json:"hex"`
		} `json:"dumpsCall_example"`
		Values []valueVector `json:"values"`
	}
	if err := stdjson.Unmarshal(raw, &vf); err != nil {
		t.Fatal(err)
	}
	call, err = hex.DecodeString(vf.Call.Hex)
	if err != nil {
		t.Fatal(err)
	}
	return call, vf.Values
}

// sameRepr compares our repr with Python's. Two differences are tolerated:
// set elements may print in another order (Python rebuilds a set in hash
// order, which we do not model), checked as the same multiset of
// characters; and py.Complex printing (1+-0j) for Python's (1-0j), a known
// py bug reported to its owner.
func sameRepr(got, want string) bool {
	got = strings.ReplaceAll(got, "+-0j", "-0j")
	want = strings.ReplaceAll(want, "+-0j", "-0j")
	if got == want {
		return true
	}
	if !strings.Contains(want, "{") {
		return false
	}
	a, b := []byte(got), []byte(want)
	slices.Sort(a)
	slices.Sort(b)
	return string(a) == string(b)
}
