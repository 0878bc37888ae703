package codectest

import (
	"runtime"
	"strconv"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// LargeValue is the benchmark payload of issue 7: the result of Python's
// [{'id': i, 'name': 'item%d' % i, 'score': i*0.5, 'tags': ['a', 'b']}
// for i in range(100000)], which serpent.dumps writes in 6,455,587 bytes.
func LargeValue() py.List {
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

// SmallDicts returns a list of n dicts of four scalars each, like a
// typical listing result.
func SmallDicts(n int) py.List {
	l := make(py.List, n)
	for i := range l {
		l[i] = py.DictOf(py.Str("id"), py.Int(i), py.Str("name"), py.Str("item"), py.Str("price"), py.Float(float64(i)*0.25), py.Str("ok"), py.Bool(i%2 == 0))
	}
	return l
}

// Encode returns c's encoding of v, failing the test or benchmark when c
// refuses it.
func Encode(tb testing.TB, c codec.Codec, v py.Value) []byte {
	tb.Helper()
	data, err := c.Encode(nil, v)
	if err != nil {
		tb.Fatalf("%s encode: %v", c.Name(), err)
	}
	return data
}

// BenchmarkDecode times c.Decode of data, reporting bytes per second,
// allocations, and as "live-B" the heap one decoded result keeps alive.
func BenchmarkDecode(b *testing.B, c codec.Codec, data []byte) {
	b.Helper()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Decode(data); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(LiveHeap(b, c, data)), "live-B")
}

// BenchmarkEncode times c.Encode of v into a reused buffer, reporting
// bytes per second and allocations.
func BenchmarkEncode(b *testing.B, c codec.Codec, v py.Value) {
	b.Helper()
	buf := Encode(b, c, v)
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	for b.Loop() {
		var err error
		if buf, err = c.Encode(buf[:0], v); err != nil {
			b.Fatal(err)
		}
	}
}

// LiveHeap returns how much the heap grows by decoding data once and
// keeping the result alive, measured after a full collection.
func LiveHeap(tb testing.TB, c codec.Codec, data []byte) uint64 {
	tb.Helper()
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

// ItemsLiveHalfway reads data element by element with c's DecodeItems
// and returns how many elements it read and how much the heap had grown,
// measured after a full collection, once half of them had been read.
// first, when not nil, is called with the first element.
func ItemsLiveHalfway(tb testing.TB, c codec.Itemizer, data []byte, half int, first func(py.Value)) (n int, live uint64) {
	tb.Helper()
	var before, mid runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, it, err := c.DecodeItems(data, nil)
	if err != nil || it == nil {
		tb.Fatalf("DecodeItems gave items %v, error %v", it != nil, err)
	}
	for {
		v, ok, err := it.Next()
		if err != nil {
			tb.Fatal(err)
		}
		if !ok {
			break
		}
		if n == 0 && first != nil {
			first(v)
		}
		if n++; n == half {
			runtime.GC()
			runtime.ReadMemStats(&mid)
		}
	}
	return n, mid.HeapAlloc - min(before.HeapAlloc, mid.HeapAlloc)
}
