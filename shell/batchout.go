package shell

import (
	"bufio"
	"io"
	"sync"

	"github.com/pyrosh/pyrosh/shell/printer"
)

// batchOut buffers the stdout of a script (piped statements, -c, -f)
// when stdout is not a terminal: results go out in blocks instead of one
// write(2) per statement (issue 14). It is flushed before the script
// waits for input (so a program driving pyrosh through pipes sees each
// answer before it sends the next statement), before anything goes to
// stderr (so the two keep their order in one file), before an interrupt
// ends the process, and at the end. Safe for concurrent use.
type batchOut struct {
	mu sync.Mutex
	w  *bufio.Writer
}

func newBatchOut(w io.Writer) *batchOut { return &batchOut{w: bufio.NewWriterSize(w, 32<<10)} }

func (b *batchOut) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.w.Write(p)
}

// Flush writes what is buffered.
func (b *batchOut) Flush() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.w.Flush()
}

// flushFirst is stderr behind a batchOut: stdout is flushed first.
type flushFirst struct {
	out *batchOut
	w   io.Writer
}

func (f flushFirst) Write(p []byte) (int, error) {
	f.out.Flush()
	return f.w.Write(p)
}

// bufferOutput makes the session write stdout through a batchOut when
// stdout is not a terminal, and returns the function that flushes it (a
// no-op otherwise).
func (s *session) bufferOutput() (flush func()) {
	if s.o.IO.IsStdoutTTY() {
		return func() {}
	}
	bo := newBatchOut(s.out)
	s.out = bo
	s.errOut = flushFirst{out: bo, w: s.errOut}
	s.pr = printer.New(bo, s.o.Format, s.o.IO.TerminalWidth(), s.colour)
	s.flushOut = func() { bo.Flush() }
	return s.flushOut
}
