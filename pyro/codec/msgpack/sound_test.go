package msgpack

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
)

// TestSoundPassesWhatDecodes: Sound passes what Decode reads (a list of
// the usual result shapes, Pyro4's ext types, dicts under str and int
// keys) and refuses payloads cut short, with extra data, over budget, or
// holding a float key it leaves to Decode.
func TestSoundPassesWhatDecodes(t *testing.T) {
	var c Codec
	for _, s := range []string{
		"93 01 a3616263 cb3ff8000000000000",
		"92 82 a16b 01 02 c0 c7 02 31 2d35",
		"93 d7 33 0100000000000000 d7 32 19736b49df64d941 d8 30 000000000000f03f0000000000000040",
		"dc0002 c3 c4 03 010203",
	} {
		data := codectest.Unhex(s)
		if _, err := codec.Decode(c, data, nil); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		if !c.Sound(data, codec.NewBudget(1<<20)) {
			t.Errorf("Sound refuses %s", s)
		}
		if c.Sound(data[:len(data)-1], codec.NewBudget(1<<20)) || c.Sound(append(data, 0), codec.NewBudget(1<<20)) {
			t.Errorf("Sound passes %s cut short or with a byte added", s)
		}
		if c.Sound(data, codec.NewBudget(8)) {
			t.Errorf("Sound passes %s over a budget of 8 bytes", s)
		}
	}
	if c.Sound(codectest.Unhex("81 cb3ff8000000000000 01"), codec.NewBudget(1<<20)) {
		t.Error("Sound passes a float key")
	}
}
