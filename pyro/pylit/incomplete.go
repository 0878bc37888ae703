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
	sc := NewScanner(src)
	var open []byte // the opening brackets not yet closed, innermost last
	for {
		t, err := sc.Next()
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				return false
			}
			// A backslash as the very last character continues the line.
			return se.Incomplete || se.Offset == len(src)-1 && src[se.Offset] == '\\'
		}
		switch {
		case t.Kind == EOF:
			trimmed := strings.TrimRight(src, "\r\n")
			return len(open) > 0 || len(trimmed) < len(src) && strings.HasSuffix(trimmed, "\\")
		case t.Kind != Op:
		case t.Text == "(" || t.Text == "[" || t.Text == "{":
			open = append(open, t.Text[0])
		case t.Text == ")" || t.Text == "]" || t.Text == "}":
			if len(open) == 0 {
				continue
			}
			if open[len(open)-1] != openerOf[t.Text[0]] {
				return false
			}
			open = open[:len(open)-1]
		}
	}
}

// openerOf maps each closing bracket to the opening one it closes.
var openerOf = map[byte]byte{')': '(', ']': '[', '}': '{'}
