package serpent

import (
	"unicode/utf8"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/pylit"
)

var _ codec.SoundChecker = Codec{}

// Sound implements codec.SoundChecker for the payloads serpent writes: an
// optional header comment line, then one value made of lists, tuples and
// dicts (keys str or int), str literals without prefix (plain, or with
// the escapes repr() writes: \\ \' \" \n \r \t \a \b \f \v \xHH \uHHHH
// \UHHHHHHHH), ints of at most 18 digits, floats that do not overflow,
// None, True and False, separated by blanks (space, tab, line breaks).
// It checks what pylit's fast lane checks (depth, the str and container
// charges to b, which it spends; UTF-8 and NUL bytes), and reports true
// only when DecodeWithin of data under the same budget succeeds, and so
// DecodeItems and its Items. Anything else (a comment inside the value,
// a set, a big int, 1e30000 for inf, adjacent strs, a prefix) is false:
// the caller decodes to know. It allocates nothing.
func (Codec) Sound(data []byte, b *codec.Budget) bool {
	if len(data) > pylit.DefaultMaxLen || !utf8.Valid(data) {
		return false
	}
	s := sounder{src: data, budget: codec.BudgetFor(b, len(data))}
	i := 0
	if len(data) > 0 && data[0] == '#' { // the header line
		for i < len(data) && data[i] != '\n' {
			if data[i] == 0 {
				return false
			}
			i++
		}
	}
	i, ok := s.value(s.blank(i))
	return ok && s.blank(i) == len(data)
}

// sounder scans a payload as pylit's fast lane reads it, building nothing.
type sounder struct {
	src    []byte
	depth  int
	budget *codec.Budget
}

