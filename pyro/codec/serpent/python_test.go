package serpent

import (
	"bytes"
	"encoding/hex"
	"math"
	"math/big"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pylit"
	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

// TestEncodeLoadsInPython encodes a table of values and has Python's
// serpent.loads read them back (one process for the table).
func TestEncodeLoadsInPython(t *testing.T) {
	big70, _ := new(big.Int).SetString("1180591620717411303424", 10)
	values := []py.Value{
		py.None, py.Bool(true), py.Int(-7), py.NewBigInt(big70), py.Int(math.MinInt64),
		py.Float(0.1), py.Float(1e22), py.Float(math.Copysign(0, -1)), py.Float(math.Inf(1)), py.Float(math.Inf(-1)),
		py.Complex(complex(1, 2)), py.Complex(complex(-1.5, -0.25)),
		py.Str(""), py.Str("it's"), py.Str("a\"b'c"), py.Str("é€😀\x00\x7f\u2028"), py.Str("\\n"),
		py.Bytes{0, 0xff, 'a'}, py.Bytes{}, py.Tuple{}, py.Tuple{py.Int(1)}, py.List{py.Int(1), py.List{}},
		py.DictOf(py.Str("b"), py.Int(1), py.Str("a"), py.Tuple{py.Int(2)}),
		py.DictOf(py.Int(1), py.Str("a"), py.Tuple{py.Int(1), py.Int(2)}, py.Str("b"), py.Float(2.5), py.None),
		&py.Set{}, &py.Set{Items: []py.Value{py.Int(1), py.Int(2)}}, &py.FrozenSet{Items: []py.Value{py.Int(3)}},
		&py.Exception{Class: "builtins.ValueError", Args: py.Tuple{py.Str("v"), py.Int(1)}},
	}
	exprs := make([]string, 0, 2*len(values))
	var c Codec
	for _, v := range values {
		b, err := c.Encode(nil, v)
		if err != nil {
			t.Fatalf("Encode(%s): %v", py.Repr(v), err)
		}
		exprs = append(exprs, "__import__('serpent').loads(bytes.fromhex('"+hex.EncodeToString(b)+"'))")
	}
	got := pyrotest.PyRepr(t, exprs...)
	for i, v := range values {
		want := py.Repr(rawView(v))
		if _, ok := v.(*py.Exception); ok {
			want = py.Repr(codec.ExceptionDict(v.(*py.Exception)))
		}
		if s, ok := v.(*py.Set); ok && len(s.Items) == 0 {
			want = "()" // no empty set literal
		}
		if s, ok := v.(*py.FrozenSet); ok {
			want = py.Repr(&py.Set{Items: s.Items}) // written as a set literal
		}
		if got[i] != want {
			t.Errorf("python read %s back as %s, want %s", py.Repr(v), got[i], want)
		}
	}
}

// TestDecodePythonDumps has Python's serpent.dumps write a table of values
// and checks our decoding against repr() and our encoding against dumps.
func TestDecodePythonDumps(t *testing.T) {
	table := []string{
		"None", "True", "2**70", "-2**64", "1.0", "0.1", "1e22", "1e-7", "-0.0", "float('inf')", "-float('inf')",
		"1+2j", "complex(0,-1.5)", "''", "\"it's\"", "'a\"b'", "'line\\nbreak\\t\\\\'", "'é€😀'", "'\\x00\\x7f\\x80\\u2028'",
		"b'\\x00\\xffab'", "b''", "()", "(1,)", "(1,2)", "[1,[2]]", "{'b':1,'a':(2,)}", "{1}", "{1:'a',(1,2):'b'}",
		"[{'id': 1, 'name': 'item1', 'score': 0.5, 'tags': ['a', 'b']}]", "{'k': [None, {2: (3.5,)}]}",
	}
	exprs := make([]string, 0, 2*len(table))
	for _, e := range table {
		exprs = append(exprs, e, "__import__('serpent').dumps("+e+").hex()")
	}
	out := pyrotest.PyRepr(t, exprs...)
	var c Codec
	for i, e := range table {
		hexStr, err := pylit.ParseLiteral(out[2*i+1])
		if err != nil {
			t.Fatal(err)
		}
		payload, _ := hex.DecodeString(string(hexStr.(py.Str)))
		v, err := c.Decode(payload)
		if err != nil {
			t.Errorf("%s: decode %q: %v", e, payload, err)
			continue
		}
		if got := py.Repr(v); got != out[2*i] {
			t.Errorf("%s: decoded %s, python repr %s", e, got, out[2*i])
		}
		if enc, err := c.Encode(nil, v); err != nil || !bytes.Equal(enc, payload) {
			t.Errorf("%s: encoded %q, %v; python dumps %q", e, enc, err, payload)
		}
	}
}
