package json

import (
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec"
)

// TestSoundPassesWhatDecodes: Sound passes what Decode reads (escapes,
// surrogate pairs, NaN and Infinity, an int at the digit limit) and
// refuses payloads cut short, over budget, or past the limits.
func TestSoundPassesWhatDecodes(t *testing.T) {
	var c Codec
	for _, s := range []string{
		`[1, -0.5e3, "a\"b\u00e9\ud83d\ude00\ud800x", {"k": [null, true, false, NaN, -Infinity, Infinity]}]`,
		` {"a": {}, "b": [], "c": "\/\b\f\n\r\t"} `,
		"-" + strings.Repeat("9", 4300),
	} {
		data := []byte(s)
		if _, err := codec.Decode(c, data, nil); err != nil {
			t.Fatalf("%.40s: %v", s, err)
		}
		if !c.Sound(data, codec.NewBudget(1<<20)) {
			t.Errorf("Sound refuses %.40s", s)
		}
		if !strings.HasPrefix(s, "-") && c.Sound(data[:len(strings.TrimRight(s, " "))-1], codec.NewBudget(1<<20)) {
			t.Errorf("Sound passes %.40s cut short", s)
		}
	}
	for _, s := range []string{`[1, 2,]`, strings.Repeat("9", 4301), `"\x"`, "\"\t\"", `[` + strings.Repeat(`"ab",`, 10) + `1]`} {
		if c.Sound([]byte(s), codec.NewBudget(64)) {
			t.Errorf("Sound passes %.40s", s)
		}
	}
}
