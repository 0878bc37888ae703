package serpent

import (
	"encoding/base64"
	"math"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// Encode appends the header and v as serpent.dumps writes them.
func (Codec) Encode(dst []byte, v py.Value) ([]byte, error) {
	dst = append(dst, Header...)
	return encode(dst, v, 0)
}

func encodeError(msg string) error {
	return &codec.Error{Codec: "serpent", Op: "encode", Offset: -1, Msg: msg}
}

func encode(dst []byte, v py.Value, depth int) ([]byte, error) {
	if depth > codec.MaxDepth {
		return dst, encodeError("nesting deeper than 512 levels")
	}
	var err error
	switch x := v.(type) {
	case nil, py.NoneType, py.Bool, py.Int, *py.BigInt, py.Str:
		return py.AppendRepr(dst, v), nil
	case py.Float:
		return appendFloat(dst, float64(x)), nil
	case py.Complex:
		// serpent writes both parts as floats; a negative imaginary part
		// brings its own sign, so -0.0 gives "+-0.0j" as in serpent.
		dst = append(dst, '(')
		dst = appendFloat(dst, real(x))
		if imag(x) >= 0 {
			dst = append(dst, '+')
		}
		dst = appendFloat(dst, imag(x))
		return append(dst, "j)"...), nil
	case py.Bytes:
		// repr() of the dict, hence the spaces serpent has nowhere else.
		dst = append(dst, "{'data': '"...)
		dst = base64.StdEncoding.AppendEncode(dst, x)
		return append(dst, "', 'encoding': 'base64'}"...), nil
	case py.Tuple:
		dst = append(dst, '(')
		if dst, err = encodeItems(dst, x, depth); err != nil {
			return dst, err
		}
		if len(x) == 1 {
			dst = append(dst, ',')
		}
		return append(dst, ')'), nil
	case py.List:
		dst = append(dst, '[')
		if dst, err = encodeItems(dst, x, depth); err != nil {
			return dst, err
		}
		return append(dst, ']'), nil
	case *py.Dict:
		return encodeDict(dst, x, depth)
	case *py.Set:
		return encodeSet(dst, x.Items, depth)
	case *py.FrozenSet:
		return encodeSet(dst, x.Items, depth)
	case *py.Exception:
		return encodeDict(dst, codec.ExceptionDict(x), depth)
	}
	return dst, encodeError("cannot serialize a value of type " + py.TypeName(v))
}

// appendFloat writes a float as serpent does: repr(), except that inf
// overflows a literal and nan needs a class dict.
func appendFloat(dst []byte, f float64) []byte {
	switch {
	case math.IsNaN(f):
		return append(dst, "{'__class__':'float','value':'nan'}"...)
	case math.IsInf(f, 1):
		return append(dst, "1e30000"...)
	case math.IsInf(f, -1):
		return append(dst, "-1e30000"...)
	}
	return py.AppendFloat(dst, f)
}

func encodeItems(dst []byte, items []py.Value, depth int) ([]byte, error) {
	var err error
	for i, v := range items {
		if i > 0 {
			dst = append(dst, ',')
		}
		if dst, err = encode(dst, v, depth+1); err != nil {
			return dst, err
		}
	}
	return dst, nil
}

// checkKey mirrors serpent's _check_hashable_type: dict keys and set
// elements must be bool, bytes, str, tuple or a number.
func checkKey(k py.Value) error {
	switch k.(type) {
	case py.Bool, py.Bytes, py.Str, py.Tuple, py.Int, *py.BigInt, py.Float, py.Complex:
		return nil
	}
	return encodeError("dict key or set element of type '" + py.TypeName(k) + "' is not serializable")
}

func encodeDict(dst []byte, d *py.Dict, depth int) ([]byte, error) {
	var err error
	dst = append(dst, '{')
	for i, it := range d.Items() {
		if i > 0 {
			dst = append(dst, ',')
		}
		if err := checkKey(it.Key); err != nil {
			return dst, err
		}
		if dst, err = encode(dst, it.Key, depth+1); err != nil {
			return dst, err
		}
		dst = append(dst, ':')
		if dst, err = encode(dst, it.Value, depth+1); err != nil {
			return dst, err
		}
	}
	return append(dst, '}'), nil
}

func encodeSet(dst []byte, items []py.Value, depth int) ([]byte, error) {
	if len(items) == 0 {
		return append(dst, "()"...), nil // there is no empty set literal
	}
	for _, v := range items {
		if err := checkKey(v); err != nil {
			return dst, err
		}
	}
	dst = append(dst, '{')
	dst, err := encodeItems(dst, items, depth)
	if err != nil {
		return dst, err
	}
	return append(dst, '}'), nil
}
