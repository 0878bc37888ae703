package codectest

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec"
)

// FuzzSound runs f over (payload, budget limit) pairs and fails when c's
// Sound passes a payload that Decode refuses under the same budget, or
// whose Items (c being a codec.Itemizer) fail part-way: a payload Sound
// passes must decode, as codec.SoundChecker promises.
func FuzzSound(f *testing.F, c interface {
	codec.Codec
	codec.SoundChecker
}) {
	f.Fuzz(func(t *testing.T, data []byte, limit int64) {
		if limit <= 0 {
			limit = 1
		}
		sound := c.Sound(data, codec.NewBudget(limit))
		_, err := codec.Decode(c, data, codec.NewBudget(limit))
		if sound && err != nil {
			t.Fatalf("Sound passes a payload Decode refuses: %v", err)
		}
		if iz, ok := codec.Codec(c).(codec.Itemizer); ok && sound {
			_, items, err := iz.DecodeItems(data, codec.NewBudget(limit))
			for err == nil && items != nil {
				var more bool
				_, more, err = items.Next()
				if !more {
					break
				}
			}
			if err != nil {
				t.Fatalf("Sound passes a payload whose Items fail: %v", err)
			}
		}
	})
}
