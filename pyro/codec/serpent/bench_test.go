package serpent

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

// largeValue is the benchmark payload of issue 7: the result of Python's
// [{'id': i, 'name': 'item%d' % i, 'score': i*0.5, 'tags': ['a', 'b']}
// for i in range(100000)], which serpent.dumps writes in 6,455,587 bytes
// (TestLargePayloadMatchesPython checks our encoding is byte-identical).
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

var largePayload = sync.OnceValue(func() []byte {
	b, err := Codec{}.Encode(nil, largeValue())
	if err != nil {
		panic(err)
	}
	return b
})

func BenchmarkDecodeLarge(b *testing.B) {
	data := largePayload()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := (Codec{}).Decode(data); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(liveHeap(b, data)), "live-B")
}

// liveHeap returns how much the heap grows by decoding data once and
// keeping the result alive, measured after a full collection.
func liveHeap(tb testing.TB, data []byte) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v, err := (Codec{}).Decode(data)
	if err != nil {
		tb.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(v)
	return after.HeapAlloc - min(before.HeapAlloc, after.HeapAlloc)
}

func BenchmarkEncodeLarge(b *testing.B) {
	v := largeValue()
	data := largePayload()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	buf := make([]byte, 0, len(data))
	for b.Loop() {
		var err error
		if buf, err = (Codec{}).Encode(buf[:0], v); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPythonLoadsLarge times /usr/bin/python3's serpent.loads on the
// same payload (testdata/python_bench.py) and reports its MB/s, so the Go
// figure can be read against Python's on the same machine and load.
func BenchmarkPythonLoadsLarge(b *testing.B) {
	pyrotest.RequirePyro4(b)
	path := filepath.Join(b.TempDir(), "payload.serpent")
	if err := os.WriteFile(path, largePayload(), 0o600); err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for b.Loop() {
		out, err := exec.CommandContext(ctx, pyrotest.Python, "testdata/python_bench.py", path, "1").CombinedOutput()
		if err != nil {
			b.Fatalf("python: %v\n%s", err, out)
		}
		f := strings.Fields(string(out))
		if len(f) != 4 {
			b.Fatalf("python printed %q", out)
		}
		mbs, _ := strconv.ParseFloat(f[2], 64)
		b.ReportMetric(mbs, "python-MB/s")
	}
}
