package marshal

import (
	"encoding/hex"
	"math"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// pythonScript loads each hex payload with Python's marshal module and
// dumps each expression with Pyro4's MarshalSerializer, in one process.
const pythonScript = `
import sys, json, marshal, binascii
import Pyro4.util
ser = Pyro4.util.MarshalSerializer()
req = json.load(sys.stdin)
out = {"loaded": [], "dumped": []}
for h in req["encoded"]:
    try:
        out["loaded"].append(repr(marshal.loads(binascii.unhexlify(h))))
    except Exception as e:
        out["loaded"].append("ERROR " + type(e).__name__ + ": " + str(e))
for x in req["exprs"]:
    b = ser.dumps(eval(x))
    out["dumped"].append({"hex": b.hex(), "repr": repr(marshal.loads(b))})
json.dump(out, sys.stdout)
`

// TestPythonLoadsWhatWeEncode encodes a table of values and checks that
// CPython's marshal.loads reads each as the value we meant.
func TestPythonLoadsWhatWeEncode(t *testing.T) {
	long := strings.Repeat("x", 300)
	big := make(py.Tuple, 300)
	for i := range big {
		big[i] = py.Int(i)
	}
	tests := []py.Value{
		py.None, py.Bool(true), py.Bool(false),
		py.Int(0), py.Int(-7), py.Int(math.MaxInt32), py.Int(math.MinInt32), py.Int(math.MaxInt32 + 1), py.Int(math.MinInt32 - 1),
		py.Int(1 << 45), py.Int(1<<60 - 1), py.Int(1 << 60), py.Int(math.MaxInt64), py.Int(math.MinInt64),
		codectest.BigInt("18446744073709551615"), codectest.BigInt("-1267650600228229401496703205376"), codectest.BigInt("1" + strings.Repeat("0", 500)),
		py.Float(1.5), py.Float(0.1), py.Float(5e-324), py.Float(math.Copysign(0, -1)),
		py.Float(math.NaN()), py.Float(math.Inf(1)), py.Float(math.Inf(-1)),
		py.Complex(1 + 2i), py.Complex(complex(-1.5, -0.25)),
		py.Str(""), py.Str("hello"), py.Str(long), py.Str("é€😀 ñ 中 \u2028\x00"), py.Str("é" + long),
		py.Bytes{}, py.Bytes("\x00\x01\xffbinary"),
		py.Tuple{}, py.Tuple{py.Int(1)}, py.Tuple{py.Int(1), py.Str("a"), py.None}, big,
		py.List{py.Int(1), py.List{py.Str("x")}}, py.List{},
		&py.Set{Items: []py.Value{py.Int(1)}}, &py.Set{}, &py.FrozenSet{Items: []py.Value{py.Str("a")}}, &py.FrozenSet{},
		py.DictOf(py.Str("b"), py.Int(1), py.Int(2), py.Tuple{py.Int(2)}, py.Tuple{py.Int(1), py.Int(2)}, py.Str("t"), py.None, py.Float(2.5)),
		py.NewDict(0),
		&py.Exception{Class: "builtins.ValueError", Args: py.Tuple{py.Str("bad"), py.Int(1)},
			Attrs: py.DictOf(py.Str("code"), py.Int(7)), Traceback: []string{"Traceback (most recent call last):\n", "ValueError: bad\n"}},
	}
	want := map[int]string{
		len(tests) - 1: "{'__class__': 'builtins.ValueError', '__exception__': True, 'args': ('bad', 1), 'attributes': {'code': 7, '_pyroTraceback': ['Traceback (most recent call last):\\n', 'ValueError: bad\\n']}}",
	}
	var c Codec
	var encoded [][]byte
	for _, v := range tests {
		b, err := c.Encode(nil, v)
		if err != nil {
			t.Fatalf("encode %s: %v", py.Repr(v), err)
		}
		encoded = append(encoded, b)
	}
	r := codectest.RoundTripPython(t, pythonScript, encoded, nil)
	for i, v := range tests {
		w, ok := want[i]
		if !ok {
			w = py.Repr(v)
		}
		if !sameRepr(r.Loaded[i], w) {
			t.Errorf("%.80s encoded as % .40x: python loads %.80s", w, encoded[i], r.Loaded[i])
		}
	}
}

// TestWeDecodeWhatPythonDumps has Pyro4 dump a table of Python values
// (CPython writes references for repeated objects) and checks we decode
// each to what marshal.loads gives.
func TestWeDecodeWhatPythonDumps(t *testing.T) {
	exprs := []string{
		"None", "True", "0", "-1", "2**31", "-2**31-1", "2**63-1", "-2**63", "2**64", "-(2**100)", "10**400",
		"1.0", "-0.0", "0.1", "1e22", "5e-324", "float('nan')", "float('inf')", "complex(1, -0.5)",
		"''", "'a' * 300", "'é' * 300", "'\\x00\\x80\\u2028\\U0010ffff'", "b'\\x00\\xff'", "bytearray(b'ab')",
		"(1, 2.5, 'x')", "tuple(range(300))", "[[], [[]], {}]", "{'a': {'b': [None]}}", "{1: 2, 2.5: 3, (1, 'k'): 4, None: 5}",
		"{3, 1, 2}", "frozenset({'x'})", "list(range(50))", "{'k%d' % i: i for i in range(20)}",
		"(lambda s: [s, s, (s, s), {s: s}])('shared string')", "(lambda t: [t, t, [t]])((1, 2, 'x'))",
		"(lambda l: [l, l])([1, 2])", "[2**70] * 3", "ValueError('as a value', 1)", "[1.5] * 4",
	}
	r := codectest.RoundTripPython(t, pythonScript, nil, exprs)
	var c Codec
	for i, d := range r.Dumped {
		data, _ := hex.DecodeString(d.Hex)
		v, err := c.Decode(data)
		if err != nil {
			t.Errorf("%s dumped as % x: %v", exprs[i], data, err)
			continue
		}
		if got := py.Repr(v); !sameRepr(got, d.Repr) {
			t.Errorf("%s dumped as % x: got %.200s, python %.200s", exprs[i], data, got, d.Repr)
		}
	}
}
