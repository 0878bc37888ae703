package pylit

import (
	"errors"
	"strings"
)

// Incomplete reports whether src ends inside an open bracket or an open
// triple-quoted string, or on a backslash line continuation, so that a
// REPL should read a continuation line rather than report an error.
// Closing brackets that match nothing do not make src incomplete, and a
// closing bracket of the wrong kind ends it, as in Python's tokenizer
// ("closing parenthesis ']' does not match opening parenthesis '('"): the
// statement is complete and the parser reports the error, rather than
// every line after it being read into the same statement.
func Incomplete(src string) bool {
	open, ok, err := brackets(src)
	switch {
	case err != nil:
		var se *SyntaxError
		if !errors.As(err, &se) {
			return false
		}
		// A backslash as the very last character continues the line.
		return se.Incomplete || se.Offset == len(src)-1 && src[se.Offset] == '\\'
	case !ok:
		return false
	}
	trimmed := strings.TrimRight(src, "\r\n")
	return len(open) > 0 || len(trimmed) < len(src) && strings.HasSuffix(trimmed, "\\")
}

// Unclosed returns the innermost bracket still open at the end of src, as
// a *SyntaxError at the bracket ("'(' was never closed", Python's
// tokenizer's message for a source that ends inside brackets), or nil
// when every bracket is closed or the tokens end early in an error of
// their own (an open string, a closing bracket of the wrong kind).
func Unclosed(src string) *SyntaxError {
	open, ok, err := brackets(src)
	if err != nil || !ok || len(open) == 0 {
		return nil
	}
	b := open[len(open)-1]
	return errorAt(src, b.Off, "'"+b.Text+"' was never closed")
}

// ContinueLine carries Incomplete's scan over one more line of a source,
// so that a REPL reading a long statement line by line scans each line
// once instead of the whole statement at every line. open holds the
// brackets the lines before left open (innermost last), which ended
// outside any string and not on a backslash; line is the next line,
// without its newline. It returns the brackets open after line and
// whether the source so far is incomplete, as Incomplete(source) answers;
// ok is false when only a scan of the whole source can answer: line opens
// a string it does not close, or ends on a backslash.
func ContinueLine(open []byte, line string) (after []byte, incomplete, ok bool) {
	if strings.HasSuffix(strings.TrimRight(line, "\r\n"), "\\") {
		return open, false, false
	}
	sc := NewScanner(line)
	for {
		t, err := sc.Next()
		if err != nil {
			var se *SyntaxError
			if errors.As(err, &se) && se.Incomplete {
				return open, false, false
			}
			return open, false, true // the parser reports the error
		}
		switch {
		case t.Kind == EOF:
			return open, len(open) > 0, true
		case t.Kind != Op:
		case t.Text == "(" || t.Text == "[" || t.Text == "{":
			open = append(open, t.Text[0])
		case t.Text == ")" || t.Text == "]" || t.Text == "}":
			if len(open) == 0 {
				continue
			}
			if open[len(open)-1] != openerOf[t.Text[0]] {
				return open, false, true // the statement ends: the parser reports it
			}
			open = open[:len(open)-1]
		}
	}
}

// brackets scans the tokens of src and returns the opening brackets still
// open at its end, innermost last. ok is false when the scan ended early:
// at the scanner's error err, or at a closing bracket of the wrong kind.
// Closing brackets that match nothing are skipped.
func brackets(src string) (open []Token, ok bool, err error) {
	sc := NewScanner(src)
	for {
		t, err := sc.Next()
		if err != nil {
			return open, false, err
		}
		switch {
		case t.Kind == EOF:
			return open, true, nil
		case t.Kind != Op:
		case t.Text == "(" || t.Text == "[" || t.Text == "{":
			open = append(open, t)
		case t.Text == ")" || t.Text == "]" || t.Text == "}":
			if len(open) == 0 {
				continue
			}
			if open[len(open)-1].Text[0] != openerOf[t.Text[0]] {
				return open, false, nil
			}
			open = open[:len(open)-1]
		}
	}
}

// openerOf maps each closing bracket to the opening one it closes.
var openerOf = map[byte]byte{')': '(', ']': '[', '}': '{'}
