package json

import (
	"unicode/utf16"
	"unicode/utf8"

	"github.com/pyrosh/pyrosh/pyro/codec"
)

// Sound implements codec.SoundChecker: it scans data as decode reads it
// (the same grammar: Python's json.loads with NaN and Infinity, strict
// strings, ints of at most 4,300 digits), checking depth, UTF-8 and the
// budget decode would charge (to b, which it spends), and reports true
// only when decode of data under the same budget succeeds. It allocates
// nothing.
func (Codec) Sound(data []byte, b *codec.Budget) bool {
	if !utf8.Valid(data) {
		return false
	}
	d := decoder{data: data, budget: codec.BudgetFor(b, len(data))}
	d.skipSpace()
	if !d.sound() {
		return false
	}
	d.skipSpace()
	return d.pos == len(d.data)
}

// sound is value without building it.
func (d *decoder) sound() bool {
	if d.pos >= len(d.data) {
		return false
	}
	switch c := d.data[d.pos]; c {
	case '"':
		return d.soundStr()
	case '[', '{':
		d.depth++
		if d.depth > codec.MaxDepth {
			return false
		}
		ok := d.soundContainer(c == '{')
		d.depth--
		return ok
	case 'n':
		return d.soundWord("null")
	case 't':
		return d.soundWord("true")
	case 'f':
		return d.soundWord("false")
	case 'N':
		return d.soundWord("NaN")
	case 'I':
		return d.soundWord("Infinity")
	case '-':
		if d.pos+1 < len(d.data) && d.data[d.pos+1] == 'I' {
			return d.soundWord("-Infinity")
		}
		return d.soundNumber()
	default:
		return c >= '0' && c <= '9' && d.soundNumber()
	}
}

func (d *decoder) soundWord(word string) bool {
	if len(d.data)-d.pos >= len(word) && string(d.data[d.pos:d.pos+len(word)]) == word {
		d.pos += len(word)
		return true
	}
	return false
}

// soundContainer is array or object, from its opening bracket.
func (d *decoder) soundContainer(object bool) bool {
	closer, cost := byte(']'), codec.ValueCost
	if object {
		closer, cost = '}', 2*codec.ValueCost
	}
	d.pos++
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == closer {
		d.pos++
		return true
	}
	for {
		d.skipSpace()
		if object {
			if d.pos >= len(d.data) || d.data[d.pos] != '"' || !d.soundStr() {
				return false
			}
			d.skipSpace()
			if d.pos >= len(d.data) || d.data[d.pos] != ':' {
				return false
			}
			d.pos++
			d.skipSpace()
		}
		if !d.sound() || !d.budget.Charge(cost) {
			return false
		}
		closed, err := d.next(closer)
		if err != nil {
			return false
		}
		if closed {
			return true
		}
	}
}

// soundNumber is number without building it: the same pattern, and the
// limit on an int's digits (a float never fails: out of range is ±inf).
func (d *decoder) soundNumber() bool {
	start, p := d.pos, d.pos
	if d.data[p] == '-' {
		p++
	}
	digits := func(q int) int {
		for q < len(d.data) && d.data[q] >= '0' && d.data[q] <= '9' {
			q++
		}
		return q
	}
	switch {
	case p < len(d.data) && d.data[p] == '0':
		p++
	case p < len(d.data) && d.data[p] >= '1' && d.data[p] <= '9':
		p = digits(p)
	default:
		return false
	}
	intEnd, isFloat := p, false
	if p+1 < len(d.data) && d.data[p] == '.' && d.data[p+1] >= '0' && d.data[p+1] <= '9' {
		p = digits(p + 1)
		isFloat = true
	}
	if p < len(d.data) && (d.data[p] == 'e' || d.data[p] == 'E') {
		q := p + 1
		if q < len(d.data) && (d.data[q] == '+' || d.data[q] == '-') {
			q++
		}
		if q < len(d.data) && d.data[q] >= '0' && d.data[q] <= '9' {
			p = digits(q)
			isFloat = true
		}
	}
	if isFloat {
		d.pos = p
		return true
	}
	d.pos = intEnd
	n := intEnd - start
	return n <= maxIntDigits || (n == maxIntDigits+1 && d.data[start] == '-')
}

// soundStr is strValue without building the str: the same escapes, and
// the charge of the str's UTF-8 length.
func (d *decoder) soundStr() bool {
	p := d.pos + 1
	n := 0 // the str's length in UTF-8
	for p < len(d.data) {
		c := d.data[p]
		switch {
		case c == '"':
			d.pos = p + 1
			return d.budget.Charge(n)
		case c < 0x20:
			return false
		case c != '\\':
			n++
			p++
			continue
		}
		if p+1 >= len(d.data) {
			return false
		}
		e := d.data[p+1]
		p += 2
		switch e {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			n++
		case 'u':
			r, ok := d.hex4(p)
			if !ok {
				return false
			}
			p += 4
			if utf16.IsSurrogate(r) {
				r = utf8.RuneError
				if r0, _ := d.hex4(p - 4); r0 < 0xdc00 && p+1 < len(d.data) && d.data[p] == '\\' && d.data[p+1] == 'u' {
					if r2, ok := d.hex4(p + 2); ok && r2 >= 0xdc00 && r2 <= 0xdfff {
						r = utf16.DecodeRune(r0, r2)
						p += 6
					}
				}
			}
			n += utf8.RuneLen(r)
		default:
			return false
		}
	}
	return false
}
