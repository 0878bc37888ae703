package serpent

import (
	"crypto/sha256"
	"encoding/hex"
	"runtime"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

// TestLargePayloadMatchesPython checks that the benchmark payload is the
// bytes Python's serpent.dumps writes for issue 7's result shape.
func TestLargePayloadMatchesPython(t *testing.T) {
	got := pyrotest.PyRepr(t, "__import__('hashlib').sha256(__import__('serpent').dumps("+
		"[{'id': i, 'name': 'item%d' % i, 'score': i*0.5, 'tags': ['a', 'b']} for i in range(100000)])).hexdigest()")
	sum := sha256.Sum256(largePayload())
	if want := "'" + hex.EncodeToString(sum[:]) + "'"; got[0] != want {
		t.Fatalf("python's payload has sha256 %s, ours %s", got[0], want)
	}
}

// TestDecodeLargeStaysLean decodes the 6.5 MB benchmark payload and
// bounds its memory: bytes allocated by one decode (the result, one copy
// of the input, the parse stack) and the heap the result keeps alive.
//
// The live bound is near the floor of the value model: per dict a 32-byte
// Dict, 4 items of 32 bytes, boxes for the int, float, str and list
// (8+8+16+24 bytes), the list's 2 values (32) and its slot in the outer
// list (16) come to about 275 bytes, 4.26 times the 64.5 payload bytes
// of each dict.
func TestDecodeLargeStaysLean(t *testing.T) {
	if raceDetector {
		t.Skip("the race detector's instrumentation changes allocation figures; CI runs this without -race")
	}
	if testing.Short() {
		t.Skip("decodes 6.5 MB")
	}
	data := largePayload()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	v, err := Codec{}.Decode(data)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if l, ok := v.(py.List); !ok || len(l) != 100_000 || !py.Equal(l[99_999], codectest.LargeValue()[99_999]) {
		t.Fatalf("decoded %T of the wrong shape", v)
	}
	if alloc, limit := after.TotalAlloc-before.TotalAlloc, 6*uint64(len(data)); alloc > limit {
		t.Errorf("decode allocated %d bytes for a %d-byte payload, want under %d", alloc, len(data), limit)
	}
	if live, limit := codectest.LiveHeap(t, Codec{}, data), 9*uint64(len(data))/2; live > limit {
		t.Errorf("decoded result keeps %d bytes live for a %d-byte payload, want under %d", live, len(data), limit)
	}
}
