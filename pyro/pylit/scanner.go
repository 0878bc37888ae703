package pylit

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Scanner cuts Python source into tokens. Comments (# to the end of the
// line), whitespace, newlines and backslash line continuations are
// skipped. Tokens slice the source; the scanner allocates nothing per
// token.
type Scanner struct {
	src string
	off int
	err *SyntaxError // source-wide problem (NUL byte, invalid UTF-8), reported when reached
}

// NewScanner returns a scanner over src. Source holding a NUL byte or
// invalid UTF-8 is rejected, as Python's compile() rejects it, when the
// scanner reaches the offending byte.
func NewScanner(src string) *Scanner {
	s := &Scanner{}
	s.reset(src)
	return s
}

// reset points s at the start of src, as NewScanner does; a Parser
// keeps its scanner by value so that setting one up allocates nothing.
func (s *Scanner) reset(src string) {
	*s = Scanner{src: src}
	bad := strings.IndexByte(src, 0)
	if !utf8.ValidString(src) {
		if i := invalidUTF8(src); bad < 0 || i < bad {
			bad = i
		}
	}
	if bad >= 0 {
		msg := "source contains a NUL byte"
		if src[bad] != 0 {
			msg = "source is not valid UTF-8"
		}
		s.err = errorAt(src, bad, msg)
	}
}

func invalidUTF8(s string) int {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// Offset returns the byte offset where the next token's scan starts.
func (s *Scanner) Offset() int { return s.off }

// Next returns the next token, an EOF token at the end of the source, or a
// *SyntaxError for text that is no Python token. After an error the
// scanner stays where it was, so every later call fails the same way.
func (s *Scanner) Next() (Token, error) {
	src := s.src
	i := s.off
	for i < len(src) {
		c := src[i]
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' {
			i++
		} else if c == '#' {
			for i < len(src) && src[i] != '\n' {
				i++
			}
		} else if c == '\\' && i+1 < len(src) && (src[i+1] == '\n' || src[i+1] == '\r') {
			i += 2
		} else {
			break
		}
	}
	s.off = i
	if s.err != nil && s.err.Offset <= i {
		return Token{Kind: EOF, Off: i, End: i}, s.err
	}
	if i >= len(src) {
		return Token{Kind: EOF, Off: i, End: i}, nil
	}
	c := src[i]
	switch {
	case c == '\'' || c == '"':
		return s.scanString(i, i)
	case c >= '0' && c <= '9' || c == '.' && i+1 < len(src) && isDigit(src[i+1]):
		return s.scanNumber(i)
	case isIdentStart(src, i):
		return s.scanIdent(i)
	}
	n := 1
	switch c {
	case '(', ')', '[', ']', '{', '}', ',', ':', '.', '=', ';':
	case '+', '-':
		n = augmented(src, i, 1)
	case '*':
		if i+1 < len(src) && src[i+1] == '*' {
			n = 2
		}
		n = augmented(src, i, n)
	default:
		if n = augmentedOnly(src, i); n == 0 {
			r, _ := utf8.DecodeRuneInString(src[i:])
			return Token{Kind: EOF, Off: i, End: i}, errorAt(src, i, "unexpected character "+strconv.QuoteRune(r))
		}
	}
	s.off = i + n
	return Token{Kind: Op, Off: i, End: i + n, Text: src[i : i+n]}, nil
}

// augmented returns the length of the operator of n bytes at src[i],
// extended by one for a following '=' (+=, -=, *=, **=).
func augmented(src string, i, n int) int {
	if i+n < len(src) && src[i+n] == '=' {
		return n + 1
	}
	return n
}

// augmentedOnly returns the length of the augmented assignment operator
// at src[i] whose operator alone is no token of this grammar (/=, //=,
// %=, @=, &=, |=, ^=, <<=, >>=), or 0 when there is none there.
func augmentedOnly(src string, i int) int {
	for _, op := range [...]string{"//=", "<<=", ">>=", "/=", "%=", "@=", "&=", "|=", "^="} {
		if strings.HasPrefix(src[i:], op) {
			return len(op)
		}
	}
	return 0
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isIdentStart(src string, i int) bool {
	c := src[i]
	if c < utf8.RuneSelf {
		return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(src[i:])
	return unicode.IsLetter(r)
}

// identLen returns the length of the identifier characters at src[i:].
func identLen(src string, i int) int {
	j := i
	for j < len(src) {
		c := src[j]
		if c < utf8.RuneSelf {
			if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
				j++
				continue
			}
			break
		}
		r, n := utf8.DecodeRuneInString(src[j:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Mc, r) {
			break
		}
		j += n
	}
	return j - i
}

func (s *Scanner) scanIdent(i int) (Token, error) {
	src := s.src
	j := i + identLen(src, i)
	if j < len(src) && (src[j] == '\'' || src[j] == '"') && j-i <= 2 {
		switch strings.ToLower(src[i:j]) {
		case "r", "u", "b", "br", "rb":
			return s.scanString(i, j)
		case "f", "fr", "rf":
			return Token{Kind: EOF, Off: i, End: i}, errorAt(src, i, "f-strings are not supported")
		}
	}
	s.off = j
	return Token{Kind: Ident, Off: i, End: j, Text: src[i:j]}, nil
}

// scanString scans a string literal whose prefix starts at start and whose
// opening quote is at q. A backslash always takes the next character with
// it, in raw strings too, as in Python.
func (s *Scanner) scanString(start, q int) (Token, error) {
	src := s.src
	quote := src[q]
	triple := q+2 < len(src) && src[q+1] == quote && src[q+2] == quote
	i := q + 1
	if triple {
		i = q + 3
	}
	for {
		if i >= len(src) {
			if triple {
				e := errorAt(src, start, "unterminated triple-quoted string")
				e.Incomplete = true
				return Token{Kind: EOF, Off: start, End: start}, e
			}
			return Token{Kind: EOF, Off: start, End: start}, errorAt(src, start, "unterminated string")
		}
		c := src[i]
		switch {
		case c == quote:
			if !triple {
				i++
				s.off = i
				return Token{Kind: String, Off: start, End: i, Text: src[start:i]}, nil
			}
			if i+2 < len(src) && src[i+1] == quote && src[i+2] == quote {
				i += 3
				s.off = i
				return Token{Kind: String, Off: start, End: i, Text: src[start:i]}, nil
			}
			i++
		case c == '\\':
			if i+1 == len(src) && !triple {
				// The string goes on past a backslash that ends the
				// input: a REPL reads its next line into it, as Python's
				// tokenizer joins them ('a\<newline>b' is 'ab').
				e := errorAt(src, start, "unterminated string")
				e.Incomplete = true
				return Token{Kind: EOF, Off: start, End: start}, e
			}
			if i+2 < len(src) && src[i+1] == '\r' && src[i+2] == '\n' {
				i += 3
			} else {
				i += 2
			}
		case c == '\n' && !triple:
			return Token{Kind: EOF, Off: start, End: start}, errorAt(src, start, "unterminated string")
		default:
			i++
		}
	}
}

// scanNumber scans an int, float or imaginary literal at i: digits with
// single underscores between them, 0x/0o/0b prefixes, a fraction, an
// exponent and a j suffix.
func (s *Scanner) scanNumber(i int) (Token, error) {
	src := s.src
	start := i
	bad := func(at int, msg string) (Token, error) {
		return Token{Kind: EOF, Off: start, End: start}, errorAt(src, at, msg)
	}
	if src[i] == '0' && i+1 < len(src) && strings.IndexByte("xXoObB", src[i+1]) >= 0 {
		var ok func(byte) bool
		switch src[i+1] | 0x20 {
		case 'x':
			ok = func(c byte) bool { return isDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'f' }
		case 'o':
			ok = func(c byte) bool { return c >= '0' && c <= '7' }
		default:
			ok = func(c byte) bool { return c == '0' || c == '1' }
		}
		i += 2
		n := 0
		for i < len(src) {
			if src[i] == '_' && i+1 < len(src) && ok(src[i+1]) {
				i += 2
			} else if ok(src[i]) {
				i++
			} else {
				break
			}
			n++
		}
		if n == 0 || i < len(src) && (isDigit(src[i]) || identLen(src, i) > 0) {
			return bad(start, "invalid number literal")
		}
		s.off = i
		return Token{Kind: Number, Off: start, End: i, Text: src[start:i]}, nil
	}
	isInt := true
	i = digitPart(src, i)
	if i < len(src) && src[i] == '.' {
		isInt = false
		i = digitPart(src, i+1)
	}
	if i < len(src) && src[i]|0x20 == 'e' {
		j := i + 1
		if j < len(src) && (src[j] == '+' || src[j] == '-') {
			j++
		}
		if j < len(src) && isDigit(src[j]) {
			isInt = false
			i = digitPart(src, j)
		}
	}
	if i < len(src) && src[i]|0x20 == 'j' {
		isInt = false
		i++
	}
	if i < len(src) && identLen(src, i) > 0 {
		return bad(start, "invalid number literal")
	}
	text := src[start:i]
	if isInt && len(text) > 1 && text[0] == '0' && strings.Trim(text, "0_") != "" {
		return bad(start, "leading zeros in decimal integer literals are not permitted")
	}
	s.off = i
	return Token{Kind: Number, Off: start, End: i, Text: text}, nil
}

// digitPart consumes digits with single underscores between them.
func digitPart(src string, i int) int {
	for i < len(src) {
		if isDigit(src[i]) {
			i++
		} else if src[i] == '_' && i > 0 && isDigit(src[i-1]) && i+1 < len(src) && isDigit(src[i+1]) {
			i++
		} else {
			break
		}
	}
	return i
}
