package pylit

import (
	"errors"
	"math/big"
	"strconv"
	"strings"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// maxIntDigits mirrors CPython's default limit on decimal int conversion
// (sys.get_int_max_str_digits), which also keeps big.Int parsing from
// turning quadratic on hostile input.
const maxIntDigits = 4300

// numberValue converts the text of a Number token: Int or *BigInt, Float,
// or an imaginary Complex.
func numberValue(text string) (py.Value, string) {
	last := text[len(text)-1]
	if last == 'j' || last == 'J' {
		f, ok := parseFloat(text[:len(text)-1])
		if !ok {
			return nil, "invalid imaginary literal"
		}
		return py.Complex(complex(0, f)), ""
	}
	isHex := len(text) > 1 && text[1]|0x20 == 'x'
	if !isHex && strings.ContainsAny(text, ".eE") {
		f, ok := parseFloat(text)
		if !ok {
			return nil, "invalid float literal"
		}
		return py.Float(f), ""
	}
	// Plain decimal digits that surely fit: the common case, no strconv.
	if len(text) <= 18 && (len(text) == 1 || text[0] != '0') {
		var n int64
		for i := 0; i < len(text); i++ {
			c := text[i]
			if c < '0' || c > '9' {
				goto general
			}
			n = n*10 + int64(c-'0')
		}
		return py.Int(n), ""
	}
general:
	// Base 0 reads the 0x/0o/0b prefixes and underscores; the scanner has
	// already refused decimal literals with leading zeros, so no octal
	// misreading is possible.
	if n, err := strconv.ParseInt(text, 0, 64); err == nil {
		return py.Int(n), ""
	}
	prefixed := len(text) > 1 && strings.IndexByte("xXoObB", text[1]) >= 0
	if !prefixed && len(text)-strings.Count(text, "_") > maxIntDigits {
		return nil, "integer literal has more than 4300 digits"
	}
	b, ok := new(big.Int).SetString(text, 0)
	if !ok {
		return nil, "invalid integer literal"
	}
	return py.NewBigInt(b), ""
}

// parseFloat parses Python float syntax (underscores between digits
// allowed); out-of-range values become ±inf or 0 as in Python.
func parseFloat(s string) (float64, bool) {
	if strings.IndexByte(s, '_') >= 0 {
		s = strings.ReplaceAll(s, "_", "")
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && ne.Err == strconv.ErrRange {
			return f, true
		}
		return 0, false
	}
	return f, true
}
