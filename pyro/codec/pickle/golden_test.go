package pickle

import (
	"sort"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// pickleMessages returns every pickle payload in the captures but the
// empty ones PING and CONNECTFAIL carry.
func pickleMessages(t testing.TB) []codectest.Capture {
	t.Helper()
	var out []codectest.Capture
	for _, m := range codectest.Captures(t, "pickle") {
		if m.Type == 6 || m.Type == 3 || len(m.Payload) == 0 {
			continue
		}
		out = append(out, m)
	}
	return out
}

// reprDiffers lists markers of Python reprs this package deliberately
// decodes to another shape (see doc.go); those are checked in
// TestGoldenShapes instead.
var reprDiffers = []string{"datetime.", "Decimal(", "UUID(", "array(", "OrderedDict(", "bytearray(",
	"Error(", "StopIteration(", "<", "Exception("}

func TestGoldenDecodeEveryCapture(t *testing.T) {
	n, compared := 0, 0
	for _, m := range pickleMessages(t) {
		v, err := New().Decode(m.Payload)
		if err != nil {
			t.Errorf("%s: %v", m.Name, err)
			continue
		}
		n++
		if m.Type == 4 {
			if _, err := New().DecodeCall(m.Payload); err != nil {
				t.Errorf("%s: DecodeCall: %v", m.Name, err)
			}
		}
		if m.PyroRepr == "" || containsAny(m.PyroRepr, reprDiffers) {
			continue
		}
		compared++
		got := py.Repr(v)
		if got != m.PyroRepr && strings.Contains(m.PyroRepr, "j)") {
			continue // py.Complex prints (1+-0j); TestGoldenShapes checks the value
		}
		if got != m.PyroRepr && strings.Contains(m.PyroRepr, "{'") && sortedRunes(got) == sortedRunes(m.PyroRepr) {
			continue // a set: Python's repr orders by hash, the wire by iteration
		}
		if got != m.PyroRepr {
			t.Errorf("%s:\n got %s\nwant %s", m.Name, got, m.PyroRepr)
		}
	}
	if n < 100 || compared < 50 {
		t.Errorf("decoded %d messages, compared %d reprs: captures missing?", n, compared)
	}
}

func sortedRunes(s string) string {
	r := []rune(s)
	sort.Slice(r, func(i, j int) bool { return r[i] < r[j] })
	return string(r)
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}
