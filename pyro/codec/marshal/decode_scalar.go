package marshal

import (
	"encoding/binary"
	"math/big"
	"unicode/utf8"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// long reads a 'l': a signed int32 digit count then that many 15-bit
// digits, least significant first. CPython rejects a zero top digit and
// digits out of range, and so do we.
func (d *decoder) long(at int) (py.Value, error) {
	n32, err := d.int32()
	if err != nil {
		return nil, err
	}
	neg := n32 < 0
	n := int64(n32)
	if neg {
		n = -n
	}
	if 2*n > int64(len(d.data)-d.pos) {
		return nil, d.eof()
	}
	b, _ := d.take(int(2 * n))
	if n > 0 && binary.LittleEndian.Uint16(b[2*n-2:]) == 0 {
		return nil, d.errorf(at, "bad marshal data (unnormalized long data)")
	}
	for i := int64(0); i < n; i++ {
		if binary.LittleEndian.Uint16(b[2*i:]) >= 1<<longShift {
			return nil, d.errorf(at, "bad marshal data (digit out of range in long)")
		}
	}
	if n <= 4 { // at most 60 bits
		var v int64
		for i := n - 1; i >= 0; i-- {
			v = v<<longShift | int64(binary.LittleEndian.Uint16(b[2*i:]))
		}
		if neg {
			v = -v
		}
		return py.Int(v), nil
	}
	// Pack the digits into bytes, least significant first, then reverse
	// them for big.Int.SetBytes.
	out := make([]byte, 0, (n*longShift+7)/8)
	var acc uint32
	bits := 0
	for i := int64(0); i < n; i++ {
		acc |= uint32(binary.LittleEndian.Uint16(b[2*i:])) << bits
		bits += longShift
		for bits >= 8 {
			out = append(out, byte(acc))
			acc >>= 8
			bits -= 8
		}
	}
	if bits > 0 {
		out = append(out, byte(acc))
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	v := new(big.Int).SetBytes(out)
	if neg {
		v.Neg(v)
	}
	return py.NewBigInt(v), nil
}

// latin1String converts the bytes of an 'a'/'z' string: CPython builds
// them as one-byte-kind str, so bytes >= 0x80 are Latin-1 code points.
func latin1String(b []byte) string {
	for _, c := range b {
		if c >= 0x80 {
			out := make([]byte, 0, 2*len(b))
			for _, c := range b {
				out = utf8.AppendRune(out, rune(c))
			}
			return string(out)
		}
	}
	return string(b)
}

// utf8String converts a 'u' string. CPython writes it with surrogatepass,
// so a lone surrogate arrives in its 3-byte form, which py.Str holds as it
// is (py.SurrogateAt). Other invalid UTF-8 is refused.
func utf8String(b []byte) (string, bool) {
	s := string(b)
	return s, py.ValidText(s)
}
