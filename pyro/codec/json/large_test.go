package json

import (
	"runtime"
	"strconv"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// largeValue is issue 7's result shape: Python's
// [{'id': i, 'name': 'item%d' % i, 'score': i*0.5, 'tags': ['a', 'b']}
// for i in range(100000)].
func largeValue() py.Value {
	l := make(py.List, 100_000)
	for i := range l {
		d := py.NewDict(4)
		d.SetStr("id", py.Int(i))
		d.SetStr("name", py.Str("item"+strconv.Itoa(i)))
		d.SetStr("score", py.Float(float64(i)*0.5))
		d.SetStr("tags", py.List{py.Str("a"), py.Str("b")})
		l[i] = d
	}
	return l
}

func BenchmarkDecodeLarge(b *testing.B) {
	var c Codec
	data, err := c.Encode(nil, largeValue())
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
	b.StopTimer()
	b.ReportMetric(float64(liveHeap(b, c, data)), "live-B")
}

// liveHeap returns how much the heap grows by decoding data once and
// keeping the result alive, measured after a full collection.
func liveHeap(tb testing.TB, c Codec, data []byte) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v, err := c.Decode(data)
	if err != nil {
		tb.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(v)
	return after.HeapAlloc - min(before.HeapAlloc, after.HeapAlloc)
}
