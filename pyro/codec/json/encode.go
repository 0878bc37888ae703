package json

import (
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

func encodeError(msg string) error {
	return &codec.Error{Codec: "json", Op: "encode", Offset: -1, Msg: msg}
}

func cannot(v py.Value) error {
	return encodeError("cannot serialize " + py.TypeName(v))
}

func appendValue(dst []byte, v py.Value, depth int) ([]byte, error) {
	switch x := v.(type) {
	case nil, py.NoneType:
		return append(dst, "null"...), nil
	case py.Bool:
		if x {
			return append(dst, "true"...), nil
		}
		return append(dst, "false"...), nil
	case py.Int:
		return strconv.AppendInt(dst, int64(x), 10), nil
	case *py.BigInt:
		return x.V.Append(dst, 10), nil
	case py.Float:
		return appendFloat(dst, float64(x)), nil
	case py.Str:
		if !utf8.ValidString(string(x)) {
			return nil, encodeError("cannot serialize str holding invalid utf-8")
		}
		return appendString(dst, string(x)), nil
	}
	if depth >= codec.MaxDepth {
		return nil, encodeError("nesting deeper than " + strconv.Itoa(codec.MaxDepth))
	}
	switch x := v.(type) {
	case py.List:
		return appendSeq(dst, x, depth+1)
	case py.Tuple:
		return appendSeq(dst, x, depth+1)
	case *py.Set:
		return appendSeq(dst, x.Items, depth+1)
	case *py.FrozenSet:
		return appendSeq(dst, x.Items, depth+1)
	case *py.Dict:
		return appendDict(dst, x, depth+1)
	case *py.Exception:
		return appendValue(dst, codec.ExceptionDict(x), depth)
	}
	return nil, cannot(v)
}

func appendSeq(dst []byte, items []py.Value, depth int) ([]byte, error) {
	dst = append(dst, '[')
	var err error
	for i, it := range items {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		if dst, err = appendValue(dst, it, depth); err != nil {
			return nil, err
		}
	}
	return append(dst, ']'), nil
}

func appendDict(dst []byte, d *py.Dict, depth int) ([]byte, error) {
	dst = append(dst, '{')
	var err error
	for i, it := range d.Items() {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		if dst, err = appendKey(dst, it.Key); err != nil {
			return nil, err
		}
		dst = append(dst, ": "...)
		if dst, err = appendValue(dst, it.Value, depth); err != nil {
			return nil, err
		}
	}
	return append(dst, '}'), nil
}

// appendKey writes a dict key as json.dumps does: str as is, float, bool,
// None and int as their JSON text in quotes, anything else an error.
func appendKey(dst []byte, k py.Value) ([]byte, error) {
	switch x := k.(type) {
	case py.Str:
		if !utf8.ValidString(string(x)) {
			return nil, encodeError("cannot serialize str holding invalid utf-8")
		}
		return appendString(dst, string(x)), nil
	case py.Float, py.Bool, py.NoneType, nil, py.Int, *py.BigInt:
		dst = append(dst, '"')
		dst, _ = appendValue(dst, k, 0)
		return append(dst, '"'), nil
	}
	return nil, encodeError("keys must be str, int, float, bool or None, not " + py.TypeName(k))
}

// appendFloat writes float.__repr__, with Python json's NaN and Infinity.
func appendFloat(dst []byte, f float64) []byte {
	switch {
	case math.IsNaN(f):
		return append(dst, "NaN"...)
	case math.IsInf(f, 1):
		return append(dst, "Infinity"...)
	case math.IsInf(f, -1):
		return append(dst, "-Infinity"...)
	}
	return py.AppendFloat(dst, f)
}

const hexDigits = "0123456789abcdef"

// appendString quotes s as json.dumps(ensure_ascii=False): only '"', '\\'
// and control characters below 0x20 are escaped; the rest stays raw UTF-8.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		case '\b':
			dst = append(dst, '\\', 'b')
		case '\f':
			dst = append(dst, '\\', 'f')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
		}
		start = i + 1
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
