package pickle

import (
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// textValue runs the protocol 0 opcodes whose argument is a text line:
// INT, LONG, FLOAT, STRING, UNICODE.
func (d *decoder) textValue(op byte) error {
	b, err := d.line()
	if err != nil {
		return err
	}
	var v py.Value
	switch op {
	case opInt:
		switch string(b) {
		case "00":
			v = py.Bool(false)
		case "01":
			v = py.Bool(true)
		default:
			v, err = d.parseInt(string(b))
		}
	case opLong:
		v, err = d.parseInt(strings.TrimSuffix(string(b), "L"))
	case opFloat:
		var f float64
		f, err = strconv.ParseFloat(strings.TrimSpace(string(b)), 64)
		if err != nil {
			err = d.errf("invalid float %q", truncate(b))
		}
		v = py.Float(f)
	case opString:
		var raw []byte
		raw, err = d.unquote(b)
		v = latin1(raw)
	case opUnicode:
		v = py.Str(rawUnicodeEscape(b))
	}
	if err != nil {
		return err
	}
	return d.push(v)
}

func truncate(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "..."
	}
	return string(b)
}

func (d *decoder) parseInt(s string) (py.Value, error) {
	s = strings.TrimSpace(s)
	if len(s) > maxLongDigits {
		return nil, d.errf("int of %d digits exceeds the limit of %d", len(s), maxLongDigits)
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return py.Int(i), nil
	}
	b, ok := new(big.Int).SetString(s, 10)
	if !ok {
		return nil, d.errf("invalid int %q", truncate([]byte(s)))
	}
	return py.NewBigInt(b), nil
}

func (d *decoder) decimalIndex() (uint64, error) {
	b, err := d.line()
	if err != nil {
		return 0, err
	}
	i, err := strconv.ParseUint(string(b), 10, 32)
	if err != nil {
		return 0, d.errf("invalid memo key %q", truncate(b))
	}
	return i, nil
}

// decodeLong reads the two's complement little-endian int of LONG1/LONG4.
func decodeLong(b []byte) py.Value {
	if len(b) <= 8 {
		var u uint64
		for i := len(b) - 1; i >= 0; i-- {
			u = u<<8 | uint64(b[i])
		}
		if len(b) > 0 && len(b) < 8 && b[len(b)-1]&0x80 != 0 {
			u |= ^uint64(0) << (8 * uint(len(b))) // sign-extend
		}
		return py.Int(int64(u))
	}
	be := make([]byte, len(b))
	for i, c := range b {
		be[len(b)-1-i] = c
	}
	n := new(big.Int).SetBytes(be)
	if b[len(b)-1]&0x80 != 0 {
		n.Sub(n, new(big.Int).Lsh(big.NewInt(1), uint(8*len(b))))
	}
	return py.NewBigInt(n)
}

// latin1 turns the bytes of a Python 2 str into a str, one code point per
// byte. Python 3's Unpickler defaults to ASCII and fails on other bytes;
// latin-1 keeps them readable instead.
func latin1(b []byte) py.Str {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			var sb strings.Builder
			sb.Grow(len(b) * 2)
			for _, c := range b {
				sb.WriteRune(rune(c))
			}
			return py.Str(sb.String())
		}
	}
	return py.Str(b)
}

// unquote decodes the argument of STRING: a quoted Python 2 str literal
// with backslash escapes.
func (d *decoder) unquote(b []byte) ([]byte, error) {
	if len(b) < 2 || b[0] != b[len(b)-1] || (b[0] != '\'' && b[0] != '"') {
		return nil, d.errf("STRING argument is not quoted")
	}
	b = b[1 : len(b)-1]
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != '\\' || i+1 == len(b) {
			out = append(out, c)
			continue
		}
		i++
		switch c = b[i]; c {
		case 'n':
			out = append(out, '\n')
		case 't':
			out = append(out, '\t')
		case 'r':
			out = append(out, '\r')
		case 'a':
			out = append(out, 7)
		case 'b':
			out = append(out, 8)
		case 'f':
			out = append(out, 12)
		case 'v':
			out = append(out, 11)
		case '\\', '\'', '"':
			out = append(out, c)
		case 'x':
			if i+2 < len(b) && isHex(b[i+1]) && isHex(b[i+2]) {
				out = append(out, byte(hexVal(b[i+1])<<4|hexVal(b[i+2])))
				i += 2
			} else {
				return nil, d.errf("invalid \\x escape in STRING")
			}
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v := int(c - '0')
			for n := 0; n < 2 && i+1 < len(b) && b[i+1] >= '0' && b[i+1] <= '7'; n++ {
				i++
				v = v*8 + int(b[i]-'0')
			}
			out = append(out, byte(v))
		default:
			out = append(out, '\\', c)
		}
	}
	return out, nil
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func hexVal(c byte) int {
	switch {
	case c >= 'a':
		return int(c-'a') + 10
	case c >= 'A':
		return int(c-'A') + 10
	}
	return int(c - '0')
}

// rawUnicodeEscape decodes Python's raw-unicode-escape (UNICODE's
// argument): \uXXXX and \UXXXXXXXX escapes, every other byte a latin-1
// code point.
func rawUnicodeEscape(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '\\' && i+1 < len(b) && (b[i+1] == 'u' || b[i+1] == 'U') {
			n := 4
			if b[i+1] == 'U' {
				n = 8
			}
			if i+2+n <= len(b) {
				if r, err := strconv.ParseUint(string(b[i+2:i+2+n]), 16, 32); err == nil && r <= utf8.MaxRune {
					sb.WriteRune(rune(r))
					i += 1 + n
					continue
				}
			}
		}
		sb.WriteRune(rune(c))
	}
	return sb.String()
}
