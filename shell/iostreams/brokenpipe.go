package iostreams

import (
	"errors"
	"io"
	"os"
	"sync"
	"syscall"
)

// ExitBrokenPipe is the status a shell reports for a process killed by
// SIGPIPE (128+13): what pyrosh ends with when its output is closed early,
// as `pyrosh call URI gen | head -3` does.
const ExitBrokenPipe = 141

// brokenPipe holds what runs before the process ends because its output
// was closed: closing remote iterators the daemon would otherwise keep.
type brokenPipe struct {
	mu    sync.Mutex
	hooks map[int]func()
	next  int

	real  bool      // the process's own stdout and stderr (System)
	catch sync.Once // catchBrokenPipe, for real streams
}

// CatchBrokenPipe makes a write to the real stdout or stderr that finds
// the reader gone return EPIPE to pyrosh, which runs the OnBrokenPipe
// hooks and then ends the process as SIGPIPE would have. Until it is
// called, such a write kills the process with SIGPIPE at once (Go's
// default for fds 1 and 2): the same end without the hooks. OnBrokenPipe
// calls it, and cli.Main before every command but a one-off call, which
// registers no hook unless its result is a stream: catching a signal is
// not free (os/signal's first Notify starts two runtime threads and
// waits for one of them), and a call's start-up is short (issue 14).
// Streams from Test ignore it.
func (s *IOStreams) CatchBrokenPipe() {
	if s.pipe.real {
		s.pipe.catch.Do(catchBrokenPipe)
	}
}

// OnBrokenPipe registers f to run when a write to the real stdout or
// stderr finds the reader gone (EPIPE), before the process ends as a
// broken pipe would: killed by SIGPIPE, status 141 in a shell. It returns
// the function that unregisters f. Streams from Test never run hooks.
func (s *IOStreams) OnBrokenPipe(f func()) (remove func()) {
	s.CatchBrokenPipe()
	bp := &s.pipe
	bp.mu.Lock()
	defer bp.mu.Unlock()
	if bp.hooks == nil {
		bp.hooks = map[int]func(){}
	}
	id := bp.next
	bp.next++
	bp.hooks[id] = f
	return func() {
		bp.mu.Lock()
		defer bp.mu.Unlock()
		delete(bp.hooks, id)
	}
}

func (bp *brokenPipe) run() {
	bp.mu.Lock()
	hooks := make([]func(), 0, len(bp.hooks))
	for id := bp.next - 1; id >= 0; id-- { // the latest first, as defers run
		if f, ok := bp.hooks[id]; ok {
			hooks = append(hooks, f)
		}
	}
	bp.hooks = nil
	bp.mu.Unlock()
	for _, f := range hooks {
		f()
	}
}

// pipeWriter is a real stdout or stderr: a write that finds the reader
// gone runs the hooks and ends the process as SIGPIPE would have.
type pipeWriter struct {
	f    *os.File
	pipe *brokenPipe
}

func (w *pipeWriter) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	if err != nil && errors.Is(err, syscall.EPIPE) {
		w.pipe.run()
		dieOfBrokenPipe(w.f)
	}
	return n, err
}

var _ io.Writer = (*pipeWriter)(nil)
