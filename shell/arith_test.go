package shell

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pylit"
	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

// TestOperatorsAgreeWithPython computes each case with binaryOp and with
// /usr/bin/python3, and compares the reprs. A negative base to a
// fractional power goes through cos and sin, where Go's math and the C
// library may differ in the last digit: no such case is here.
func TestOperatorsAgreeWithPython(t *testing.T) {
	cases := []struct{ a, op, b string }{
		{"7", "+", "5"}, {"7", "-", "50"}, {"9223372036854775807", "+", "1"}, {"-9223372036854775808", "-", "1"},
		{"2", "**", "100"}, {"2", "**", "-2"}, {"-8", "//", "3"}, {"8", "//", "-3"}, {"-8", "%", "3"}, {"8", "%", "-3"},
		{"7", "/", "2"}, {"1", "/", "3"}, {"10**30", "/", "7"}, {"-7.5", "//", "2"}, {"7.5", "%", "-2"}, {"-0.0", "%", "5"},
		{"1.5", "*", "4"}, {"2", "**", "0.5"}, {"1e308", "*", "10"}, {"True", "+", "True"},
		{"(1+2j)", "*", "(3-1j)"}, {"(1+2j)", "/", "2"}, {"2", "**", "(1+1j)"}, {"3", "+", "0.5j"},
		{"6", "&", "3"}, {"6", "|", "3"}, {"6", "^", "3"}, {"-5", ">>", "1"}, {"5", ">>", "100"}, {"-5", ">>", "100"}, {"3", "<<", "70"},
		{"'ab'", "+", "'cd'"}, {"'ab'", "*", "3"}, {"3", "*", "'ab'"}, {"'ab'", "*", "-1"}, {"b'a'", "+", "b'\\x00'"}, {"b'ab'", "*", "2"},
		{"[1, 2]", "+", "[3]"}, {"[1]", "*", "3"}, {"(1,)", "+", "(2, 3)"}, {"(1, 2)", "*", "2"},
		{"{1, 2}", "|", "{2, 3}"}, {"{1, 2}", "&", "{2, 3}"}, {"{1, 2}", "-", "{2, 3}"}, {"{1, 2}", "^", "{2, 3}"},
		{"frozenset({1})", "|", "{2}"}, {"{'a': 1}", "|", "{'b': 2, 'a': 3}"},
	}
	exprs := make([]string, len(cases))
	for i, c := range cases {
		exprs[i] = "(" + c.a + ") " + c.op + " (" + c.b + ")"
	}
	want := pyrotest.PyRepr(t, exprs...)
	for i, c := range cases {
		a, b := literal(t, c.a), literal(t, c.b)
		v, err := binaryOp(c.op, a, b)
		if err != nil {
			t.Errorf("%s: %v, Python gives %s", exprs[i], err, want[i])
			continue
		}
		if got := py.Repr(v); got != want[i] {
			t.Errorf("%s = %s, Python gives %s", exprs[i], got, want[i])
		}
	}
}

// literal reads a case operand; 10**30 is computed by binaryOp.
func literal(t *testing.T, src string) py.Value {
	t.Helper()
	switch src {
	case "10**30":
		v, _ := binaryOp("**", py.Int(10), py.Int(30))
		return v
	}
	v, err := pylit.ParseLiteral(src)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	return v
}

// TestSlicesAgreeWithPython compares sliceOf with Python's slicing.
func TestSlicesAgreeWithPython(t *testing.T) {
	seqs := []string{"[0, 1, 2, 3, 4, 5]", "'héllo wörld'", "b'abcdef'", "(1, 2, 3)", "[]"}
	bounds := [][3]string{
		{"None", "None", "None"}, {"1", "3", "None"}, {"-2", "None", "None"}, {"None", "-1", "2"}, {"None", "None", "-1"},
		{"4", "1", "-1"}, {"-100", "100", "None"}, {"100", "-100", "-2"}, {"5", "2", "None"}, {"None", "None", "3"}, {"-1", "-7", "-3"},
	}
	var exprs []string
	type sl struct{ v, lo, hi, step py.Value }
	var ours []sl
	for _, s := range seqs {
		for _, b := range bounds {
			exprs = append(exprs, s+"["+b[0]+":"+b[1]+":"+b[2]+"]")
			ours = append(ours, sl{literal(t, s), literal(t, b[0]), literal(t, b[1]), literal(t, b[2])})
		}
	}
	want := pyrotest.PyRepr(t, exprs...)
	for i, o := range ours {
		v, err := sliceOf(o.v, o.lo, o.hi, o.step)
		if err != nil {
			t.Errorf("%s: %v", exprs[i], err)
			continue
		}
		if got := py.Repr(v); got != want[i] {
			t.Errorf("%s = %s, Python gives %s", exprs[i], got, want[i])
		}
	}
}
