package printer

import (
	"io"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// largeValue is a list of n small dicts, about 100 bytes of repr each.
func largeValue(n int) py.Value {
	l := make(py.List, n)
	for i := range l {
		l[i] = py.DictOf(
			py.Str("id"), py.Int(i),
			py.Str("name"), py.Str("item number"),
			py.Str("price"), py.Float(12.5),
			py.Str("tags"), py.List{py.Str("a"), py.Str("b")},
			py.Str("ok"), py.Bool(true),
		)
	}
	return l
}

func benchmarkLarge(b *testing.B, f Format) {
	v := largeValue(100000)
	w := &countingWriter{}
	p := New(io.Discard, f, 80, true)
	if err := New(w, f, 80, true).Value(v); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(w.total))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if err := p.Value(v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJSONLarge(b *testing.B)   { benchmarkLarge(b, JSON) }
func BenchmarkReprLarge(b *testing.B)   { benchmarkLarge(b, Repr) }
func BenchmarkPrettyLarge(b *testing.B) { benchmarkLarge(b, Pretty) }
