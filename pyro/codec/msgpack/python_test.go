package msgpack

import (
	"bytes"
	"encoding/hex"
	"math"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// pythonScript loads each hex payload as Pyro4's msgpack serializer does
// for a result (raw=False, its ext_hook, no class recreation) and dumps
// each expression with Pyro4's MsgpackSerializer, in one process.
const pythonScript = `
import sys, json, binascii, datetime
import msgpack
import Pyro4.util
ser = Pyro4.util.MsgpackSerializer()
def load(b):
    return msgpack.unpackb(b, raw=False, ext_hook=ser.ext_hook)
req = json.load(sys.stdin)
out = {"loaded": [], "dumped": []}
for h in req["encoded"]:
    try:
        out["loaded"].append(repr(load(binascii.unhexlify(h))))
    except Exception as e:
        out["loaded"].append("ERROR " + type(e).__name__ + ": " + str(e))
for x in req["exprs"]:
    b = ser.dumps(eval(x))
    out["dumped"].append({"hex": b.hex(), "repr": repr(msgpack.unpackb(b, raw=False, ext_hook=ser.ext_hook, strict_map_key=False, use_list=True))})
json.dump(out, sys.stdout)
`

// TestPythonLoadsWhatWeEncode encodes a table of values and checks that
// Pyro4's msgpack loading reads each as the value we meant.
func TestPythonLoadsWhatWeEncode(t *testing.T) {
	tests := []struct {
		v    py.Value
		want string // "" means py.Repr(v)
	}{
		{py.None, ""}, {py.Bool(true), ""}, {py.Bool(false), ""},
		{py.Int(0), ""}, {py.Int(-32), ""}, {py.Int(-33), ""}, {py.Int(127), ""}, {py.Int(128), ""}, {py.Int(255), ""}, {py.Int(256), ""},
		{py.Int(-129), ""}, {py.Int(65536), ""}, {py.Int(-32769), ""}, {py.Int(1 << 32), ""}, {py.Int(math.MinInt32 - 1), ""},
		{py.Int(math.MaxInt64), ""}, {py.Int(math.MinInt64), ""},
		{codectest.BigInt("18446744073709551615"), ""}, {codectest.BigInt("18446744073709551616"), ""}, {codectest.BigInt("-1267650600228229401496703205376"), ""},
		{py.Float(1.5), ""}, {py.Float(0.1), ""}, {py.Float(5e-324), ""}, {py.Float(math.Copysign(0, -1)), ""},
		{py.Float(math.NaN()), ""}, {py.Float(math.Inf(-1)), ""},
		{py.Complex(1 + 2i), ""}, {py.Complex(complex(-1.5, -0.25)), ""},
		{Datetime{1704164645.6789}, ""}, {Datetime{0}, ""}, {Date{738887}, ""}, {Date{1}, ""},
		{py.Str(""), ""}, {py.Str(strings.Repeat("x", 31)), ""}, {py.Str(strings.Repeat("y", 32)), ""}, {py.Str(strings.Repeat("z", 300)), ""},
		{py.Str(strings.Repeat("w", 70000)), ""}, {py.Str("é€😀 ñ 中 \u2028\x00"), ""},
		{py.Bytes{}, ""}, {py.Bytes("\x00\x01\xffbinary"), ""}, {py.Bytes(strings.Repeat("b", 300)), ""},
		{py.Tuple{py.Int(1), py.Str("a")}, "[1, 'a']"}, {py.List{py.Int(1), py.List{py.Str("x")}}, ""}, {make(py.List, 20), "[" + strings.Repeat("None, ", 19) + "None]"},
		{&py.Set{Items: []py.Value{py.Int(1)}}, "[1]"}, {&py.FrozenSet{Items: []py.Value{py.Str("a")}}, "['a']"},
		{py.DictOf(py.Str("b"), py.Int(1), py.Bytes("k"), py.List{}), ""}, {py.NewDict(0), ""},
		{&py.Exception{Class: "builtins.ValueError", Args: py.Tuple{py.Str("bad"), py.Int(1)},
			Attrs: py.DictOf(py.Str("code"), py.Int(7)), Traceback: []string{"Traceback (most recent call last):\n", "ValueError: bad\n"}},
			"{'__class__': 'builtins.ValueError', '__exception__': True, 'args': ['bad', 1], 'attributes': {'code': 7, '_pyroTraceback': ['Traceback (most recent call last):\\n', 'ValueError: bad\\n']}}"},
	}
	big := py.NewDict(20)
	for i := range 20 {
		big.SetStr(strings.Repeat("k", i+1), py.Int(i))
	}
	tests = append(tests, struct {
		v    py.Value
		want string
	}{big, ""})
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
		if !codectest.SameRepr(r.Loaded[i], want) {
			t.Errorf("%.80s encoded as % .40x: python loads %.80s", want, encoded[i], r.Loaded[i])
		}
	}
}

// TestWeDecodeWhatPythonDumps has Pyro4 dump a table of Python values and
// checks we decode each to what Python loads, byte-exact on re-encoding.
func TestWeDecodeWhatPythonDumps(t *testing.T) {
	exprs := []string{
		"None", "True", "0", "-1", "-33", "2**31", "-2**31-1", "2**63-1", "-2**63", "2**64-1", "2**64", "-(2**100)", "10**400",
		"1.0", "-0.0", "0.1", "1e22", "5e-324", "float('nan')", "float('inf')", "complex(1, -0.5)",
		"datetime.datetime(2024, 1, 2, 3, 4, 5, 678900)", "datetime.datetime(2000, 2, 29, 23, 59)", "datetime.datetime(1969, 12, 31, 23, 59, 59, 999999)",
		"datetime.date(2024, 1, 2)", "datetime.date(1, 1, 1)", "datetime.date(9999, 12, 31)",
		"''", "'a' * 300", "'é' * 70000", "'\\x00\\x80\\u2028\\U0010ffff'", "b'\\x00\\xff'", "bytearray(b'ab')", "b'x' * 70000",
		"(1, 2.5, 'x')", "tuple(range(300))", "list(range(70000))", "[[], [[]], {}]", "{'a': {'b': [None]}}", "{1: 2, None: 5, 2.5: 'f'}",
		"{3, 1, 2}", "{'k%d' % i: i for i in range(20)}", "ValueError('as a value', 1)",
	}
	r := codectest.RoundTripPython(t, pythonScript, nil, exprs)
	var c Codec
	for i, d := range r.Dumped {
		data, _ := hex.DecodeString(d.Hex)
		v, err := c.Decode(data)
		if err != nil {
			t.Errorf("%s dumped as % .40x: %v", exprs[i], data, err)
			continue
		}
		if got := py.Repr(v); !codectest.SameRepr(got, d.Repr) {
			t.Errorf("%s dumped as % .40x: got %.200s, python %.200s", exprs[i], data, got, d.Repr)
		}
		if enc, err := c.Encode(nil, v); err != nil || !bytes.Equal(enc, data) {
			t.Errorf("%s: re-encoded % .40x (%v), python % .40x", exprs[i], enc, err, data)
		}
	}
}
