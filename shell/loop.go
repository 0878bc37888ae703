package shell

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pyrosh/pyrosh/pyro/pylit"
	"github.com/pyrosh/pyrosh/shell/lang"
)

// Prompts: the first line of a statement, and its continuation lines
// while brackets or triple-quoted strings are open.
const (
	promptFirst = ">>> "
	promptMore  = "... "
	promptBatch = "batch> " // a statement's first line while :batch collects calls
)

// StatusInterrupted is the status of a script stopped by Ctrl+C.
const StatusInterrupted = 130

// loopResult is how a loop ended.
type loopResult struct {
	status int  // of the first statement that failed, 0 if none
	quit   bool // :quit, exit()
	exit   *int // the status exit(N) asked for
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
	lineNo, first := 0, 0 // lines read; the line the statement in buf starts on
	var open unfinished   // the statement in buf, while it is not complete
	for {
		prompt := promptFirst
		if s.batch != nil {
			prompt = promptBatch
		}
		if buf.Len() > 0 {
			prompt = promptMore
		}
		line, err := r.ReadLine(prompt)
		if res.stop = stopped(); res.stop != 0 {
			return res
		}
		if err == nil {
			lineNo++
			if buf.Len() == 0 {
				first = lineNo
			}
			s.line = first
		}
		if err != nil {
			switch {
			case errors.Is(err, errInterrupt):
				buf.Reset()
				continue
			case errors.Is(err, io.EOF) && s.lineEditor && s.batch != nil && buf.Len() == 0:
				// Ctrl+D at batch> on a terminal cancels the batch, as
				// Ctrl+D at "... " cancels the statement; the next end of
				// input (a hangup included) leaves.
				s.cancelBatch()
				continue
			case errors.Is(err, io.EOF):
				if buf.Len() > 0 {
					// The input ended inside open brackets or a string.
					fail(s.runUnfinished(ctx, buf.String()))
				}
				if s.batch != nil {
					fail(s.report(usagef("the input ended before :end: the batch of %d %s was not sent",
						len(s.batch.calls), plural(len(s.batch.calls), "call", "calls")), ""))
				}
				return res
			default:
				s.line = lineNo + 1 // the line that could not be read
				s.errorf("read input: %v", err)
				fail(StatusUsage)
				return res
			}
		}
		if buf.Len() == 0 && isMetaLine(line) {
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
		src := line // a statement on one line is not copied
		if buf.Len() > 0 {
			buf.WriteByte('\n')
			buf.WriteString(line)
			src = buf.String()
		}
		status, ran := 0, false
		if buf.Len() == 0 {
			status, ran = s.runSimple(ctx, src)
		}
		if !ran {
			broke := false
			if !open.complete(src, line, buf.Len() == 0) {
				if buf.Len() == 0 {
					// Its first line too may be past mending (obj.echo(1 2):
					// Python's REPL says so at once), or all of it, the
					// line editor's lines sent as one.
					buf.WriteString(line)
				}
				if !open.due(src) {
					continue
				}
				if status, broke = s.reportBroken(src); !broke {
					continue
				}
			}
			buf.Reset()
			s.remember(src)
			if !broke {
				status = s.runSource(ctx, src)
			}
		}
		fail(status)
		if res.stop = stopped(); res.stop != 0 {
			return res
		}
		if s.syntaxFailed && (s.o.Script != "" || s.o.Statements != "") && !s.o.KeepGoing {
			// A script (-f, or -c given whole) stops at a syntax error,
			// as Python would not run it at all; --keep-going goes on to
			// the next line. Piped input goes on, as Python's REPL does.
			return res
		}
		if q := s.quit; q != nil {
			res.quit = true
			if q.explicit {
				res.exit = &q.status
			}
			return res
		}
	}
}

// isMetaLine reports whether line is a meta command: its first byte
// that is not blank is ':', as strings.TrimSpace would find it. Leading
// ASCII blanks are skipped here; TrimSpace reads the line only from its
// first non-ASCII byte (a Unicode space), not at every statement.
func isMetaLine(line string) bool {
	for i := 0; i < len(line); i++ {
		switch c := line[i]; c {
		case ':':
			return true
		case ' ', '\t', '\n', '\v', '\f', '\r':
		default:
			if c >= utf8.RuneSelf {
				return strings.HasPrefix(strings.TrimSpace(line[i:]), ":")
			}
			return false
		}
	}
	return false
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

// runSource runs the statements of one complete source buffer (one
// logical line: brackets left open join physical lines) and returns the
// status of the first that failed. As in Python, a statement that fails
// in any way (it raised remotely, failed to evaluate or to communicate,
// was interrupted) ends the line: the statements after its `;` do not run;
// a syntax error in any of them runs none.
func (s *session) runSource(ctx context.Context, src string) int {
	if strings.IndexByte(src, ';') < 0 && strings.IndexByte(src, '#') < 0 {
		// One statement or none, as splitStatements would find, without
		// scanning src or allocating its pieces.
		if isBlank(src) {
			return 0
		}
		return s.runStatement(ctx, src)
	}
	// The whole line is parsed first: as in Python, a syntax error in any
	// of its statements runs none of them.
	first := s.line
	pieces, empty := splitStatements(src)
	if empty >= 0 {
		s.syntaxFailed, s.outMidLine = false, false
		return s.report(emptyStatement(src, empty), src)
	}
	if len(pieces) == 1 {
		s.line = first + strings.Count(src[:pieces[0].off], "\n")
		return s.runStatement(ctx, pieces[0].text)
	}
	stmts := make([]lang.Stmt, len(pieces))
	for i, p := range pieces {
		st, err := lang.Parse(p.text)
		if err != nil {
			s.line = first + strings.Count(src[:p.off], "\n")
			s.syntaxFailed, s.outMidLine = false, false
			return s.report(err, p.text)
		}
		stmts[i] = st
	}
	status := 0
	for i, p := range pieces {
		s.line = first + strings.Count(src[:p.off], "\n")
		if status = s.runParsed(ctx, stmts[i], p.text); status != 0 || s.quit != nil {
			break
		}
	}
	return status
}

// runSimple remembers and runs src, as the loop and runSource would,
// when it is a statement of a common shape (lang.Parser.ParseSimple),
// which needs none of their scans (IsComplete, the search for ';' and
// '#'); ran is false for any other source, which is left alone.
func (s *session) runSimple(ctx context.Context, src string) (status int, ran bool) {
	ps := s.takeParser()
	st, ok := ps.ParseSimple(src)
	if ok {
		s.remember(src)
		status = s.runParsed(ctx, st, src)
	}
	s.parser = ps
	return status, ok
}

// takeParser returns the session's statement parser, or a new one while
// a statement parsed with it runs (one begun inside it); the caller gives
// it back in s.parser when its statement ends.
func (s *session) takeParser() *lang.Parser {
	ps := s.parser
	if ps == nil {
		ps = new(lang.Parser)
	}
	s.parser = nil // the statement's nodes are ps's until it ends
	return ps
}

// runStatement parses and runs one statement, prints its error if any
// and returns its status.
func (s *session) runStatement(ctx context.Context, src string) int {
	ps := s.takeParser()
	st, err := ps.Parse(src)
	status := 0
	if err != nil {
		s.syntaxFailed, s.outMidLine = false, false
		status = s.report(err, src)
	} else {
		status = s.runParsed(ctx, st, src)
	}
	s.parser = ps
	return status
}

// runParsed runs one parsed statement (src is its text, for the error
// report), prints its error if any and returns its status.
func (s *session) runParsed(ctx context.Context, st lang.Stmt, src string) int {
	s.syntaxFailed, s.outMidLine = false, false
	ctx, done := s.begin(ctx)
	defer done()
	if s.batch != nil {
		if err := s.addToBatch(ctx, st); err != nil {
			return s.report(err, src)
		}
		return 0
	}
	var start time.Time // read only for :time (a clock read costs ~100 instructions)
	timed := s.timing
	if timed {
		start = time.Now()
	}
	err := s.exec(ctx, st)
	if q, ok := asQuit(err); ok {
		s.quit = q
		return 0
	}
	if err != nil && s.wasInterrupted() {
		s.reportInterrupted()
		return StatusInterrupted
	}
	status := 0
	if err != nil {
		status = s.report(err, src)
	}
	// After the result or the error, so it reads as the statement's last
	// line.
	if timed && s.roundTrips() > 0 {
		s.infof("(%s)", formatDuration(time.Since(start)))
	}
	return status
}

// asQuit returns the exit() or quit() request err carries. A statement
// that succeeded costs nothing (errors.As would put its target on the
// heap).
func asQuit(err error) (*quitRequest, bool) {
	if err == nil {
		return nil, false
	}
	var q *quitRequest
	return q, errors.As(err, &q)
}

func (s *session) roundTrips() int { return int(s.calls.Load()) }

// formatDuration prints a statement's time in ms, the unit of :ping and
// `pyrosh ping`.
func formatDuration(d time.Duration) string {
	return fmt.Sprintf("%.3f ms", milliseconds(d))
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

// isBlank reports whether src holds only spaces, tabs, newlines, carriage
// returns and form feeds (strings.TrimLeft with a cutset builds its set
// at every call, once per statement here).
func isBlank(src string) bool {
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case ' ', '\t', '\n', '\r', '\f':
		default:
			return false
		}
	}
	return true
}
