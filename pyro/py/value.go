package py

import (
	"math"
	"math/big"
)

// Value is any Python value. AppendRepr appends exactly what Python's
// repr() prints for it.
type Value interface {
	AppendRepr(dst []byte) []byte
}

// Repr returns Python's repr() of v; a nil Value prints as None.
func Repr(v Value) string {
	return string(AppendRepr(nil, v))
}

// AppendRepr appends Python's repr() of v to dst; a nil Value is None.
func AppendRepr(dst []byte, v Value) []byte {
	if v == nil {
		return append(dst, "None"...)
	}
	return v.AppendRepr(dst)
}

// NoneType is the type of None.
type NoneType struct{}

// None is Python's None.
var None Value = NoneType{}

// AppendRepr implements Value.
func (NoneType) AppendRepr(dst []byte) []byte { return append(dst, "None"...) }

// Bool is a Python bool.
type Bool bool

// AppendRepr implements Value.
func (b Bool) AppendRepr(dst []byte) []byte {
	if b {
		return append(dst, "True"...)
	}
	return append(dst, "False"...)
}

// Int is a Python int that fits in 64 bits; larger ints are *BigInt.
// Use NewBigInt to get the smallest representation of a big.Int.
type Int int64

// AppendRepr implements Value.
func (i Int) AppendRepr(dst []byte) []byte {
	return appendInt(dst, int64(i))
}

// BigInt is a Python int outside the int64 range. Its value must not be
// mutated once wrapped.
type BigInt struct{ V *big.Int }

// NewBigInt returns Int when b fits in int64 and *BigInt otherwise.
func NewBigInt(b *big.Int) Value {
	if b.IsInt64() {
		return Int(b.Int64())
	}
	return &BigInt{V: b}
}

// AppendRepr implements Value.
func (b *BigInt) AppendRepr(dst []byte) []byte { return b.V.Append(dst, 10) }

// Float is a Python float.
type Float float64

// AppendRepr implements Value.
func (f Float) AppendRepr(dst []byte) []byte { return AppendFloat(dst, float64(f)) }

// Complex is a Python complex.
type Complex complex128

// AppendRepr implements Value: (1+2j), 2j, (-0-1j), (nan+infj).
func (c Complex) AppendRepr(dst []byte) []byte {
	re, im := real(c), imag(c)
	// Python omits the real part only when it is +0.0.
	if re == 0 && !math.Signbit(re) {
		dst = appendComplexPart(dst, im)
		return append(dst, 'j')
	}
	dst = append(dst, '(')
	dst = appendComplexPart(dst, re)
	if im >= 0 && !math.Signbit(im) || math.IsNaN(im) {
		dst = append(dst, '+')
	}
	dst = appendComplexPart(dst, im)
	return append(dst, "j)"...)
}

// appendComplexPart formats like repr(float) but drops a trailing ".0",
// as Python's complex repr does.
func appendComplexPart(dst []byte, f float64) []byte {
	n := len(dst)
	dst = AppendFloat(dst, f)
	if len(dst)-n >= 2 && dst[len(dst)-2] == '.' && dst[len(dst)-1] == '0' {
		dst = dst[:len(dst)-2]
	}
	return dst
}

// Str is a Python str.
type Str string

// AppendRepr implements Value.
func (s Str) AppendRepr(dst []byte) []byte { return AppendQuoted(dst, string(s)) }

// Bytes is a Python bytes (bytearrays decode to Bytes too).
type Bytes []byte

// AppendRepr implements Value.
func (b Bytes) AppendRepr(dst []byte) []byte { return AppendBytesRepr(dst, b) }

// Tuple is a Python tuple.
type Tuple []Value

// AppendRepr implements Value: (), (1,), (1, 2).
func (t Tuple) AppendRepr(dst []byte) []byte {
	dst = append(dst, '(')
	dst = appendItems(dst, t)
	if len(t) == 1 {
		dst = append(dst, ',')
	}
	return append(dst, ')')
}

// List is a Python list.
type List []Value

// AppendRepr implements Value.
func (l List) AppendRepr(dst []byte) []byte {
	dst = append(dst, '[')
	dst = appendItems(dst, l)
	return append(dst, ']')
}

// Set is a Python set; Items keep the order they arrived in.
type Set struct{ Items []Value }

// AppendRepr implements Value: set() or {1, 2}.
func (s *Set) AppendRepr(dst []byte) []byte {
	if len(s.Items) == 0 {
		return append(dst, "set()"...)
	}
	dst = append(dst, '{')
	dst = appendItems(dst, s.Items)
	return append(dst, '}')
}

// FrozenSet is a Python frozenset.
type FrozenSet struct{ Items []Value }

// AppendRepr implements Value: frozenset() or frozenset({1}).
func (s *FrozenSet) AppendRepr(dst []byte) []byte {
	if len(s.Items) == 0 {
		return append(dst, "frozenset()"...)
	}
	dst = append(dst, "frozenset({"...)
	dst = appendItems(dst, s.Items)
	return append(dst, "})"...)
}

func appendItems(dst []byte, items []Value) []byte {
	for i, v := range items {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		dst = AppendRepr(dst, v)
	}
	return dst
}
