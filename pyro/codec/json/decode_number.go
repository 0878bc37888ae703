package json

import (
	"errors"
	"math"
	"math/big"
	"strconv"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

var (
	nan = math.NaN()
	inf = math.Inf(1)
)

// maxIntDigits is CPython's default limit on int(str) (3.11's
// sys.int_info.str_digits_check_threshold); json.loads fails beyond it, and
// it keeps the quadratic big.Int parse cheap.
const maxIntDigits = 4300

// number reads -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?, the pattern
// of Python's json scanner: an int without fraction and exponent, else a
// float. Text after the longest match is left for the caller to reject.
func (d *decoder) number() (py.Value, error) {
	start := d.pos
	p := d.pos
	if d.data[p] == '-' {
		p++
	}
	digitsStart := p
	// m gathers the digits as they are scanned (the exponent's too, when
	// there is one, and then m is not used); it is used only when they
	// are few enough not to overflow.
	var m uint64
	digits := func(q int) int {
		for q < len(d.data) && d.data[q] >= '0' && d.data[q] <= '9' {
			m = m*10 + uint64(d.data[q]-'0')
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
		return nil, d.errorf("expecting value")
	}
	intEnd := p
	isFloat, exp := false, false
	if p+1 < len(d.data) && d.data[p] == '.' && d.data[p+1] >= '0' && d.data[p+1] <= '9' {
		p = digits(p + 1)
		isFloat = true
	}
	fracEnd := p
	if p < len(d.data) && (d.data[p] == 'e' || d.data[p] == 'E') {
		q := p + 1
		if q < len(d.data) && (d.data[q] == '+' || d.data[q] == '-') {
			q++
		}
		if q < len(d.data) && d.data[q] >= '0' && d.data[q] <= '9' {
			p = digits(q)
			isFloat, exp = true, true
		}
	}
	if !isFloat {
		p = intEnd
	}
	neg := digitsStart > start
	if isFloat {
		f, ok := 0.0, false
		if !exp { // "digits.digits"
			nFrac := fracEnd - intEnd - 1
			f, ok = codec.DecimalFloat(m, intEnd-digitsStart+nFrac, nFrac)
			if ok && neg {
				f = -f
			}
		}
		if !ok {
			// The conversion does not escape (strconv copies what its
			// errors keep), so a short number costs no allocation.
			var err error
			f, err = strconv.ParseFloat(string(d.data[start:p]), 64)
			if err != nil && !errors.Is(err, strconv.ErrRange) {
				return nil, d.errorf("invalid number")
			}
		}
		d.pos = p
		return d.slab.Float(f), nil // out of range gives ±inf, as float() does
	}
	if p-start <= 18 { // at most 18 digits: m holds them
		d.pos = p
		n := int64(m)
		if neg {
			n = -n
		}
		return d.slab.Int(n), nil
	}
	text := string(d.data[start:p])
	if n := len(text); n > maxIntDigits+1 || (n == maxIntDigits+1 && text[0] != '-') {
		return nil, d.errorf("integer exceeds the limit of 4300 digits")
	}
	b, _ := new(big.Int).SetString(text, 10)
	d.pos = p
	return py.NewBigInt(b), nil
}
