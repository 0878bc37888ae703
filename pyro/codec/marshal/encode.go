package marshal

import (
	"encoding/binary"
	"math"
	"math/big"
	"strconv"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

func encodeError(msg string) error {
	return &codec.Error{Codec: "marshal", Op: "encode", Offset: -1, Msg: msg}
}

func appendValue(dst []byte, v py.Value, depth int) ([]byte, error) {
	switch x := v.(type) {
	case nil, py.NoneType:
		return append(dst, typeNone), nil
	case py.Bool:
		if x {
			return append(dst, typeTrue), nil
		}
		return append(dst, typeFalse), nil
	case py.Int:
		if x >= math.MinInt32 && x <= math.MaxInt32 {
			dst = append(dst, typeInt)
			return binary.LittleEndian.AppendUint32(dst, uint32(int32(x))), nil
		}
		return appendLong(dst, big.NewInt(int64(x))), nil
	case *py.BigInt:
		return appendLong(dst, x.V), nil
	case py.Float:
		dst = append(dst, typeBinaryFloat)
		return binary.LittleEndian.AppendUint64(dst, math.Float64bits(float64(x))), nil
	case py.Complex:
		dst = append(dst, typeBinaryComplex)
		dst = binary.LittleEndian.AppendUint64(dst, math.Float64bits(real(x)))
		return binary.LittleEndian.AppendUint64(dst, math.Float64bits(imag(x))), nil
	case py.Str:
		return appendStr(dst, string(x))
	case py.Bytes:
		if int64(len(x)) > math.MaxInt32 {
			return nil, encodeError("bytes too long")
		}
		dst = append(dst, typeString)
		dst = binary.LittleEndian.AppendUint32(dst, uint32(len(x)))
		return append(dst, x...), nil
	}
	if depth >= codec.MaxDepth {
		return nil, encodeError("nesting deeper than " + strconv.Itoa(codec.MaxDepth))
	}
	switch x := v.(type) {
	case py.Tuple:
		if len(x) < 256 {
			dst = append(dst, typeSmallTuple, byte(len(x)))
			return appendItems(dst, x, depth+1)
		}
		return appendSized(dst, typeTuple, x, depth+1)
	case py.List:
		return appendSized(dst, typeList, x, depth+1)
	case *py.Set:
		return appendSized(dst, typeSet, x.Items, depth+1)
	case *py.FrozenSet:
		return appendSized(dst, typeFrozenSet, x.Items, depth+1)
	case *py.Dict:
		dst = append(dst, typeDict)
		var err error
		for _, it := range x.Items() {
			if dst, err = appendValue(dst, it.Key, depth+1); err != nil {
				return nil, err
			}
			if dst, err = appendValue(dst, it.Value, depth+1); err != nil {
				return nil, err
			}
		}
		return append(dst, typeNull), nil
	case *py.Exception:
		return appendValue(dst, codec.ExceptionDict(x), depth)
	}
	return nil, encodeError("cannot serialize " + py.TypeName(v))
}

func appendSized(dst []byte, code byte, items []py.Value, depth int) ([]byte, error) {
	if int64(len(items)) > math.MaxInt32 {
		return nil, encodeError("container too long")
	}
	dst = append(dst, code)
	dst = binary.LittleEndian.AppendUint32(dst, uint32(len(items)))
	return appendItems(dst, items, depth)
}

func appendItems(dst []byte, items []py.Value, depth int) ([]byte, error) {
	var err error
	for _, it := range items {
		if dst, err = appendValue(dst, it, depth); err != nil {
			return nil, err
		}
	}
	return dst, nil
}

// appendStr picks the code CPython 3.11 does: 'z' for ASCII shorter than
// 256 bytes, 'a' for longer ASCII, 'u' (UTF-8) otherwise.
func appendStr(dst []byte, s string) ([]byte, error) {
	if int64(len(s)) > math.MaxInt32 {
		return nil, encodeError("str too long")
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	switch {
	case ascii && len(s) < 256:
		dst = append(dst, typeShortASCII, byte(len(s)))
	case ascii:
		dst = append(dst, typeASCII)
		dst = binary.LittleEndian.AppendUint32(dst, uint32(len(s)))
	default:
		if !py.ValidText(s) {
			return nil, encodeError("cannot serialize str holding invalid utf-8")
		}
		dst = append(dst, typeUnicode)
		dst = binary.LittleEndian.AppendUint32(dst, uint32(len(s)))
	}
	return append(dst, s...), nil
}

// appendLong writes 'l': the signed digit count, then |v| in 15-bit
// digits, least significant first.
func appendLong(dst []byte, v *big.Int) []byte {
	abs := new(big.Int).Abs(v)
	words := abs.Bits()
	nbits := abs.BitLen()
	n := (nbits + longShift - 1) / longShift
	count := int32(n)
	if v.Sign() < 0 {
		count = -count
	}
	dst = append(dst, typeLong)
	dst = binary.LittleEndian.AppendUint32(dst, uint32(count))
	const wordBits = 32 << (^big.Word(0) >> 63)
	for i := 0; i < n; i++ {
		var digit uint
		for j := 0; j < longShift; j++ {
			bit := i*longShift + j
			if bit >= nbits {
				break
			}
			w := words[bit/wordBits]
			digit |= uint(w>>(uint(bit)%wordBits)&1) << j
		}
		dst = binary.LittleEndian.AppendUint16(dst, uint16(digit))
	}
	return dst
}
