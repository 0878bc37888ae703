package marshal

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// TestSoundPassesWhatDecodes: Sound passes what Decode reads (the usual
// result shapes, and Python's references to an interned str read
// before) and refuses payloads cut short, over budget, or holding what
// it leaves to Decode (a set).
func TestSoundPassesWhatDecodes(t *testing.T) {
	var c Codec
	rec := py.NewDict(0)
	rec.Set(py.Str("name"), py.Str("x"))
	rec.Set(py.Str("n"), py.Int(-1<<20))
	for _, data := range [][]byte{
		mustEncode(t, py.List{py.Int(1), py.Str("a"), py.Float(2), py.Bytes("b"), py.None, py.Bool(true), rec, py.Tuple{py.Complex(1i)}}),
		// [{'k': 1}, 'k'] as Python 3 writes it: the key interned with
		// FLAG_REF, then referenced.
		[]byte("\xdb\x02\x00\x00\x00\xfb\xda\x01k\xe9\x01\x00\x00\x000r\x01\x00\x00\x00"),
		// marshal.dumps([{'k': 1}, {'k': 2}]): the second key a reference.
		[]byte("[\x02\x00\x00\x00{\xda\x01k\xe9\x01\x00\x00\x000{r\x00\x00\x00\x00\xe9\x02\x00\x00\x000"),
	} {
		if _, err := codec.Decode(c, data, nil); err != nil {
			t.Fatalf("%q: %v", data, err)
		}
		if !c.Sound(data, codec.NewBudget(1<<20)) {
			t.Errorf("Sound refuses %q", data)
		}
		if c.Sound(data[:len(data)-1], codec.NewBudget(1<<20)) {
			t.Errorf("Sound passes %q cut short", data)
		}
		if c.Sound(data, codec.NewBudget(8)) {
			t.Errorf("Sound passes %q over a budget of 8 bytes", data)
		}
	}
	if c.Sound(mustEncode(t, &py.Set{Items: []py.Value{py.Int(1)}}), codec.NewBudget(1<<20)) {
		t.Error("Sound passes a set")
	}
	// [(1,), {(1,): 2}]: a reference to a tuple as a dict key, left to Decode.
	if c.Sound([]byte("[\x02\x00\x00\x00\xa9\x01\xe9\x01\x00\x00\x00{r\x00\x00\x00\x00\xe9\x02\x00\x00\x000"), codec.NewBudget(1<<20)) {
		t.Error("Sound passes a reference to a tuple as a key, which it leaves to Decode")
	}
}

func mustEncode(t *testing.T, v py.Value) []byte {
	t.Helper()
	data, err := Codec{}.Encode(nil, v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
