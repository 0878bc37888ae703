package json

import (
	"bytes"
	"encoding/hex"
	"math"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// pythonScript loads each hex payload with Python's json module and dumps
// each expression with Pyro4's JsonSerializer, in one process.
const pythonScript = `
import sys, json, math, binascii
import Pyro4.util
ser = Pyro4.util.JsonSerializer()
req = json.load(sys.stdin)
out = {"loaded": [], "dumped": []}
for h in req["encoded"]:
    try:
        out["loaded"].append(repr(json.loads(binascii.unhexlify(h).decode("utf-8"))))
    except Exception as e:
        out["loaded"].append("ERROR " + type(e).__name__ + ": " + str(e))
for x in req["exprs"]:
    b = ser.dumps(eval(x))
    out["dumped"].append({"hex": b.hex(), "repr": repr(json.loads(b.decode("utf-8")))})
json.dump(out, sys.stdout)
`

// TestPythonLoadsWhatWeEncode encodes a table of values and checks that
// Python's json.loads reads each as the value we meant.
func TestPythonLoadsWhatWeEncode(t *testing.T) {
	tests := []struct {
		v    py.Value
		want string // repr after json.loads; "" means py.Repr(v)
	}{
		{py.None, ""}, {py.Bool(true), ""}, {py.Bool(false), ""},
		{py.Int(0), ""}, {py.Int(-7), ""}, {py.Int(math.MaxInt64), ""}, {py.Int(math.MinInt64), ""},
		{codectest.BigInt("18446744073709551615"), ""}, {codectest.BigInt("-1267650600228229401496703205376"), ""},
		{py.Float(1.5), ""}, {py.Float(0.1), ""}, {py.Float(1e22), ""}, {py.Float(1e-7), ""},
		{py.Float(5e-324), ""}, {py.Float(math.Copysign(0, -1)), ""}, {py.Float(1e16), ""},
		{py.Float(math.NaN()), ""}, {py.Float(math.Inf(1)), ""}, {py.Float(math.Inf(-1)), ""},
		{py.Str(""), ""}, {py.Str("it's \"q\" \\ \n\r\t\b\f \x00\x1f\x7f"), ""},
		{py.Str("é€😀 ñ 中 \u2028\u00ad\ufeff"), ""},
		{py.Tuple{}, "[]"}, {py.Tuple{py.Int(1)}, "[1]"}, {py.List{py.Int(1), py.List{py.Str("x")}}, ""},
		{&py.Set{Items: []py.Value{py.Int(1), py.Int(2)}}, "[1, 2]"},
		{&py.FrozenSet{Items: []py.Value{py.Str("a")}}, "['a']"},
		{py.DictOf(py.Str("b"), py.Int(1), py.Str("a"), py.Tuple{py.Int(2)}), "{'b': 1, 'a': [2]}"},
		{py.DictOf(py.Int(1), py.Str("i"), py.Float(2.5), py.Str("f"), py.Bool(false), py.Str("t"),
			py.None, py.Str("n"), codectest.BigInt("100000000000000000000"), py.Str("b"), py.Float(math.Inf(1)), py.Str("inf")),
			"{'1': 'i', '2.5': 'f', 'false': 't', 'null': 'n', '100000000000000000000': 'b', 'Infinity': 'inf'}"},
		{py.NewDict(0), ""},
		{&py.Exception{Class: "builtins.ValueError", Args: py.Tuple{py.Str("bad"), py.Int(1)},
			Attrs: py.DictOf(py.Str("code"), py.Int(7)), Traceback: []string{"Traceback (most recent call last):\n", "ValueError: bad\n"}},
			"{'__class__': 'builtins.ValueError', '__exception__': True, 'args': ['bad', 1], 'attributes': {'code': 7, '_pyroTraceback': ['Traceback (most recent call last):\\n', 'ValueError: bad\\n']}}"},
	}
	var c Codec
	var encoded [][]byte
	for _, tt := range tests {
		b, err := c.Encode(nil, tt.v)
		if err != nil {
			t.Fatalf("encode %s: %v", py.Repr(tt.v), err)
		}
		encoded = append(encoded, b)
	}
	r := codectest.RoundTripPython(t, pythonScript, encoded, nil)
	for i, tt := range tests {
		want := tt.want
		if want == "" {
			want = py.Repr(tt.v)
		}
		if r.Loaded[i] != want {
			t.Errorf("%s encoded as %s: python loads %s, want %s", py.Repr(tt.v), encoded[i], r.Loaded[i], want)
		}
	}
}

// TestWeDecodeWhatPythonDumps has Pyro4 dump a table of Python values and
// checks we decode each to what json.loads gives, byte-exact on re-encoding.
func TestWeDecodeWhatPythonDumps(t *testing.T) {
	exprs := []string{
		"None", "True", "0", "-1", "2**63-1", "-2**63", "2**64", "-(2**100)", "10**400",
		"1.0", "-0.0", "0.1", "1/3", "1e16", "1e22", "1e-5", "1e-7", "5e-324", "1.7976931348623157e308",
		"float('nan')", "float('inf')", "-float('inf')",
		"''", "'a\"b\\'c\\\\'", "'\\x00\\x01\\x1f\\x7f\\x80'", "'é€😀\\u2028\\ud7ff\\U0010ffff'",
		"(1, 2.5, 'x')", "[[], [[]], {}]", "{'a': {'b': [None]}}", "{1: 2, 2.5: 3, True: 4, None: 5}",
		"{3, 1, 2}", "list(range(50))", "{'k%d' % i: i for i in range(20)}",
		"ValueError('as a value', 1)",
	}
	r := codectest.RoundTripPython(t, pythonScript, nil, exprs)
	var c Codec
	for i, d := range r.Dumped {
		data, _ := hex.DecodeString(d.Hex)
		v, err := c.Decode(data)
		if err != nil {
			t.Errorf("%s dumped as %s: %v", exprs[i], data, err)
			continue
		}
		if got := py.Repr(v); got != d.Repr {
			t.Errorf("%s dumped as %s: got %s, python %s", exprs[i], data, got, d.Repr)
		}
		if enc, err := c.Encode(nil, v); err != nil || !bytes.Equal(enc, data) {
			t.Errorf("%s: re-encoded %s (%v), python %s", exprs[i], enc, err, data)
		}
	}
}

// TestEncodeRefusesWhatJSONCannotCarry checks the error side: what Pyro4's json
// serializer cannot send we refuse with the type named.
func TestEncodeRefusesWhatJSONCannotCarry(t *testing.T) {
	tests := []struct {
		v    py.Value
		want string
	}{
		{py.Bytes("x"), "json encode: cannot serialize bytes"},
		{py.Complex(1 + 2i), "json encode: cannot serialize complex"},
		{py.List{py.Int(1), py.Bytes{}}, "json encode: cannot serialize bytes"},
		{py.DictOf(py.Tuple{py.Int(1)}, py.Int(1)), "json encode: keys must be str, int, float, bool or None, not tuple"},
		{py.Str("\xff"), "json encode: cannot serialize str holding invalid utf-8"},
	}
	var c Codec
	for _, tt := range tests {
		_, err := c.Encode(nil, tt.v)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Encode(%s) error %v, want %q", py.Repr(tt.v), err, tt.want)
		}
	}
	deep := py.Value(py.Int(1))
	for range 600 {
		deep = py.List{deep}
	}
	if _, err := c.Encode(nil, deep); err == nil || !strings.Contains(err.Error(), "nesting deeper than 512") {
		t.Errorf("Encode(deep) error %v", err)
	}
}
