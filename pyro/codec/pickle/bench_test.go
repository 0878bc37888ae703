package pickle

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// BenchmarkDecodeLarge decodes issue 7's result shape
// (codectest.LargeValue), reporting the heap the result keeps alive.
func BenchmarkDecodeLarge(b *testing.B) {
	c := New()
	codectest.BenchmarkDecode(b, c, codectest.Encode(b, c, codectest.LargeValue()))
}

// BenchmarkDecodeDicts decodes a protocol 4 list of 100,000 small dicts.
func BenchmarkDecodeDicts(b *testing.B) {
	l := make(py.List, 100_000)
	for i := range l {
		l[i] = py.DictOf(py.Str("id"), py.Int(i), py.Str("name"), py.Str("item"), py.Str("price"), py.Float(1.5))
	}
	c := New()
	codectest.BenchmarkDecode(b, c, codectest.Encode(b, c, l))
}

// BenchmarkScan runs the first pass (scanPickle) alone over
// BenchmarkDecodeLarge's payload and a Python-shaped one of big(100000).
func BenchmarkScan(b *testing.B) {
	for _, p := range []struct {
		name string
		data []byte
	}{{"large", codectest.Encode(b, New(), codectest.LargeValue())}, {"python", pythonBig(100_000)}} {
		b.Run(p.name, func(b *testing.B) {
			b.SetBytes(int64(len(p.data)))
			for b.Loop() {
				scanPickle(p.data)
			}
		})
	}
}

// BenchmarkDecodePython decodes what Python's pickler writes for
// docs/bench/server.py's big(100000) (pythonBig): every container and str
// memoized, the keys fetched again.
func BenchmarkDecodePython(b *testing.B) {
	codectest.BenchmarkDecode(b, New(), pythonBig(100_000))
}
