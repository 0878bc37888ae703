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
