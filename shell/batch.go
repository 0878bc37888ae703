package shell

import (
	"context"
	"syscall"
)

// runBatch runs the statements of -c, -f or a piped stdin: no prompt, no
// colour, every statement run; the status is the first failure's. Ctrl+C
// cancels the statement running and stops the script with status 130;
// between statements it ends the process as an uncaught SIGINT would.
func (s *session) runBatch(ctx context.Context, r lineReader) error {
	sig := watchSignals(s, func() {
		s.flushOut() // what the statements before printed is not lost
		killByInterrupt()
	}, nil, syscall.SIGINT)
	defer sig.stop()
	defer s.flushOnTerm()()
	if s.o.URI != "" {
		u, err := parseTarget(s.o.URI)
		if err == nil {
			_, err = s.bind(ctx, s.o.Name, u)
		}
		if err != nil {
			return exitStatus(s.report(err, ""))
		}
	}
	stopped := func() int {
		if n := sig.stopped(); n != 0 {
			return n
		}
		if s.bo != nil && s.bo.failed.Load() {
			return StatusComm // reported below: a call here would cost every statement a stack frame
		}
		if s.wasInterrupted() {
			return StatusInterrupted
		}
		return 0
	}
	res := s.loop(ctx, r, stopped)
	if res.stop == 0 {
		// The end of the script: what it printed goes out, and a write
		// that fails stops it as one that failed before would.
		s.flushOut()
	}
	if res.stop == 0 || res.stop == StatusComm {
		if n := s.outputFailed(); n != 0 {
			res.stop = n
		}
	}
	if res.stop != 0 {
		return exitStatus(res.stop)
	}
	if res.exit != nil {
		return exitStatus(*res.exit)
	}
	return exitStatus(res.status)
}
