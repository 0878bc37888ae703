package lang

import (
	"errors"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pylit"
)

// show renders a statement as a compact tree for comparisons.
func show(s Stmt) string {
	switch x := s.(type) {
	case *ExprStmt:
		return showExpr(x.X)
	case *Assign:
		return showExpr(x.Target) + " = " + showExpr(x.Value)
	case *AugAssign:
		return showExpr(x.Target) + " " + x.Op + "= " + showExpr(x.Value)
	case *Del:
		var names []string
		for _, n := range x.Names {
			names = append(names, n.Name)
		}
		return "del " + strings.Join(names, ", ")
	}
	return "?"
}

func showExpr(e Expr) string {
	switch x := e.(type) {
	case *Lit:
		return py.Repr(x.Value)
	case *Name:
		return x.Name
	case *Attr:
		return showExpr(x.X) + "." + x.Name
	case *Index:
		return showExpr(x.X) + "[" + showExpr(x.Index) + "]"
	case *Call:
		var parts []string
		for _, a := range x.Args {
			parts = append(parts, showExpr(a))
		}
		for _, k := range x.Kwargs {
			if k.Name == "" {
				parts = append(parts, "**"+showExpr(k.Value))
				continue
			}
			parts = append(parts, k.Name+"="+showExpr(k.Value))
		}
		return showExpr(x.Fn) + "(" + strings.Join(parts, ", ") + ")"
	case *Starred:
		return "*" + showExpr(x.X)
	case *Slice:
		part := func(e Expr) string {
			if e == nil {
				return ""
			}
			return showExpr(e)
		}
		return part(x.Lo) + ":" + part(x.Hi) + ":" + part(x.Step)
	}
	return "?"
}

func TestParseStatements(t *testing.T) {
	cases := map[string]string{
		`obj.echo(1, "a", key=[1, 2.5, None])`: `obj.echo(1, 'a', key=[1, 2.5, None])`,
		`obj.attr`:                             `obj.attr`,
		`obj.attr = 42`:                        `obj.attr = 42`,
		`r = obj.echo(1)`:                      `r = obj.echo(1)`,
		`r[0]`:                                 `r[0]`,
		`r["key"]`:                             `r['key']`,
		`child = obj.make_child()`:             `child = obj.make_child()`,
		`child.hello()`:                        `child.hello()`,
		`obj.echo(x, r[0], k=obj.value)`:       `obj.echo(x, r[0], k=obj.value)`,
		`frozenset({1})`:                       `frozenset({1})`,
		`None`:                                 `None`,
		`obj.echo(float("nan"), -1, 1+2j,)`:    `obj.echo(nan, -1, (1+2j))`,
		"obj.echo(1,\n 2)":                     `obj.echo(1, 2)`,
		`obj.echo(k = 1)`:                      `obj.echo(k=1)`,
		`_`:                                    `_`,
		`obj.value += 500`:                     `obj.value += 500`,
		`x //= 2`:                              `x //= 2`,
		`x **= obj.value`:                      `x **= obj.value`,
		`x<<=1`:                                `x <<= 1`,
		`s |= {1}`:                             `s |= {1}`,
		`x -= -1`:                              `x -= -1`,
		`del a`:                                `del a`,
		`del a, b`:                             `del a, b`,
		`r[1:3]`:                               `r[1:3:]`,
		`r[::-1]`:                              `r[::-1]`,
		`r[:]`:                                 `r[::]`,
		`r[i:]`:                                `r[i::]`,
		`obj.echo(*args, **kw)`:                `obj.echo(*args, **kw)`,
		`obj.echo(1, *a, k=2, *b, **{"x": 1}, y=3)`: `obj.echo(1, *a, *b, k=2, **{'x': 1}, y=3)`,
		`len(r)`:                    `len(r)`,
		`file("data.bin", "utf-8")`: `file('data.bin', 'utf-8')`,
	}
	for src, want := range cases {
		s, err := Parse(src)
		if err != nil {
			t.Errorf("Parse(%q): %v", src, err)
			continue
		}
		if got := show(s); got != want {
			t.Errorf("Parse(%q) = %s, want %s", src, got, want)
		}
	}
}

