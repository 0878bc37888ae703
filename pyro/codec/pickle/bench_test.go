package pickle

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// BenchmarkDecodeDicts decodes a protocol 4 list of 100,000 small dicts.
func BenchmarkDecodeDicts(b *testing.B) {
	l := make(py.List, 100_000)
	for i := range l {
		l[i] = py.DictOf(py.Str("id"), py.Int(i), py.Str("name"), py.Str("item"), py.Str("price"), py.Float(1.5))
	}
	data, err := New().Encode(nil, l)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New().Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}
