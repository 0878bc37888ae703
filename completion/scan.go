package completion

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// clampCursor brings cursor into [0, len(text)] and, if it falls inside a
// multi-byte rune, back to the start of that rune.
func clampCursor(text string, cursor int) int {
	if cursor <= 0 {
		return 0
	}
	if cursor >= len(text) {
		return len(text)
	}
	for i := 1; i < utf8.UTFMax && i <= cursor; i++ {
		if !utf8.RuneStart(text[cursor-i]) {
			continue
		}
		if r, n := utf8.DecodeRuneInString(text[cursor-i:]); n > i && r != utf8.RuneError {
			return cursor - i
		}
		break
	}
	return cursor
}

// endsInCode reports whether the end of src is code rather than the inside
// of a string literal or a comment. It knows just enough Python lexing for
// that: every string prefix (r, b, u, rb, ...) ends at the same quote, since
// even in a raw string a backslash keeps the next quote from closing it.
func endsInCode(src string) bool {
	for i := 0; i < len(src); {
		switch c := src[i]; c {
		case '#':
			nl := strings.IndexByte(src[i:], '\n')
			if nl < 0 {
				return false
			}
			i += nl + 1
		case '\'', '"':
			end, closed := skipString(src, i)
			if !closed {
				return false
			}
			i = end
		default:
			i++
		}
	}
	return true
}

// skipString returns the offset just past the string literal whose opening
// quote is at src[i], and whether the literal is closed. A one-line string
// left open at a line end is taken to stop there (the parser reports it).
func skipString(src string, i int) (end int, closed bool) {
	q := src[i]
	triple := `"""`
	if q == '\'' {
		triple = "'''"
	}
	if strings.HasPrefix(src[i:], triple) {
		for j := i + 3; j < len(src); j++ {
			switch src[j] {
			case '\\':
				j++
			case q:
				if strings.HasPrefix(src[j:], triple) {
					return j + 3, true
				}
			}
		}
		return len(src), false
	}
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case q, '\n':
			return j + 1, true
		}
	}
	return len(src), false
}

// isIdentRune reports whether r may appear in a Python identifier.
func isIdentRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

// identStart returns where the identifier characters ending src begin.
func identStart(src string) int {
	i := len(src)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(src[:i])
		if r == utf8.RuneError || !isIdentRune(r) {
			break
		}
		i -= n
	}
	return i
}

// isName reports whether word is an identifier, not a number: it is made of
// identifier runes and does not start with a digit.
func isName(word string) bool {
	if word == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(word)
	return r == '_' || unicode.IsLetter(r)
}