func TestParseErrorsHavePositions(t *testing.T) {
	cases := []struct {
		src  string
		col  int
		msg  string
		more bool // Incomplete
	}{
		{`obj.echo(1 2)`, 12, "expected ',' or ')'", false},
		{`obj.`, 5, "expected an attribute or method name", false},
		{`obj.echo(k=1, 2)`, 15, "positional argument follows keyword argument", false},
		{`1 = x`, 1, "cannot assign", false},
		{`obj.echo([1, 2`, 15, "", true},
		{`obj.echo(1) x`, 13, "unexpected 'x'", false},
		{`)`, 1, "expected a name or a literal", false},
		{`obj.f() += 1`, 1, "cannot use += on this", false},
		{`x += `, 6, "expected an expression", false},
		{`x /= 1 2`, 8, "unexpected number 2", false},
		{`del 1`, 5, "expected a name to delete", false},
		{`del`, 4, "expected a name to delete", false},
		{`r[1:2:3:4]`, 8, "expected ']'", false},
		{`r[]`, 3, "expected an index or a slice", false},
		{`f(**kw, 1)`, 9, "positional argument follows keyword argument unpacking", false},
		{`f(**kw, *a)`, 9, "iterable argument unpacking follows keyword argument unpacking", false},
		{`x / 2`, 3, "unexpected character '/'", false},
	}
	for _, c := range cases {
		_, err := Parse(c.src)
		var se *pylit.SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Parse(%q) error = %v, want a syntax error", c.src, err)
			continue
		}
		if se.Col != c.col || !strings.Contains(se.Msg, c.msg) {
			t.Errorf("Parse(%q) = col %d %q, want col %d containing %q", c.src, se.Col, se.Msg, c.col, c.msg)
		}
		if c.more && IsComplete(c.src) {
			t.Errorf("IsComplete(%q) = true, want false", c.src)
		}
	}
}

func TestParseCall(t *testing.T) {
	c, n, err := ParseCall(`echo(1, "a", k=2)`)
	if err != nil || n != nil || showExpr(c) != `echo(1, 'a', k=2)` {
		t.Fatalf("ParseCall = %v %v %v", c, n, err)
	}
	if _, n, err := ParseCall(`value`); err != nil || n == nil || n.Name != "value" {
		t.Fatalf("bare name: %v %v", n, err)
	}
	if _, _, err := ParseCall(`obj.echo(1)`); err == nil {
		t.Fatal("a dotted call is not a method call of the bound object")
	}
	for _, src := range []string{`echo(*[1])`, `echo(**{"k": 1})`} {
		if _, _, err := ParseCall(src); err == nil || !strings.Contains(err.Error(), "unpacking") {
			t.Errorf("ParseCall(%q) error = %v, want one about unpacking", src, err)
		}
	}
}

func TestDeepNestingFailsCleanly(t *testing.T) {
	src := "obj.echo(" + strings.Repeat("x(", 100000)
	if _, err := Parse(src); err == nil {
		t.Fatal("expected an error for deep nesting")
	}
	src = "x" + strings.Repeat(".a", 100000)
	if _, err := Parse(src); err == nil {
		t.Fatal("expected an error for a long chain")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{`obj.echo(1, "a", k=[1])`, `x = obj.attr`, `r[0]["k"]`, `obj.a = {1: (2,)}`, `obj.echo(`, `x[1:-1:2] //= 3`, `f(*a, **k)`, `del a, b`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		s, err := Parse(src)
		if err == nil && s == nil {
			t.Fatal("nil statement without error")
		}
		var se *pylit.SyntaxError
		if err != nil && !errors.As(err, &se) {
			t.Fatalf("non-syntax error %T: %v", err, err)
		}
	})
}

// IsComplete answers simple sources without the scanner; its answer must
// be the scanner's for every source.
func TestIsCompleteAgreesWithScanner(t *testing.T) {
	for _, src := range isCompleteSeeds {
		if got, want := IsComplete(src), !pylit.Incomplete(src); got != want {
			t.Errorf("IsComplete(%q) = %v, the scanner says %v", src, got, want)
		}
	}
}

var isCompleteSeeds = []string{
	"", " ", "obj.echo(1)", "obj.echo(1", "obj.echo(1))", ")(", "x = [1, {2: (3,)}]",
	"x = [1,\n 2", "$(", "(1 $", "a = 1; b = (2", "f(x)[0]{", "é(", "(\n\n)",
	"'(", "\"\"\"(", "(# )", "x \\", "x \\\n", "('a'", "b'(' + (", "1 +\\\n(",
}

func FuzzIsComplete(f *testing.F) {
	for _, src := range isCompleteSeeds {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if got, want := IsComplete(src), !pylit.Incomplete(src); got != want {
			t.Errorf("IsComplete(%q) = %v, the scanner says %v", src, got, want)
		}
	})
}
