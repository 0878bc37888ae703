package serpent

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

// largePayload is serpent's encoding of codectest.LargeValue, issue 7's
// benchmark payload: 6,455,587 bytes, byte-identical to what Python's
// serpent.dumps writes (TestLargePayloadMatchesPython checks it).
var largePayload = sync.OnceValue(func() []byte {
	b, err := Codec{}.Encode(nil, codectest.LargeValue())
	if err != nil {
		panic(err)
	}
	return b
})

func BenchmarkDecodeLarge(b *testing.B) {
	codectest.BenchmarkDecode(b, Codec{}, largePayload())
}

func BenchmarkEncodeLarge(b *testing.B) {
	codectest.BenchmarkEncode(b, Codec{}, codectest.LargeValue())
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
