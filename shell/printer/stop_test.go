package printer

import (
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// countedRepr is a value of a kind the printer does not know, printed by
// its repr (100 bytes), which counts how often it was asked for.
type countedRepr struct{ n *int }

func (c countedRepr) AppendRepr(dst []byte) []byte {
	*c.n++
	return append(dst, strings.Repeat("x", 100)...)
}

// TestFailedWriteStopsFormatting: once the stream fails (Ctrl+C stopped
// the output, a closed pipe), the rest of a large list or dict is not
// formatted: the statement ends with the first failed write.
func TestFailedWriteStopsFormatting(t *testing.T) {
	const n = 10000
	for _, shape := range []string{"list", "dict", "list of dicts"} {
		for _, f := range []Format{Pretty, Repr, JSON} {
			var calls int
			var v py.Value
			switch shape {
			case "list":
				l := make(py.List, n)
				for i := range l {
					l[i] = countedRepr{&calls}
				}
				v = l
			case "dict":
				d := py.NewDict(n)
				for i := 0; i < n; i++ {
					_ = d.Set(py.Int(i), countedRepr{&calls})
				}
				v = d
			default:
				l := make(py.List, n)
				for i := range l {
					l[i] = py.DictOf(py.Str("v"), countedRepr{&calls})
				}
				v = l
			}
			err := New(failWriter{}, f, 80, false).Value(v)
			if err == nil || !strings.Contains(err.Error(), "disk full") {
				t.Errorf("%s, %v: error = %v", shape, f, err)
			}
			// One write holds about flushAt/100 items; measuring a line
			// may ask for a repr again.
			if calls > n/4 {
				t.Errorf("%s, %v: %d of %d items formatted after the write failed", shape, f, calls, n)
			}
		}
	}
}
