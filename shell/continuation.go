package shell

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/pyrosh/pyrosh/pyro/pylit"
	"github.com/pyrosh/pyrosh/shell/lang"
)

// An unfinished statement (open brackets, an open triple-quoted string)
// reads line after line until it is complete. A line that cannot continue
// it (obj.echo(1 followed by obj.echo(2)) is reported at once, as Python's
// REPL does, rather than every line after it being read into the same
// statement until the input ends: the loop asks reportBroken after each
// continuation line. Each ask parses the statement so far, so past
// checkAlways bytes it is asked only when the statement has doubled since
// (the work stays linear in its length): a line found late is named with
// the lines read after it, which did not run either, in the error's
// message (one line, one JSON object under -o json).
const checkAlways = 4 << 10

// unfinished is the loop's record of the unfinished statement it reads:
// the brackets and the triple-quoted string its lines left open, while
// they are known (exact), so that each line is scanned once to learn
// whether the statement is complete, not the whole statement at every
// line (a literal of 30,000 lines took 17 s); checked is its length when
// reportBroken last asked.
type unfinished struct {
	scan    pylit.LineState
	exact   bool
	checked int
}

// complete reports whether src, the statement read so far, is complete,
// as lang.IsComplete(src) does; line is its last line, first is set when
// it is its only one (and starts a new record).
func (u *unfinished) complete(src, line string, first bool) bool {
	if first {
		if lang.IsComplete(src) {
			return true
		}
		var incomplete bool
		u.checked = 0
		u.scan, incomplete, u.exact = pylit.ContinueLine(pylit.LineState{Open: u.scan.Open[:0]}, src)
		u.exact = u.exact && incomplete
		return false
	}
	if u.exact {
		scan, incomplete, ok := pylit.ContinueLine(u.scan, line)
		if ok {
			u.scan = scan
			return !incomplete
		}
		u.exact = false // a backslash continuation: the whole statement is scanned
	}
	return lang.IsComplete(src)
}

// due reports whether the statement src should be checked now.
func (u *unfinished) due(src string) bool {
	if len(src) <= checkAlways || len(src) >= 2*u.checked {
		u.checked = len(src)
		return true
	}
	return false
}

// reportBroken reports the syntax error of the unfinished statement src
// (read from line s.line on) that no further line can mend, and returns
// its status; broke is false, and nothing is printed, while src may still
// become a statement. When a bracket opened on an earlier line is still
// open where the error is, the bracket is reported, as Python's codeop
// does ("'(' was never closed"), naming the line that cannot continue it.
func (s *session) reportBroken(src string) (status int, broke bool) {
	p, err := unmendable(src)
	if err == nil {
		return 0, false
	}
	first := s.line
	// A script's lines are numbered as its FILE:LINE prefix numbers them;
	// at the prompt, where errors have no prefix, from the statement's
	// first line, as the error's own "line N, column C" is.
	base := 1
	if s.scriptName() != "" {
		base = first
	}
	var se *pylit.SyntaxError
	if errors.As(err, &se) {
		s.line = first + strings.Count(src[:p.off], "\n")
		errLine := base + strings.Count(src[:p.off], "\n") + se.Line - 1
		report, notes := se, []string(nil)
		if u := pylit.Unclosed(p.text[:se.Offset]); u != nil && u.Line < se.Line {
			notes = append(notes, "line "+strconv.Itoa(errLine)+" cannot continue the statement: "+se.Msg)
			report = u
		}
		if last := base + strings.Count(src, "\n"); errLine < last {
			notes = append(notes, fmt.Sprintf("lines %d-%d, read into it, were not run", errLine+1, last))
		}
		if len(notes) > 0 {
			report.Msg += " (" + strings.Join(notes, "; ") + ")"
		}
		err = report
	}
	s.syntaxFailed, s.outMidLine = false, false
	return s.report(err, p.text), true
}

// unmendable returns the syntax error in src, an unfinished statement,
// that no further line can mend, with the piece of src it is in (its
// offsets are the piece's); nil while src may still become a statement.
func unmendable(src string) (piece, error) {
	pieces, empty := splitStatements(src)
	if empty >= 0 {
		return piece{text: src}, emptyStatement(src, empty)
	}
	for _, p := range pieces {
		_, err := lang.Parse(p.text)
		var se *pylit.SyntaxError
		if errors.As(err, &se) && !se.Incomplete && !atEnd(p.text, se.Offset) {
			return p, se
		}
	}
	return piece{}, nil
}

// runUnfinished runs the statement src the input ended inside: a syntax
// error no line could have mended, an open bracket ("'(' was never
// closed", at the bracket, as Python reports it), or what the parser
// makes of src (an open string).
func (s *session) runUnfinished(ctx context.Context, src string) int {
	if status, broke := s.reportBroken(src); broke {
		return status
	}
	if u := pylit.Unclosed(src); u != nil {
		s.syntaxFailed, s.outMidLine = false, false
		return s.report(u, src)
	}
	return s.runSource(ctx, src)
}

// atEnd reports whether only blanks and comments follow offset off of
// src, or a backslash that continues the line: a syntax error there is the
// end of input, which a further line may mend.
func atEnd(src string, off int) bool {
	if rest := strings.TrimRight(src[off:], "\r\n"); rest == "\\" {
		return true
	}
	for i := off; i < len(src); i++ {
		switch src[i] {
		case ' ', '\t', '\n', '\r', '\f':
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		default:
			return false
		}
	}
	return true
}
