package codectest

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// Value is one entry of values/<serializer>.json: a Python value, what
// Pyro4's serializer dumped of it, and what loading that gave back.
type Value struct {
	Name       string
	PythonRepr string // repr of the value Python dumped
	Payload    []byte // the dumped bytes; nil when dumping failed
	RawRepr    string // repr after the serializer's plain loads; "" if none
	RawError   string // why the plain loads refused it; "" if it did not
	PyroRepr   string // repr after Pyro4's loads; "" if none
	DumpsError string // why Pyro4 could not dump it; "" if it could
}

// Values reads values/<serializer>.json: the INVOKE payload Pyro4 wrote
// for Example.echo(1, 'a', k=2), and the standalone value table. A
// missing or unreadable file fails the test.
func Values(tb testing.TB, serializer string) (call []byte, values []Value) {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join(VectorsDir(), "values", serializer+".json"))
	if err != nil {
		tb.Fatalf("no value vectors: %v", err)
	}
	var vf struct {
		Call struct {
			Hex string `json:"hex"`
		} `json:"dumpsCall_example"`
		Values []struct {
			Name       string `json:"name"`
			PythonRepr string `json:"python_repr"`
			Hex        string `json:"hex"`
			RawRepr    string `json:"raw_repr"`
			RawError   string `json:"raw_error"`
			PyroRepr   string `json:"pyro_loads_repr"`
			DumpsError string `json:"dumps_error"`
		} `json:"values"`
	}
	if err := json.Unmarshal(raw, &vf); err != nil {
		tb.Fatal(err)
	}
	if call, err = hex.DecodeString(vf.Call.Hex); err != nil {
		tb.Fatalf("call hex: %v", err)
	}
	for _, v := range vf.Values {
		p, err := hex.DecodeString(v.Hex)
		if err != nil {
			tb.Fatalf("%s: bad hex: %v", v.Name, err)
		}
		if v.Hex == "" {
			p = nil
		}
		values = append(values, Value{v.Name, v.PythonRepr, p, v.RawRepr, v.RawError, v.PyroRepr, v.DumpsError})
	}
	return call, values
}
