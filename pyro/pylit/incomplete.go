package pylit

import (
	"errors"
	"strings"
)

// Incomplete reports whether src ends inside an open bracket or an open
// triple-quoted string, or on a backslash line continuation, so that a
// REPL should read a continuation line rather than report an error.
// Closing brackets that match nothing do not make src incomplete.
func Incomplete(src string) bool {
	sc := NewScanner(src)
	depth := 0
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
			return depth > 0 || len(trimmed) < len(src) && strings.HasSuffix(trimmed, "\\")
		case t.Kind != Op:
		case t.Text == "(" || t.Text == "[" || t.Text == "{":
			depth++
		case t.Text == ")" || t.Text == "]" || t.Text == "}":
			if depth > 0 {
				depth--
			}
		}
	}
}
