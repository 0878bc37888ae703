package printer

import (
	"strconv"
	"unicode/utf8"
)

// MaxRemoteText is the most of one remote text (an exception message, a
// CONNECTFAIL reason, a name) that Escape keeps, in bytes: longer text
// keeps its head and tail around a note saying how much was left out.
const MaxRemoteText = 64 << 10

const hexDigits = "0123456789abcdef"

// Escape returns text that came from the remote side (a traceback line, an
// exception message or class name, a CONNECTFAIL reason, a method name, a
// name-server name or URI) ready to print as text on a terminal: nothing
// in it can move the cursor, retitle the window, clear the screen or
// reorder what follows. C0 controls other than newline and tab (ESC
// included), DEL and C1 controls print as Python's \xNN escapes (\r as
// \r), the bidi embeddings, overrides and isolates (U+202A-U+202E,
// U+2066-U+2069) as \uNNNN, and bytes that are not UTF-8 as \xNN. Text
// longer than MaxRemoteText keeps its first and last MaxRemoteText/2
// bytes around "…(N bytes left out)…". Everything else, backslashes
// included, is unchanged, so ordinary text prints as sent. This is the
// one escaping function for remote text; values print as repr, which
// escapes on its own.
func Escape(s string) string {
	if len(s) <= MaxRemoteText && isSafeText(s) {
		return s
	}
	return string(AppendEscaped(nil, s))
}

// AppendEscaped appends Escape(s) to dst.
func AppendEscaped(dst []byte, s string) []byte {
	if len(s) <= MaxRemoteText {
		return appendSafeText(dst, s)
	}
	head, tail := clipBounds(s, MaxRemoteText/2)
	dst = appendSafeText(dst, s[:head])
	dst = append(dst, "…("...)
	dst = strconv.AppendInt(dst, int64(tail-head), 10)
	dst = append(dst, " bytes left out)…"...)
	return appendSafeText(dst, s[tail:])
}

// clip returns s, or when longer than MaxRemoteText its head and tail as
// AppendEscaped keeps them, not escaped.
func clip(s string) string {
	if len(s) <= MaxRemoteText {
		return s
	}
	head, tail := clipBounds(s, MaxRemoteText/2)
	return s[:head] + "…(" + strconv.Itoa(tail-head) + " bytes left out)…" + s[tail:]
}

// clipBounds returns where the kept head of s ends and the kept tail
// starts, keep bytes each, moved to rune boundaries.
func clipBounds(s string, keep int) (head, tail int) {
	head, tail = keep, len(s)-keep
	for head > 0 && !utf8.RuneStart(s[head]) {
		head--
	}
	for tail < len(s) && !utf8.RuneStart(s[tail]) {
		tail++
	}
	return head, tail
}

// isSafeText reports whether s prints as it is.
func isSafeText(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if unsafeASCII(c) {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unsafeRune(r, n) {
			return false
		}
		i += n
	}
	return true
}

func appendSafeText(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\r':
				dst = append(dst, '\\', 'r')
			case unsafeASCII(c):
				dst = append(dst, '\\', 'x', hexDigits[c>>4], hexDigits[c&15])
			default:
				dst = append(dst, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			dst = append(dst, '\\', 'x', hexDigits[c>>4], hexDigits[c&15])
		case r < 0xa0 && unsafeRune(r, n):
			dst = append(dst, '\\', 'x', hexDigits[r>>4], hexDigits[r&15])
		case unsafeRune(r, n):
			dst = append(dst, '\\', 'u', hexDigits[r>>12&15], hexDigits[r>>8&15], hexDigits[r>>4&15], hexDigits[r&15])
		default:
			dst = append(dst, s[i:i+n]...)
		}
		i += n
	}
	return dst
}

// unsafeASCII reports the ASCII bytes a terminal acts on: C0 controls but
// newline and tab, and DEL.
func unsafeASCII(c byte) bool {
	return c < 0x20 && c != '\n' && c != '\t' || c == 0x7f
}

// unsafeRune reports C1 controls, bidi embeddings, overrides and
// isolates, and bytes that are not UTF-8 (n == 1 with RuneError).
func unsafeRune(r rune, n int) bool {
	switch {
	case r == utf8.RuneError && n == 1:
		return true
	case r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
