package pyro

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/wire"
)

// TestPyro5CapturesDecode reads every captured Pyro5 5.15 message that
// Python's serializer could load through the Pyro5 framing and the codec
// its serializer id names, and compares the value with Python's repr of
// it (testdata/vectors5, see its README.md).
func TestPyro5CapturesDecode(t *testing.T) {
	dir := filepath.Join("testdata", "vectors5")
	f := newFraming(Pyro5, &Options{})
	var decoded, same int
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var c struct {
			Wire []struct {
				Kind, Layout, Hex string
				Payload           struct {
					RawRepr  *string `json:"raw_repr"`
					RawError string  `json:"raw_error"`
				}
			}
		}
		if json.Unmarshal(raw, &c) != nil {
			return nil
		}
		for i, w := range c.Wire {
			if w.Kind != "message" || w.Layout != "pyro5" || w.Payload.RawRepr == nil || w.Payload.RawError != "" {
				continue
			}
			frame, _ := hex.DecodeString(w.Hex)
			m := new(message)
			err := f.read(bytes.NewReader(frame), m)
			if err != nil {
				continue // the bad frames of raw/, which wire5's own tests check
			}
			if m.typ == wire.Ping {
				continue // not serialized
			}
			cd, ok := codecs[m.serializer]
			if !ok {
				// raw/*_unknown_serializer, raw/connect_pyro4_msgpack_id: ids
				// Pyro5 does not have, named as such.
				if !strings.HasPrefix(m.serializer, "serializer ") {
					t.Errorf("%s[%d]: no codec for %s", path, i, m.serializer)
				}
				continue
			}
			v, err := codec.Decode(cd, m.data, nil)
			if err != nil {
				t.Errorf("%s[%d]: %s payload %q: %v", path, i, m.serializer, m.data, err)
				continue
			}
			decoded++
			if py.Repr(v) == *w.Payload.RawRepr {
				same++
			}
			fromWire(v) // class dicts of either protocol convert without a panic
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("decoded %d captured Pyro5 payloads, %d with the repr Python's serializer gave", decoded, same)
	if decoded < 2000 || same < decoded*9/10 {
		t.Errorf("decoded %d payloads, %d repr-identical to Python's", decoded, same)
	}
}
