package shell

import "strings"

// piece is one statement of a source line or buffer: its text and its
// byte offset in that buffer.
type piece struct {
	text string
	off  int
}

// splitStatements splits src at the semicolons outside strings, comments
// and brackets, and drops pieces holding nothing but blanks and comments.
// A ';' inside brackets stays put for the parser to report.
func splitStatements(src string) []piece {
	var out []piece
	start, depth, code := 0, 0, false
	flush := func(end int) {
		if code {
			out = append(out, piece{text: src[start:end], off: start})
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
	return out
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
