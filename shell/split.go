package shell

import (
	"strings"

	"github.com/pyrosh/pyrosh/pyro/pylit"
)

// piece is one statement of a source line or buffer: its text and its
// byte offset in that buffer.
type piece struct {
	text string
	off  int
}

// splitStatements splits src at the semicolons outside strings, comments
// and brackets, and drops pieces holding nothing but blanks and comments.
// A ';' inside brackets stays put for the parser to report. empty is the
// offset of the first ';' that ends an empty piece (`;`, `a;;b`, `; a`),
// a syntax error in Python, or -1; one ';' after the last statement
// (`a;`) is not: Python accepts it.
func splitStatements(src string) (pieces []piece, empty int) {
	empty = -1
	start, depth, code := 0, 0, false
	flush := func(end int) {
		switch {
		case code:
			pieces = append(pieces, piece{text: src[start:end], off: start})
		case end < len(src) && empty < 0:
			empty = end
		}
		start, code = end+1, false
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '\'' || c == '"':
			i = skipQuoted(src, i) - 1
			code = true
		case c == '(' || c == '[' || c == '{':
			depth++
			code = true
		case c == ')' || c == ']' || c == '}':
			if depth > 0 {
				depth--
			}
			code = true
		case c == ';' && depth == 0:
			flush(i)
		case c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f':
			code = true
		}
	}
	flush(len(src))
	return pieces, empty
}

// emptyStatement is the syntax error of a ';' at offset off of src that
// ends an empty statement, as Python reports it.
func emptyStatement(src string, off int) error {
	return pylit.NewParser(src, pylit.Limits{}).Errorf(off, "invalid syntax: no statement before ';'")
}

// withoutComment returns line cut before its comment: the first '#'
// outside a string.
func withoutComment(line string) string {
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '#':
			return line[:i]
		case '\'', '"':
			i = skipQuoted(line, i) - 1
		}
	}
	return line
}

// skipQuoted returns the offset just past the string literal whose quote
// is at src[i] (or len(src) when it is not closed). A backslash always
// escapes the next byte, raw strings included, as in Python's tokenizer.
func skipQuoted(src string, i int) int {
	q := src[i]
	if strings.HasPrefix(src[i:], strings.Repeat(string(q), 3)) {
		end := i + 3
		for end < len(src) {
			switch {
			case src[end] == '\\':
				end += 2
			case strings.HasPrefix(src[end:], strings.Repeat(string(q), 3)):
				return end + 3
			default:
				end++
			}
		}
		return len(src)
	}
	for end := i + 1; end < len(src); end++ {
		switch src[end] {
		case '\\':
			end++
		case q, '\n':
			return end + 1
		}
	}
	return len(src)
}
