package pylit

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// stringValue decodes the text of a String token. It returns the value's
// bytes as a string (sliced from text when there is nothing to decode),
// whether it is a bytes literal, and on failure a message and the offset of
// the problem within text.
func stringValue(text string) (val string, isBytes bool, msg string, at int) {
	raw := false
	p := 0
	for ; text[p] != '\'' && text[p] != '"'; p++ {
		switch text[p] | 0x20 {
		case 'r':
			raw = true
		case 'b':
			isBytes = true
		}
	}
	ql := 1
	if len(text)-p >= 6 && text[p+1] == text[p] && text[p+2] == text[p] {
		ql = 3
	}
	body := text[p+ql : len(text)-ql]
	base := p + ql
	if isBytes {
		for i := 0; i < len(body); i++ {
			if body[i] >= utf8.RuneSelf {
				return "", true, "bytes can only contain ASCII literal characters", base + i
			}
		}
	}
	if strings.IndexByte(body, '\\') < 0 && strings.IndexByte(body, '\r') < 0 {
		return body, isBytes, "", 0
	}
	if raw {
		return normalizeNewlines(body), isBytes, "", 0
	}
	return unescape(body, base, isBytes)
}

// normalizeNewlines turns \r\n and lone \r into \n, as Python's source
// reader does before a literal is seen.
func normalizeNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c|0x20 >= 'a' && c|0x20 <= 'f':
		return int(c|0x20-'a') + 10
	}
	return -1
}

// unescape decodes the escapes of a non-raw body; base is the body's offset
// in the token text, for error positions.
func unescape(body string, base int, isBytes bool) (string, bool, string, int) {
	out := make([]byte, 0, len(body))
	for i := 0; i < len(body); {
		c := body[i]
		if c == '\r' {
			out = append(out, '\n')
			i++
			if i < len(body) && body[i] == '\n' {
				i++
			}
			continue
		}
		if c != '\\' {
			out = append(out, c)
			i++
			continue
		}
		start := i
		i++
		if i >= len(body) {
			// The scanner never ends a body on a lone backslash.
			return "", isBytes, "unterminated escape", base + start
		}
		e := body[i]
		i++
		switch e {
		case '\n':
		case '\r':
			if i < len(body) && body[i] == '\n' {
				i++
			}
		case '\\', '\'', '"':
			out = append(out, e)
		case 'a':
			out = append(out, 7)
		case 'b':
			out = append(out, 8)
		case 'f':
			out = append(out, 12)
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'v':
			out = append(out, 11)
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v := int(e - '0')
			for k := 0; k < 2 && i < len(body) && body[i] >= '0' && body[i] <= '7'; k++ {
				v = v*8 + int(body[i]-'0')
				i++
			}
			if isBytes {
				out = append(out, byte(v))
			} else {
				out = utf8.AppendRune(out, rune(v))
			}
		case 'x', 'u', 'U':
			n := 2
			if e == 'u' {
				n = 4
			} else if e == 'U' {
				n = 8
			}
			if isBytes && e != 'x' {
				out = append(out, '\\', e)
				continue
			}
			v := 0
			for k := 0; k < n; k++ {
				if i >= len(body) || unhex(body[i]) < 0 {
					return "", isBytes, "truncated \\" + string(e) + strings.Repeat("X", n) + " escape", base + start
				}
				v = v<<4 | unhex(body[i])
				i++
			}
			switch {
			case isBytes:
				out = append(out, byte(v))
			case v > utf8.MaxRune:
				return "", false, "illegal Unicode character in \\U escape", base + start
			case v >= 0xd800 && v <= 0xdfff:
				// A lone surrogate, held in its 3-byte form as pickle and
				// marshal carry it (py.SurrogateAt).
				out = py.AppendSurrogate(out, rune(v))
			default:
				out = utf8.AppendRune(out, rune(v))
			}
		case 'N':
			if isBytes {
				out = append(out, '\\', e)
				continue
			}
			// \N{NAME}, as Python 3.11 reads it (lookupName).
			end := strings.IndexByte(body[i:], '}')
			if i >= len(body) || body[i] != '{' || end < 2 {
				return "", false, "malformed \\N character escape", base + start
			}
			name := body[i+1 : i+end]
			r, ok := lookupName(name)
			if !ok {
				return "", false, "unknown Unicode character name " + strconv.Quote(name) + " in \\N{...}", base + start
			}
			out = utf8.AppendRune(out, r)
			i += end + 1
		default:
			// Python keeps unknown escapes as written (with a warning).
			out = append(out, '\\', e)
		}
	}
	return string(out), isBytes, "", 0
}
