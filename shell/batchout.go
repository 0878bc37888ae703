package shell

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/pyrosh/pyrosh/shell/printer"
)

// Bounds of a script's stdout buffer: the bytes it holds, and how long
// the first of them waits before the buffer is flushed at the latest.
const (
	batchOutSize  = 32 << 10
	batchOutDelay = 50 * time.Millisecond
)

// batchOut buffers the stdout of a script (piped statements, -c, -f)
// when stdout is not a terminal: results go out in blocks instead of one
// write(2) per statement (issue 14). Nothing waits in it long: a timer,
// armed by the first byte after a flush (once per filling, not per
// statement), flushes it batchOutDelay later. The session flushes it too
// before the script waits for input (so a program driving pyrosh through
// pipes sees each answer before it sends the next statement), before
// anything goes to stderr (so the two keep their order in one file),
// before a remote generator's next item (which may take its time), when a
// signal ends the process and at the end. One mutex keeps the timer's
// flush and the statements' writes apart.
//
// The first write that fails (a full disk, /dev/full) is kept: every
// later write returns it, and the script stops with status 3 (failed).
type batchOut struct {
	mu    sync.Mutex
	w     io.Writer
	buf   []byte
	timer *time.Timer
	armed bool  // the timer runs for the bytes in buf
	err   error // the first write that failed, as an *outputError

	failed   atomic.Bool // err is set
	reported bool        // the failure was printed (guarded by mu)
}

// outputError is a write to stdout that failed; its message is the
// system's, as a one-off call reports it ("writing result: " + message).
type outputError struct{ err error }

func (e *outputError) Error() string { return e.err.Error() }
func (e *outputError) Unwrap() error { return e.err }

func newBatchOut(w io.Writer) *batchOut {
	b := &batchOut{w: w, buf: make([]byte, 0, batchOutSize)}
	b.timer = time.AfterFunc(time.Hour, func() { _ = b.Flush() })
	b.timer.Stop()
	return b
}

// Write buffers p; it runs once a statement or more, so its common case
// (room in the buffer, the timer armed) is a copy under the lock, with
// no defer.
func (b *batchOut) Write(p []byte) (int, error) {
	b.mu.Lock()
	if b.err == nil && len(b.buf)+len(p) <= cap(b.buf) && b.armed {
		b.buf = append(b.buf, p...)
		b.mu.Unlock()
		return len(p), nil
	}
	n, err := b.writeSlow(p)
	b.mu.Unlock()
	return n, err
}

// writeSlow is Write (under the lock) when the buffer is full, failed,
// or starts a filling, which arms the timer.
func (b *batchOut) writeSlow(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	if len(b.buf)+len(p) > cap(b.buf) {
		if err := b.flushLocked(); err != nil {
			return 0, err
		}
		if len(p) >= cap(b.buf) {
			return b.writeLocked(p)
		}
	}
	if len(p) == 0 {
		return 0, nil
	}
	b.buf = append(b.buf, p...)
	if !b.armed {
		b.armed = true
		b.timer.Reset(batchOutDelay)
	}
	return len(p), nil
}

// Flush writes what is buffered; it returns the failure kept, if any.
func (b *batchOut) Flush() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.flushLocked()
}

func (b *batchOut) flushLocked() error {
	// The timer is left running when a flush beats it: it then finds
	// the buffer empty, or holding younger bytes, which go out early.
	b.armed = false
	if b.err != nil || len(b.buf) == 0 {
		return b.err
	}
	_, err := b.writeLocked(b.buf)
	b.buf = b.buf[:0]
	return err
}

func (b *batchOut) writeLocked(p []byte) (int, error) {
	n, err := b.w.Write(p)
	if err != nil {
		b.err = &outputError{err}
		b.failed.Store(true)
		return n, b.err
	}
	return n, nil
}

// failure returns the write that failed, once: the first caller prints it.
func (b *batchOut) failure() error {
	if !b.failed.Load() {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.reported {
		return nil
	}
	b.reported = true
	return b.err
}

// flushFirst is stderr behind a batchOut: stdout is flushed first.
type flushFirst struct {
	out *batchOut
	w   io.Writer
}

func (f flushFirst) Write(p []byte) (int, error) {
	_ = f.out.Flush() // a failure is kept, and reported by the loop
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
	s.bo = bo
	s.out = bo
	s.errOut = flushFirst{out: bo, w: s.errOut}
	s.pr = printer.New(stopWriter{w: bo, s: s}, s.o.Format, s.o.IO.TerminalWidth(), s.colour)
	return s.flushOut
}

// flushOut writes what a script's stdout holds (nothing to do when it is
// not buffered).
func (s *session) flushOut() {
	if s.bo != nil {
		_ = s.bo.Flush()
	}
}

// outputFailed prints the failed write to stdout, once, as `pyrosh call`
// does (one line, or the JSON error under -o json), and returns status 3;
// 0 while stdout is fine.
func (s *session) outputFailed() int {
	if s.bo == nil || !s.bo.failed.Load() {
		return 0
	}
	return s.reportOutputFailure()
}

func (s *session) reportOutputFailure() int {
	err := s.bo.failure()
	if err == nil {
		return StatusComm // printed already
	}
	msg := "writing result: " + printer.Escape(err.Error())
	if s.jsonOutput() {
		printer.ErrorJSON(s.o.IO.ErrOut, "communication", msg, nil, StatusComm)
	} else {
		fmt.Fprintf(s.o.IO.ErrOut, "pyrosh: %s\n", msg)
	}
	return StatusComm
}

// isOutputError reports whether err is a failed write to a buffered
// stdout, which the loop reports once when it stops the script.
func isOutputError(err error) bool {
	var oe *outputError
	return errors.As(err, &oe)
}

// termFlushWait bounds how long SIGTERM or SIGHUP waits for the buffer to
// go out (a reader that stopped reading keeps a write blocked).
const termFlushWait = 2 * time.Second

// flushOnTerm makes SIGTERM and SIGHUP flush the script's stdout and then
// end the process as the signal would have, so a parent sees the same
// status (killed by the signal: 143, 129 in a shell) and keeps the
// results already received. It returns the function that stops it.
func (s *session) flushOnTerm() (stop func()) {
	if s.bo == nil {
		return func() {}
	}
	var sigs []os.Signal
	for _, sig := range []os.Signal{syscall.SIGTERM, syscall.SIGHUP} {
		if !signal.Ignored(sig) { // under nohup, SIGHUP stays ignored
			sigs = append(sigs, sig)
		}
	}
	if len(sigs) == 0 {
		return func() {}
	}
	ch := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(ch, sigs...)
	go func() {
		select {
		case <-done:
			return
		case sig := <-ch:
			flushed := make(chan struct{})
			go func() { _ = s.bo.Flush(); close(flushed) }()
			select {
			case <-flushed:
			case <-time.After(termFlushWait):
			}
			killBySignal(sig.(syscall.Signal))
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}
