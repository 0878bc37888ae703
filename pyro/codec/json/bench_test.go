package json

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// smallDicts is the benchmark payload: a list of n dicts like a typical
// listing result.
func smallDicts(n int) py.Value {
	l := make(py.List, n)
	for i := range l {
		l[i] = py.DictOf(py.Str("id"), py.Int(i), py.Str("name"), py.Str("item"), py.Str("price"), py.Float(float64(i)*0.25), py.Str("ok"), py.Bool(i%2 == 0))
	}
	return l
}

func BenchmarkDecodeSmallDicts(b *testing.B) {
	var c Codec
	data, err := c.Encode(nil, smallDicts(100000))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeSmallDicts(b *testing.B) {
	var c Codec
	v := smallDicts(100000)
	buf, _ := c.Encode(nil, v)
	b.SetBytes(int64(len(buf)))
	for b.Loop() {
		buf, _ = c.Encode(buf[:0], v)
	}
}
