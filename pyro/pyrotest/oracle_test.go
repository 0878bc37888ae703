package pyrotest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPyReprOfTrickyValues(t *testing.T) {
	t.Parallel()
	tests := []struct{ expr, repr string }{
		{"2**100", "1267650600228229401496703205376"},
		{"-0.0", "-0.0"},
		{"float('nan')", "nan"},
		{"-math.inf", "-inf"},
		{"1e16", "1e+16"},
		{"1/3", "0.3333333333333333"},
		{"complex(1, -0.0)", "(1-0j)"},
		{`"it's"`, `"it's"`},
		{`'both \' and "'`, `'both \' and "'`},
		{`'\x00\u2028\U0001F600é'`, `'\x00\u2028😀é'`},
		{`b'\x00\xff"'`, `b'\x00\xff"'`},
		{"(1,)", "(1,)"},
		{"()", "()"},
		{"set()", "set()"},
		{"frozenset({1})", "frozenset({1})"},
		{"{1: 'a', (1, 2): None}", "{1: 'a', (1, 2): None}"},
		{"Decimal('1.10')", "Decimal('1.10')"},
		{"Fraction(1, 3)", "Fraction(1, 3)"},
		{"datetime.datetime(2024, 1, 2, 3, 4, 5)", "datetime.datetime(2024, 1, 2, 3, 4, 5)"},
		{"uuid.UUID(int=1)", "UUID('00000000-0000-0000-0000-000000000001')"},
		{"collections.OrderedDict(a=1)", "OrderedDict([('a', 1)])"},
	}
	exprs := make([]string, len(tests))
	want := make([]string, len(tests))
	for i, tt := range tests {
		exprs[i], want[i] = tt.expr, tt.repr
	}
	if diff := cmp.Diff(want, PyRepr(t, exprs...)); diff != "" {
		t.Errorf("PyRepr mismatch (-want +got):\n%s", diff)
	}
}

func TestPyReprOfNoExpressions(t *testing.T) {
	t.Parallel()
	if got := PyRepr(t); len(got) != 0 {
		t.Errorf("PyRepr() = %q, want nothing", got)
	}
}
