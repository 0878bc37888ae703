package py

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

const hexDigits = "0123456789abcdef"

// AppendQuoted appends s quoted as Python's repr(str) does: single quotes
// unless s holds a ' and no ", escapes \\ \t \n \r, \xNN for other control
// characters, \uNNNN / \UNNNNNNNN for other non-printable code points;
// printable non-ASCII stays as is. A lone surrogate (held in its 3-byte
// form, see SurrogateAt) prints as \udXXX; other bytes that are not valid
// UTF-8 print as the lone surrogates Python's surrogateescape would give
// (\udcNN).
func AppendQuoted(dst []byte, s string) []byte {
	if len(s) <= plainMax && isPlain(s) {
		// A name or a short word: every byte stands for itself.
		dst = append(dst, '\'')
		dst = append(dst, s...)
		return append(dst, '\'')
	}
	return appendQuoted(dst, s)
}

// plainMax is the longest str AppendQuoted checks for plain bytes first:
// object ids and method names, quoted on every call, are short; a long
// str is searched for its quotes faster than it is checked byte by byte.
const plainMax = 64

// plainByte marks the bytes that stand for themselves between single
// quotes: printable ASCII but ' and \.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = c != '\'' && c != '\\'
	}
	return t
}()

// isPlain reports whether every byte of s is a plainByte.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if !plainByte[s[i]] {
			return false
		}
	}
	return true
}

// appendQuoted is AppendQuoted without the plain fast path.
func appendQuoted(dst []byte, s string) []byte {
	quote := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		quote = '"'
	}
	dst = append(dst, quote)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			// A run of bytes that stand for themselves goes in at once
			// (names and most text are all such bytes).
			j := i
			for j < len(s) && s[j] >= 0x20 && s[j] < 0x7f && s[j] != '\\' && s[j] != quote {
				j++
			}
			if j > i {
				dst = append(dst, s[i:j]...)
				i = j
				continue
			}
			dst = appendASCII(dst, c, quote)
			i++
			continue
		}
		if sr, ok := SurrogateAt(s, i); ok {
			dst = append(dst, '\\', 'u')
			dst = appendHex(dst, uint32(sr), 4)
			i += 3
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			dst = append(dst, `\udc`...)
			dst = append(dst, hexDigits[c>>4], hexDigits[c&15])
		case isPrintable(r):
			dst = append(dst, s[i:i+n]...)
		case r < 0x100:
			dst = append(dst, '\\', 'x', hexDigits[r>>4], hexDigits[r&15])
		case r < 0x10000:
			dst = append(dst, '\\', 'u')
			dst = appendHex(dst, uint32(r), 4)
		default:
			dst = append(dst, '\\', 'U')
			dst = appendHex(dst, uint32(r), 8)
		}
		i += n
	}
	return append(dst, quote)
}

func appendASCII(dst []byte, c, quote byte) []byte {
	switch {
	case c == '\\' || c == quote:
		return append(dst, '\\', c)
	case c == '\n':
		return append(dst, '\\', 'n')
	case c == '\r':
		return append(dst, '\\', 'r')
	case c == '\t':
		return append(dst, '\\', 't')
	case c < 0x20 || c == 0x7f:
		return append(dst, '\\', 'x', hexDigits[c>>4], hexDigits[c&15])
	}
	return append(dst, c)
}

func appendHex(dst []byte, v uint32, width int) []byte {
	for shift := (width - 1) * 4; shift >= 0; shift -= 4 {
		dst = append(dst, hexDigits[(v>>uint(shift))&15])
	}
	return dst
}

// isPrintable follows Python's str.isprintable: everything but the
// categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs other than the space.
func isPrintable(r rune) bool {
	return unicode.IsPrint(r)
}

// AppendBytesRepr appends b as Python's repr(bytes): b'...' with the same
// quote choice as str, printable ASCII as is and \xNN for the rest.
func AppendBytesRepr(dst []byte, b []byte) []byte {
	quote := byte('\'')
	hasSingle, hasDouble := false, false
	for _, c := range b {
		hasSingle = hasSingle || c == '\''
		hasDouble = hasDouble || c == '"'
	}
	if hasSingle && !hasDouble {
		quote = '"'
	}
	dst = append(dst, 'b', quote)
	for _, c := range b {
		if c >= 0x80 {
			dst = append(dst, '\\', 'x', hexDigits[c>>4], hexDigits[c&15])
			continue
		}
		dst = appendASCII(dst, c, quote)
	}
	return append(dst, quote)
}
