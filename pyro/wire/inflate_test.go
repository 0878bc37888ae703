package wire

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
)

// tally is a Budget that records what it was charged and refuses past a
// ceiling.
type tally struct {
	taken, ceiling int
}

func (b *tally) Take(n int) error {
	if b.ceiling > 0 && b.taken+n > b.ceiling {
		return fmt.Errorf("budget of %d bytes spent", b.ceiling)
	}
	b.taken += n
	return nil
}

func TestInflate(t *testing.T) {
	t.Run("round trip of every size around the first buffer", func(t *testing.T) {
		for _, n := range []int{0, 1, inflateChunk - 1, inflateChunk, inflateChunk + 1, 5*inflateChunk + 3} {
			want := bytes.Repeat([]byte{'x'}, n)
			got, err := Inflate(zlibBytes(want), n)
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("%d bytes with limit %d: got %d bytes, %v", n, n, len(got), err)
			}
		}
	})
	t.Run("one byte past the limit is refused", func(t *testing.T) {
		_, err := Inflate(zlibBytes(make([]byte, 1001)), 1000)
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("got %v, want ErrTooLarge", err)
		}
	})
	t.Run("a bomb costs less than three times the limit, not its expansion", func(t *testing.T) {
		// 64 MiB of zeros in about 64 KB: the issue 13 CONNECT bomb's kind.
		bomb := zlibBytes(make([]byte, 64<<20))
		b := &tally{}
		_, err := InflateBudget(bomb, 1<<20, b)
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("got %v, want ErrTooLarge", err)
		}
		if b.taken >= 3*(1<<20) {
			t.Fatalf("charged %d bytes for a 1 MiB limit", b.taken)
		}
	})
	t.Run("the budget stops it before the limit", func(t *testing.T) {
		b := &tally{ceiling: 300 << 10}
		_, err := InflateBudget(zlibBytes(make([]byte, 8<<20)), DefaultMaxSize, b)
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("got %v, want ErrTooLarge", err)
		}
		wantProtocolError(t, err, "budget of 307200 bytes spent")
	})
}

func TestReadChargesBudget(t *testing.T) {
	payload := bytes.Repeat([]byte("abc"), 1<<20)
	frame := mustFrame(t, &Message{Type: Invoke, SerializerID: 1, Data: payload}, nil)
	t.Run("charges about the payload", func(t *testing.T) {
		b := &tally{}
		if _, err := Read(bytes.NewReader(frame), &Options{Budget: b}); err != nil {
			t.Fatal(err)
		}
		if b.taken < len(payload) || b.taken > len(payload)+readChunk {
			t.Fatalf("charged %d bytes for a payload of %d", b.taken, len(payload))
		}
	})
	t.Run("a refusal is ErrTooLarge", func(t *testing.T) {
		_, err := Read(bytes.NewReader(frame), &Options{Budget: &tally{ceiling: 2 << 20}})
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("got %v, want ErrTooLarge", err)
		}
	})
	t.Run("the inflated payload is charged too", func(t *testing.T) {
		z := zlibBytes(payload)
		cframe := append(rawHeader(Invoke, FlagCompressed, 0, int32(len(z)), 1, 0), z...)
		b := &tally{}
		m, err := Read(bytes.NewReader(cframe), &Options{Budget: b})
		if err != nil || !bytes.Equal(m.Data, payload) {
			t.Fatalf("got %v", err)
		}
		if b.taken < len(payload)+len(z) {
			t.Fatalf("charged %d bytes for %d compressed and %d inflated", b.taken, len(z), len(payload))
		}
	})
}