// blank skips the blanks serpent writes; pylit skips them too (and more:
// comments, continuations, which Sound leaves to the decoder).
func (s *sounder) blank(i int) int {
	for i < len(s.src) {
		switch s.src[i] {
		case ' ', '\n', '\t', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// follows reports whether the value ending at i is followed, after
// blanks, by one of the bytes that end an element (',' ':' or a closer)
// or by the end of the payload: then neither pylit's lookahead (a str or
// name after a str, a sign or '.' after a number) nor the grammar's
// (adjacent strs, a complex sum) applies.
func (s *sounder) follows(i int) bool {
	i = s.blank(i)
	if i >= len(s.src) {
		return true
	}
	switch s.src[i] {
	case ',', ':', ']', ')', '}':
		return true
	}
	return false
}

// value scans the value at i and returns the offset just past it.
func (s *sounder) value(i int) (int, bool) {
	if i >= len(s.src) {
		return i, false
	}
	var end int
	var ok bool
	switch c := s.src[i]; {
	case c == '\'' || c == '"':
		end, ok = s.str(i)
	case c >= '0' && c <= '9' || c == '-':
		end, ok = s.number(i, true)
	case c == '[':
		return s.seq(i, ']')
	case c == '(':
		return s.seq(i, ')')
	case c == '{':
		return s.dict(i)
	case c == 'N':
		end, ok = s.word(i, "None")
	case c == 'T':
		end, ok = s.word(i, "True")
	case c == 'F':
		end, ok = s.word(i, "False")
	}
	return end, ok && s.follows(end)
}

func (s *sounder) word(i int, w string) (int, bool) {
	end := i + len(w)
	return end, end <= len(s.src) && string(s.src[i:end]) == w
}

// open enters a container as pylit's open does; past codec.MaxDepth the
// decoder fails.
func (s *sounder) open() bool {
	s.depth++
	return s.depth <= codec.MaxDepth
}

// seq scans a list (closer ']') or a tuple (closer ')') as pylit's
// fastSeq reads it, charging codec.ValueCost an element; (x) without a
// comma is not a tuple and is left to the decoder.
func (s *sounder) seq(i int, closer byte) (int, bool) {
	if !s.open() {
		return i, false
	}
	src := s.src
	j := s.blank(i + 1)
	comma, n := false, 0
	for j >= len(src) || src[j] != closer {
		var ok bool
		if j, ok = s.value(j); !ok || !s.budget.Charge(codec.ValueCost) {
			return j, false
		}
		n++
		j = s.blank(j)
		if j < len(src) && src[j] == ',' {
			comma = true
			j = s.blank(j + 1)
			continue
		}
		if j >= len(src) || src[j] != closer {
			return j, false
		}
	}
	if closer == ')' && !comma && n > 0 {
		return j, false
	}
	s.depth--
	return j + 1, true
}

// dict scans a dict display as pylit's fastDict reads it, charging two
// codec.ValueCost a pair; a key is a str or an int.
func (s *sounder) dict(i int) (int, bool) {
	if !s.open() {
		return i, false
	}
	src := s.src
	j := s.blank(i + 1)
	if j < len(src) && src[j] == '}' {
		s.depth--
		return j + 1, true
	}
	for {
		if j >= len(src) {
			return j, false
		}
		var ok bool
		switch c := src[j]; {
		case c == '\'' || c == '"':
			j, ok = s.str(j)
		case c >= '0' && c <= '9' || c == '-':
			j, ok = s.number(j, false)
		}
		if !ok {
			return j, false
		}
		if j = s.blank(j); j >= len(src) || src[j] != ':' {
			return j, false
		}
		if j, ok = s.value(s.blank(j + 1)); !ok || !s.budget.Charge(2*codec.ValueCost) {
			return j, false
		}
		j = s.blank(j)
		if j < len(src) && src[j] == '}' {
			break
		}
		if j >= len(src) || src[j] != ',' {
			return j, false
		}
		if j = s.blank(j + 1); j < len(src) && src[j] == '}' {
			break
		}
	}
	s.depth--
	return j + 1, true
}

// soundStrStop marks the bytes str's scan stops at: the quotes, the
// backslash, the line breaks (an error, or the grammar's) and NUL (which
// the decoder refuses anywhere; outside a str no value starts with it).
var soundStrStop = [256]bool{'\'': true, '"': true, '\\': true, '\n': true, '\r': true, 0: true}

// str scans a str literal and charges its decoded length, as pylit's
// fastStr charges one without escapes and its grammar (stringValue) one
// with the escapes above.
func (s *sounder) str(i int) (int, bool) {
	src := s.src
	q := src[i]
	j := i + 1
	shrink := 0 // escape bytes beyond the bytes they decode to
	for {
		for j < len(src) && !soundStrStop[src[j]] {
			j++
		}
		if j >= len(src) {
			return j, false
		}
		c := src[j]
		if c == q {
			break
		}
		if c == '\'' || c == '"' {
			j++
			continue
		}
		if c != '\\' || j+1 >= len(src) {
			return j, false
		}
		switch src[j+1] {
		case '\\', '\'', '"', 'n', 'r', 't', 'a', 'b', 'f', 'v':
			j += 2
			shrink++
		case 'x':
			v, ok := hexAt(src, j+2, 2)
			if !ok {
				return j, false
			}
			j += 4
			shrink += 4 - utf8.RuneLen(rune(v))
		case 'u', 'U':
			n := 4
			if src[j+1] == 'U' {
				n = 8
			}
			v, ok := hexAt(src, j+2, n)
			if !ok || v > utf8.MaxRune {
				return j, false
			}
			l := 3 // a lone surrogate, held in its 3-byte form
			if v < 0xd800 || v > 0xdfff {
				l = utf8.RuneLen(rune(v))
			}
			j += 2 + n
			shrink += 2 + n - l
		default:
			return j, false
		}
	}
	return j + 1, s.budget.Charge(j - i - 1 - shrink)
}

// hexAt reads n hex digits at src[i:].
func hexAt(src []byte, i, n int) (int, bool) {
	if i+n > len(src) {
		return 0, false
	}
	v := 0
	for _, c := range src[i : i+n] {
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | int(c-'0')
		case c|0x20 >= 'a' && c|0x20 <= 'f':
			v = v<<4 | int(c|0x20-'a'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

// number scans what pylit's fastNumber reads without giving up: an int of
// at most 18 digits without leading zeros, or (when floats are allowed) a
// float whose magnitude stays below 1e308, so strconv.ParseFloat cannot
// overflow.
func (s *sounder) number(i int, floats bool) (int, bool) {
	src := s.src
	j := i
	if src[j] == '-' {
		j++
	}
	start := j
	for j < len(src) && src[j] >= '0' && src[j] <= '9' {
		j++
	}
	nd := j - start
	if nd == 0 || nd > 1 && src[start] == '0' {
		return j, false
	}
	isFloat := false
	if j < len(src) && src[j] == '.' {
		k := j + 1
		for j = k; j < len(src) && src[j] >= '0' && src[j] <= '9'; j++ {
		}
		if j == k {
			return j, false
		}
		isFloat = true
	}
	exp := 0
	if j < len(src) && src[j]|0x20 == 'e' {
		j++
		neg := false
		if j < len(src) && (src[j] == '+' || src[j] == '-') {
			neg = src[j] == '-'
			j++
		}
		k := j
		for j < len(src) && src[j] >= '0' && src[j] <= '9' {
			if j-k < 6 {
				exp = exp*10 + int(src[j]-'0')
			}
			j++
		}
		if j == k || j-k > 6 {
			return j, false
		}
		if neg {
			exp = -exp
		}
		isFloat = true
	}
	if isFloat {
		return j, floats && nd+exp <= 307
	}
	return j, nd <= 18
}
