package shell

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

// chanWriter hands each write to a channel.
type chanWriter chan string

func (c chanWriter) Write(p []byte) (int, error) {
	c <- string(p)
	return len(p), nil
}

// TestBatchOutTimerFlushes: bytes left in the buffer go out without a
// Flush (the timer's), in one write.
func TestBatchOutTimerFlushes(t *testing.T) {
	w := make(chanWriter, 4)
	b := newBatchOut(w)
	b.Write([]byte("(1,)\n"))
	b.Write([]byte("(2,)\n"))
	select {
	case got := <-w:
		if got != "(1,)\n(2,)\n" {
			t.Errorf("timer flushed %q", got)
		}
	case <-time.After(time.Minute): // a failure bound, not a speed test
		t.Fatal("the buffer was never flushed")
	}
}

// failWriter fails every write.
type failWriter struct{ n int }

func (f *failWriter) Write([]byte) (int, error) {
	f.n++
	return 0, errors.New("no space left on device")
}

// TestBatchOutKeepsTheFailure: the first failed write is returned by
// every later write and flush, written to the device once, and reported
// once.
func TestBatchOutKeepsTheFailure(t *testing.T) {
	f := &failWriter{}
	b := newBatchOut(f)
	if _, err := b.Write([]byte("x\n")); err != nil {
		t.Fatalf("buffered write: %v", err)
	}
	err := b.Flush()
	if !isOutputError(err) || err.Error() != "no space left on device" {
		t.Fatalf("flush: %v", err)
	}
	if _, err := b.Write([]byte("y\n")); !isOutputError(err) {
		t.Errorf("write after the failure: %v", err)
	}
	if err := b.Flush(); !isOutputError(err) {
		t.Errorf("flush after the failure: %v", err)
	}
	if f.n != 1 {
		t.Errorf("%d writes reached the device, want 1", f.n)
	}
	if b.failure() == nil || b.failure() != nil {
		t.Error("the failure is not reported exactly once")
	}
}

// TestBatchOutLargeWrite: a write larger than the buffer goes out after
// what was buffered, in order, without being copied.
func TestBatchOutLargeWrite(t *testing.T) {
	var out bytes.Buffer
	b := newBatchOut(&out)
	big := strings.Repeat("z", batchOutSize+1)
	b.Write([]byte("a\n"))
	b.Write([]byte(big))
	b.Write([]byte("b\n"))
	if err := b.Flush(); err != nil {
		t.Fatal(err)
	}
	if out.String() != "a\n"+big+"b\n" {
		t.Errorf("output out of order (%d bytes)", out.Len())
	}
}
