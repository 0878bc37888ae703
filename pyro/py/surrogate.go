package py

import "unicode/utf8"

// A Python str may hold lone surrogates (U+D800 to U+DFFF): "a\udcffb".
// pickle and marshal carry them in their 3-byte UTF-8 form (CPython's
// "surrogatepass"), and a Str holds them in that same form, so a value
// is the same bytes whichever codec brought it: pylit turns the escape
// \udcff into those 3 bytes too, and AppendQuoted prints them back as
// \udcff. Go's utf8 package calls these bytes invalid; the functions
// below know them.

// SurrogateAt reports whether s holds the 3-byte form of a lone surrogate
// at i, and which.
func SurrogateAt(s string, i int) (rune, bool) {
	if i+2 >= len(s) || s[i] != 0xed || s[i+1] < 0xa0 || s[i+1] > 0xbf || s[i+2]&0xc0 != 0x80 {
		return 0, false
	}
	return 0xd000 | rune(s[i+1]&0x3f)<<6 | rune(s[i+2]&0x3f), true
}

// AppendSurrogate appends the 3-byte form of the surrogate r
// (0xD800 <= r <= 0xDFFF).
func AppendSurrogate(dst []byte, r rune) []byte {
	return append(dst, 0xe0|byte(r>>12), 0x80|byte(r>>6)&0x3f, 0x80|byte(r)&0x3f)
}

// ValidText reports whether s is UTF-8 in which lone surrogates may
// appear in their 3-byte form: what a Python str can be.
func ValidText(s string) bool {
	if utf8.ValidString(s) {
		return true
	}
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		if _, ok := SurrogateAt(s, i); ok {
			i += 3
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return false
		}
		i += n
	}
	return true
}
