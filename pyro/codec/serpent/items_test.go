package serpent

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
)

// decodeBoth is codectest.DecodeBoth under the default budget.
func decodeBoth(data []byte) (whole, items string, streamed bool) {
	return codectest.DecodeBoth(Codec{}, data, 0)
}

var itemsPayloads = []string{
	Header + "[]", Header + "()", Header + "(1,)", Header + "[1]", Header + "(1)", Header + "((1,),)",
	Header + "[{'data':'AP9hYg==','encoding':'base64'},{'__class__':'float','value':'nan'}]",
	Header + "[1,2", Header + "[1,2]]", Header + "[1,2] x", Header + "[1 2]", Header + "[1,@]",
	Header + "[1]+2j", Header + "[1]\n", Header + "[1]  # c", Header + "[1,'\\x00é',b'x',1e30000,12345678901234567890123]",
	Header + "[{'a':1},{1,2},frozenset({3}),{(1,2):[3]}]", Header + "(1,2,3,)", Header + "[[1,2],[3,[4]]]",
	"[1]", "(1, 2)", "[1\x00]", "[1, '\xff']", Header + "{'a':[1]}", Header + "'s'", Header + "[{[1]: 2}]",
}

func TestDecodeItemsMatchesDecode(t *testing.T) {
	for _, s := range itemsPayloads {
		if whole, items, _ := decodeBoth([]byte(s)); whole != items {
			t.Errorf("%q:\nDecode      %s\nDecodeItems %s", s, whole, items)
		}
	}
	for _, m := range codectest.Captures(t, "serpent") {
		if whole, items, _ := decodeBoth(m.Payload); whole != items {
			t.Errorf("%s:\nDecode      %s\nDecodeItems %s", m.Name, whole, items)
		}
	}
}

// TestDecodeItemsStreams checks which payloads are read element by
// element: a list or tuple that ends with its closing bracket.
func TestDecodeItemsStreams(t *testing.T) {
	for s, want := range map[string]bool{
		Header + "[1, 2]": true, Header + "(1, 2)\n": true, Header + "[]": true, Header + "[1, 2] x]": true,
		Header + "[1, 2": false, Header + "[1, 2] # c": false, Header + "(1)": false,
		Header + "[1, 2)": false, Header + "3": false, Header + "{1: 2, 3: 4}": true,
		Header + "{1: 2, 1.0: 3}": false, Header + "{1, 2}": false,
	} {
		if _, _, streamed := decodeBoth([]byte(s)); streamed != want {
			t.Errorf("%q: streamed %v, want %v", s, streamed, want)
		}
	}
}

// TestDecodeItemsStaysLean reads the 6.5 MB benchmark payload element by
// element and checks that, half-way through, the heap holds little more
// than the payload's text: the elements already read are garbage.
func TestDecodeItemsStaysLean(t *testing.T) {
	if raceDetector {
		t.Skip("the race detector's instrumentation changes allocation figures; CI runs this without -race")
	}
	if testing.Short() {
		t.Skip("decodes 6.5 MB")
	}
	data := largePayload()
	n, live := codectest.ItemsLiveHalfway(t, Codec{}, data, 50_000, nil)
	if n != 100_000 {
		t.Fatalf("read %d elements, want 100000", n)
	}
	t.Logf("half-way through: %d bytes live for a %d-byte payload", live, len(data))
	// A few blocks: the payload is read in place.
	if limit := uint64(1 << 20); live > limit {
		t.Errorf("half-way through, %d bytes are live for a %d-byte payload, want under %d", live, len(data), limit)
	}
}

// FuzzDecodeItems checks that DecodeItems gives what Decode gives: the
// same elements, or the same error.
func FuzzDecodeItems(f *testing.F) {
	for _, s := range itemsPayloads {
		f.Add([]byte(s))
	}
	for _, m := range codectest.CapturesIn(f, codec.IDSerpent, "*/*.json") {
		f.Add(m.Payload)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		codectest.CheckItems(t, Codec{}, data, int64(len(data)))
	})
}
