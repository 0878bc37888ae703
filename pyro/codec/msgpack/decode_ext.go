package msgpack

import (
	"encoding/binary"
	"math"
	"math/big"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// Pyro4's ext type codes (util.py, MsgpackSerializer.default/ext_hook).
const (
	extComplex  = 0x30 // float64 real, float64 imag, little endian
	extBigInt   = 0x31 // ASCII decimal
	extDatetime = 0x32 // float64 POSIX timestamp, little endian
	extDate     = 0x33 // int64 proleptic ordinal, little endian
)

// maxIntDigits is CPython's default limit on int(str), which Pyro4's
// ext_hook calls for 0x31.
const maxIntDigits = 4300

// ext reads the type byte and n data bytes of an ext and maps it as
// Pyro4's ext_hook does.
func (d *decoder) ext(n, at int) (py.Value, error) {
	b, err := d.take(n + 1)
	if err != nil {
		return nil, err
	}
	code, data := int8(b[0]), b[1:]
	switch code {
	case extComplex:
		if len(data) != 16 {
			return nil, d.errorf(at, "complex ext of %d bytes", len(data))
		}
		re := math.Float64frombits(binary.LittleEndian.Uint64(data))
		im := math.Float64frombits(binary.LittleEndian.Uint64(data[8:]))
		return py.Complex(complex(re, im)), nil
	case extBigInt:
		digits := 0
		for _, c := range data {
			if c >= '0' && c <= '9' {
				digits++
			}
		}
		if digits > maxIntDigits {
			return nil, d.errorf(at, "big int ext exceeds the limit of %d digits", maxIntDigits)
		}
		v, ok := new(big.Int).SetString(string(data), 10)
		if !ok {
			return nil, d.errorf(at, "invalid big int ext %q", data)
		}
		return py.NewBigInt(v), nil
	case extDatetime:
		if len(data) != 8 {
			return nil, d.errorf(at, "datetime ext of %d bytes", len(data))
		}
		dt := Datetime{math.Float64frombits(binary.LittleEndian.Uint64(data))}
		if !dt.valid() {
			return nil, d.errorf(at, "datetime timestamp %v out of range", dt.Timestamp)
		}
		return dt, nil
	case extDate:
		if len(data) != 8 {
			return nil, d.errorf(at, "date ext of %d bytes", len(data))
		}
		o := int64(binary.LittleEndian.Uint64(data))
		if o < 1 || o > maxOrdinal {
			return nil, d.errorf(at, "date ordinal %d out of range", o)
		}
		return Date{o}, nil
	}
	return nil, d.errorf(at, "invalid ext code for msgpack: %d", code)
}

func bigUint(u uint64) py.Value {
	return py.NewBigInt(new(big.Int).SetUint64(u))
}
