package demo

import (
	"math"
	"math/big"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// allTypes is what Showcase.types() returns: one entry per kind of value
// the shell has to print and the serializers have to carry.
func allTypes() *py.Dict {
	bigInt := new(big.Int).Lsh(big.NewInt(1), 70) // 2**70
	s := func(v string) py.Value { return py.Str(v) }
	intKeys := py.DictOf(py.Int(1), s("one"), py.Int(2), s("two"))
	tupleKeys := py.DictOf(py.Tuple{py.Int(1), py.Int(2)}, s("pair"))
	return py.DictOf(
		s("none"), py.None,
		s("true"), py.Bool(true),
		s("false"), py.Bool(false),
		s("int"), py.Int(42),
		s("big_int"), py.NewBigInt(bigInt),
		s("float"), py.Float(3.25),
		s("negative_zero"), py.Float(math.Copysign(0, -1)),
		s("nan"), py.Float(math.NaN()),
		s("inf"), py.Float(math.Inf(1)),
		s("complex"), py.Complex(complex(1, -2.5)),
		s("str"), s("tab\there, newline\nquote' \"dq\" backslash\\ é€😀 nul\x00"),
		s("bytes"), py.Bytes("\x00\xffab"),
		s("tuple"), py.Tuple{py.Int(1), s("two"), py.Float(3.0)},
		s("one_tuple"), py.Tuple{py.Int(1)},
		s("empty_tuple"), py.Tuple{},
		s("list"), py.List{py.Int(1), py.List{py.Int(2), py.Int(3)}, py.Tuple{}},
		s("dict"), py.DictOf(s("ints"), intKeys, s("tuples"), tupleKeys, s("empty"), py.NewDict(0)),
		s("set"), &py.Set{Items: []py.Value{py.Int(1), py.Int(2), py.Int(3)}},
		s("frozenset"), &py.FrozenSet{Items: []py.Value{s("x"), s("y")}},
	)
}
