package shell

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// The lines a plainReader returns share blocks of text: each must read
// as it was read, after many more lines have been read, whatever their
// lengths (empty, CRLF, longer than a block's lines, past the reader's
// buffer, the last one without a newline).
func TestPlainReaderLinesStayIntact(t *testing.T) {
	var want []string
	var in strings.Builder
	for i := 0; i < 3000; i++ {
		line := strings.Repeat(string(rune('a'+i%26)), (i*37)%(textLine+40))
		if i%500 == 7 {
			line = strings.Repeat("x", 70<<10) // longer than bufio's buffer
		}
		want = append(want, line)
		in.WriteString(line)
		if i%3 == 0 {
			in.WriteString("\r")
		}
		in.WriteString("\n")
	}
	want = append(want, "last")
	in.WriteString("last")
	r := newPlainReader(strings.NewReader(in.String()))
	var got []string
	for {
		line, err := r.ReadLine("")
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, line)
	}
	if len(got) != len(want) {
		t.Fatalf("read %d lines, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("line %d = %.40q (%d bytes), want %.40q (%d bytes)", i, got[i], len(got[i]), want[i], len(want[i]))
		}
	}
}

// chunkReader returns one chunk per Read, as a pipe does.
type chunkReader struct{ chunks []string }

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.chunks) == 0 {
		return 0, io.EOF
	}
	n := copy(p, c.chunks[0])
	c.chunks = c.chunks[1:]
	return n, nil
}

// A piped script's output is flushed before a read that may wait for
// input, and only then: not while whole lines are buffered.
func TestPlainReaderFlushesBeforeWaiting(t *testing.T) {
	r := newPlainReader(&chunkReader{chunks: []string{"x1\nx2\nx", "3\n"}})
	flushes := 0
	r.flush = func() { flushes++ }
	for i, want := range []struct {
		line    string
		flushes int
	}{{"x1", 1}, {"x2", 1}, {"x3", 2}} {
		line, err := r.ReadLine("")
		if err != nil || line != want.line || flushes != want.flushes {
			t.Fatalf("read %d: %q, %v after %d flushes; want %q after %d", i, line, err, flushes, want.line, want.flushes)
		}
	}
	if _, err := r.ReadLine(""); !errors.Is(err, io.EOF) || flushes != 3 {
		t.Fatalf("at the end: %v after %d flushes, want EOF after 3", err, flushes)
	}
}

// A UTF-8 byte-order mark at the start of the input is skipped, as
// Python's tokenizer does; one anywhere else is the line's.
func TestPlainReaderSkipsALeadingBOM(t *testing.T) {
	r := newPlainReader(strings.NewReader("\ufeffobj.echo(1)\n\ufeffx\n"))
	for _, want := range []string{"obj.echo(1)", "\ufeffx"} {
		if got, err := r.ReadLine(""); got != want || err != nil {
			t.Errorf("ReadLine = %q, %v; want %q", got, err, want)
		}
	}
}
