package json

import (
	"unicode/utf16"
	"unicode/utf8"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// strValue reads a string as str() does, boxed, through the str table
// when the decoder has one, and charges its text to the budget.
func (d *decoder) strValue() (py.Value, error) {
	start := d.pos + 1
	end := start
	for end < len(d.data) && d.data[end] != '"' && d.data[end] != '\\' && d.data[end] >= 0x20 {
		end++
	}
	if end < len(d.data) && d.data[end] == '"' {
		if err := d.charge(end - start); err != nil {
			return nil, err
		}
		d.pos = end + 1
		if d.strs != nil {
			return d.strs.Str(d.data[start:end]), nil
		}
		return py.Str(d.data[start:end]), nil
	}
	s, err := d.str()
	if err != nil {
		return nil, err
	}
	if err := d.charge(len(s)); err != nil {
		return nil, err
	}
	return py.Str(s), nil
}

// str reads a string starting at its opening quote. As json.loads (strict)
// does, it rejects raw control characters; escapes are \" \\ \/ \b \f \n
// \r \t and \uXXXX, with surrogate pairs joined.
func (d *decoder) str() (string, error) {
	d.pos++ // opening quote
	start := d.pos
	// Fast path: no escapes.
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		if c == '"' {
			s := string(d.data[start:d.pos])
			d.pos++
			return s, nil
		}
		if c == '\\' || c < 0x20 {
			break
		}
		d.pos++
	}
	buf := make([]byte, 0, d.pos-start+16)
	buf = append(buf, d.data[start:d.pos]...)
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		switch {
		case c == '"':
			d.pos++
			return string(buf), nil
		case c < 0x20:
			return "", d.errorf("invalid control character in string")
		case c != '\\':
			buf = append(buf, c)
			d.pos++
			continue
		}
		if d.pos+1 >= len(d.data) {
			break
		}
		e := d.data[d.pos+1]
		d.pos += 2
		switch e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := d.hex4(d.pos)
			if !ok {
				d.pos -= 2
				return "", d.errorf("invalid \\uXXXX escape")
			}
			d.pos += 4
			if utf16.IsSurrogate(r) {
				// A high surrogate followed by an escaped low one is a pair;
				// anything else is a lone surrogate, which a UTF-8 string
				// cannot hold: it becomes U+FFFD.
				if r < 0xdc00 && d.pos+1 < len(d.data) && d.data[d.pos] == '\\' && d.data[d.pos+1] == 'u' {
					if r2, ok := d.hex4(d.pos + 2); ok && r2 >= 0xdc00 && r2 <= 0xdfff {
						r = utf16.DecodeRune(r, r2)
						d.pos += 6
					} else {
						r = utf8.RuneError
					}
				} else {
					r = utf8.RuneError
				}
			}
			buf = utf8.AppendRune(buf, r)
		default:
			d.pos -= 2
			return "", d.errorf("invalid \\escape")
		}
	}
	return "", d.errorf("unterminated string")
}

func (d *decoder) hex4(at int) (rune, bool) {
	if at+4 > len(d.data) {
		return 0, false
	}
	var r rune
	for _, c := range d.data[at : at+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
