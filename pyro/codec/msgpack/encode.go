package msgpack

import (
	"encoding/binary"
	"math"
	"math/big"
	"strconv"
	"unicode/utf8"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

func encodeError(msg string) error {
	return &codec.Error{Codec: "msgpack", Op: "encode", Offset: -1, Msg: msg}
}

var maxUint64 = new(big.Int).SetUint64(math.MaxUint64)

func appendValue(dst []byte, v py.Value, depth int) ([]byte, error) {
	switch x := v.(type) {
	case nil, py.NoneType:
		return append(dst, 0xc0), nil
	case py.Bool:
		if x {
			return append(dst, 0xc3), nil
		}
		return append(dst, 0xc2), nil
	case py.Int:
		return appendInt(dst, int64(x)), nil
	case *py.BigInt:
		if x.V.IsInt64() {
			return appendInt(dst, x.V.Int64()), nil
		}
		if x.V.Sign() > 0 && x.V.Cmp(maxUint64) <= 0 {
			return binary.BigEndian.AppendUint64(append(dst, 0xcf), x.V.Uint64()), nil
		}
		return appendExt(dst, extBigInt, x.V.Append(nil, 10)), nil
	case py.Float:
		return binary.BigEndian.AppendUint64(append(dst, 0xcb), math.Float64bits(float64(x))), nil
	case py.Complex:
		var b [16]byte
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(real(x)))
		binary.LittleEndian.PutUint64(b[8:], math.Float64bits(imag(x)))
		return appendExt(dst, extComplex, b[:]), nil
	case Datetime:
		return appendExt(dst, extDatetime, binary.LittleEndian.AppendUint64(nil, math.Float64bits(x.Timestamp))), nil
	case Date:
		return appendExt(dst, extDate, binary.LittleEndian.AppendUint64(nil, uint64(x.Ordinal))), nil
	case py.Str:
		if !utf8.ValidString(string(x)) {
			return nil, encodeError("cannot serialize str holding invalid utf-8")
		}
		return appendStr(dst, string(x)), nil
	case py.Bytes:
		dst = appendHeader(dst, len(x), 0xc4, 0xc4, 0xc5, 0xc6, 0)
		return append(dst, x...), nil
	}
	if depth >= codec.MaxDepth {
		return nil, encodeError("nesting deeper than " + strconv.Itoa(codec.MaxDepth))
	}
	switch x := v.(type) {
	case py.List:
		return appendArray(dst, x, depth+1)
	case py.Tuple:
		return appendArray(dst, x, depth+1)
	case *py.Set:
		return appendArray(dst, x.Items, depth+1)
	case *py.FrozenSet:
		return appendArray(dst, x.Items, depth+1)
	case *py.Dict:
		dst = appendHeader(dst, x.Len(), 0x80, 0, 0xde, 0xdf, 16)
		var err error
		for _, it := range x.Items() {
			if dst, err = appendValue(dst, it.Key, depth+1); err != nil {
				return nil, err
			}
			if dst, err = appendValue(dst, it.Value, depth+1); err != nil {
				return nil, err
			}
		}
		return dst, nil
	case *py.Exception:
		return appendValue(dst, codec.ExceptionDict(x), depth)
	}
	return nil, encodeError("cannot serialize " + py.TypeName(v))
}

func appendArray(dst []byte, items []py.Value, depth int) ([]byte, error) {
	dst = appendHeader(dst, len(items), 0x90, 0, 0xdc, 0xdd, 16)
	var err error
	for _, it := range items {
		if dst, err = appendValue(dst, it, depth); err != nil {
			return nil, err
		}
	}
	return dst, nil
}

func appendStr(dst []byte, s string) []byte {
	dst = appendHeader(dst, len(s), 0xa0, 0xd9, 0xda, 0xdb, 32)
	return append(dst, s...)
}

// appendHeader writes a length the smallest way: in the fix byte when n <
// fixMax, else with the 8-, 16- or 32-bit form (a zero code means the form
// does not exist for the kind).
func appendHeader(dst []byte, n int, fix, c8, c16, c32 byte, fixMax int) []byte {
	switch {
	case n < fixMax:
		return append(dst, fix|byte(n))
	case c8 != 0 && n < 1<<8:
		return append(dst, c8, byte(n))
	case n < 1<<16:
		return binary.BigEndian.AppendUint16(append(dst, c16), uint16(n))
	}
	return binary.BigEndian.AppendUint32(append(dst, c32), uint32(n))
}

// appendInt writes the smallest form, as msgpack-python's packer picks it.
func appendInt(dst []byte, i int64) []byte {
	switch {
	case i >= 0 && i < 0x80, i < 0 && i >= -32:
		return append(dst, byte(i))
	case i >= 0 && i < 1<<8:
		return append(dst, 0xcc, byte(i))
	case i >= 0 && i < 1<<16:
		return binary.BigEndian.AppendUint16(append(dst, 0xcd), uint16(i))
	case i >= 0 && i < 1<<32:
		return binary.BigEndian.AppendUint32(append(dst, 0xce), uint32(i))
	case i >= 0:
		return binary.BigEndian.AppendUint64(append(dst, 0xcf), uint64(i))
	case i >= math.MinInt8:
		return append(dst, 0xd0, byte(i))
	case i >= math.MinInt16:
		return binary.BigEndian.AppendUint16(append(dst, 0xd1), uint16(i))
	case i >= math.MinInt32:
		return binary.BigEndian.AppendUint32(append(dst, 0xd2), uint32(i))
	}
	return binary.BigEndian.AppendUint64(append(dst, 0xd3), uint64(i))
}

func appendExt(dst []byte, code byte, data []byte) []byte {
	switch len(data) {
	case 1:
		dst = append(dst, 0xd4)
	case 2:
		dst = append(dst, 0xd5)
	case 4:
		dst = append(dst, 0xd6)
	case 8:
		dst = append(dst, 0xd7)
	case 16:
		dst = append(dst, 0xd8)
	default:
		dst = appendHeader(dst, len(data), 0, 0xc7, 0xc8, 0xc9, 0)
	}
	dst = append(dst, code)
	return append(dst, data...)
}
