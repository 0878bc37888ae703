package shell

import (
	"context"
	"errors"
	"io"
	"strings"
	"time"

	"github.com/pyrosh/pyrosh/pyro/pylit"
	"github.com/pyrosh/pyrosh/shell/lang"
)

// Prompts: the first line of a statement, and its continuation lines
// while brackets or triple-quoted strings are open.
const (
	promptFirst = ">>> "
	promptMore  = "... "
)

// StatusInterrupted is the status of a script stopped by Ctrl+C.
const StatusInterrupted = 130

// loopResult is how a loop ended.
type loopResult struct {
	status int  // of the first statement that failed, 0 if none
	quit   bool // :quit
	stop   int  // non-zero: stop at once with this status (a signal)
}

// loop reads statements from r and runs them until the input ends. A
// statement's failure is printed and never ends the loop; only :quit,
// the end of input, or stopped (asked after each statement and each
// line) do.
func (s *session) loop(ctx context.Context, r lineReader, stopped func() int) loopResult {
	var res loopResult
	var buf strings.Builder
	fail := func(code int) {
		if res.status == 0 && code != 0 {
			res.status = code
		}
	}
	for {
		prompt := promptFirst
		if buf.Len() > 0 {
			prompt = promptMore
		}
		line, err := r.ReadLine(prompt)
		if res.stop = stopped(); res.stop != 0 {
			return res
		}
		switch {
		case errors.Is(err, errInterrupt):
			buf.Reset()
			continue
		case errors.Is(err, io.EOF):
			if buf.Len() > 0 {
				// The input ended inside open brackets or a string.
				fail(s.runSource(ctx, buf.String()))
			}
			return res
		case err != nil:
			s.errorf("read input: %v", err)
			fail(StatusUsage)
			return res
		}
		if buf.Len() == 0 && strings.HasPrefix(strings.TrimSpace(line), ":") {
			s.remember(line)
			code, quit := s.runMeta(ctx, strings.TrimSpace(line))
			fail(code)
			if res.stop = stopped(); res.stop != 0 {
				return res
			}
			if quit {
				res.quit = true
				return res
			}
			continue
		}
		if buf.Len() > 0 {
			buf.WriteByte('\n')
		}
		buf.WriteString(line)
		src := buf.String()
		if !lang.IsComplete(src) {
			continue
		}
		buf.Reset()
		s.remember(src)
		fail(s.runSource(ctx, src))
		if res.stop = stopped(); res.stop != 0 {
			return res
		}
	}
}

// remember adds an entry to the history of an interactive session; the
// first failure to write the file is printed once.
func (s *session) remember(entry string) {
	if s.hist == nil {
		return
	}
	if err := s.hist.Add(entry); err != nil {
		s.errorf("%v (history is kept in memory from now on)", err)
	}
}

// runSource runs the statements of one complete source buffer and
// returns the status of the first that failed.
func (s *session) runSource(ctx context.Context, src string) int {
	status := 0
	for _, p := range splitStatements(src) {
		code := s.runStatement(ctx, p.text)
		if status == 0 {
			status = code
		}
		if code == StatusInterrupted && !s.interactive {
			break
		}
	}
	return status
}

// runStatement parses and runs one statement, prints its error if any
// and returns its status.
func (s *session) runStatement(ctx context.Context, src string) int {
	st, err := lang.Parse(src)
	if err != nil {
		return s.report(err, src)
	}
	ctx, done := s.begin(ctx)
	defer done()
	start := time.Now()
	err = s.exec(ctx, st)
	elapsed := time.Since(start)
	if err != nil && s.wasInterrupted() {
		s.infof("interrupted")
		return StatusInterrupted
	}
	if s.timing && s.roundTrips() > 0 {
		s.infof("(%s)", formatDuration(elapsed))
	}
	if err != nil {
		return s.report(err, src)
	}
	return 0
}

func (s *session) roundTrips() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

// formatDuration prints a round trip with three significant digits.
func formatDuration(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return d.Round(time.Microsecond / 100).String()
	case d < time.Second:
		return d.Round(time.Microsecond).String()
	}
	return d.Round(time.Millisecond).String()
}

// syntaxError prints a statement's syntax error with the offending line
// and a caret.
func (s *session) syntaxError(src string, e *pylit.SyntaxError) {
	lines := strings.Split(src, "\n")
	line := ""
	if e.Line >= 1 && e.Line <= len(lines) {
		line = lines[e.Line-1]
	}
	msg := e.Msg
	if e.Incomplete {
		msg = "unexpected end of input: " + msg
	}
	printSyntaxError(s.errOut, line, e.Col, msg, s.colour)
}
