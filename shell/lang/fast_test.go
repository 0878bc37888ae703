package lang

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// fastSeeds are sources of the lane's shapes and of shapes it must leave
// to the grammar; fastShapes lists the ones it must take.
var (
	fastShapes = []string{
		"obj.echo(1)", "obj.echo()", "  obj . echo ( 1 , -20 ,'a', \"b c\", x, None, True, False, ) ",
		"f(1)", "x", "obj.attr", "obj.a.b.c(0)", "obj.echo('')", "obj.echo(123456789012345678)",
		"obj.echo(-0)", "obj.echo(1, 2, 3, 4, 5)", "obj.echo(\"it's\")", "obj.echo(exit)",
	}
	fastSeeds = append([]string{
		"", " ", "del x", "del(x)", "None", "True.x", "set()", "obj.echo(set)", "obj.echo(1.5)",
		"obj.echo(1e3)", "obj.echo(1j)", "obj.echo(1_0)", "obj.echo(0x1f)", "obj.echo(01)",
		"obj.echo(1234567890123456789)", "obj.echo(k=1)", "obj.echo(x==1)", "obj.echo(b'x')",
		"obj.echo(rb'x')", "obj.echo('a' 'b')", "obj.echo('''a''')", "obj.echo('a\\n')",
		"obj.echo('é')", "obj.é(1)", "obj.echo(1)(2)", "obj.echo(1).x", "obj.echo(1)[0]",
		"x = 1", "x += 1", "obj.x = 1", "obj.echo(1", "obj.echo(1,,)", "obj.echo(,)", "obj.",
		"obj..x", "obj.echo(1)\n", "obj.echo(1) # c", "obj.echo(\n1)", "obj.echo(1 2)",
		"obj.echo(- 1)", "obj.echo(+1)", "obj.echo(-)", "obj.echo(*a)", "obj.echo(**k)",
		"obj.echo([1])", "obj.echo((1,))", "obj.echo({})", "obj.echo(x.y)", "obj.echo(f(1))",
		"obj.a.b.c.d.e.f.g.h.i.j", "obj.echo('\x00')", "obj.echo(1)\x00", "obj.echo(1);",
		"obj.echo(1 .real)", "obj.echo(1.)", "obj.echo(-1-2j)", "1", "'a'", "obj.echo(1)\r",
		"\tobj.echo(\t1\t)\t", "_._(_)", "obj.echo(float('nan'))", "obj.echo(None.x)",
	}, fastShapes...)
)

// TestFastLaneTakesCommonShapes checks that the lane reads the shapes it
// is for, with the grammar's result.
func TestFastLaneTakesCommonShapes(t *testing.T) {
	for _, src := range fastShapes {
		if _, ok := new(parser).fast(src); !ok {
			t.Errorf("the fast lane left %q to the grammar", src)
		}
		checkFastLane(t, src)
	}
}

// FuzzFastLane checks that whatever the lane parses, the grammar parses
// to the same statement: nodes, spans, values.
func FuzzFastLane(f *testing.F) {
	for _, src := range fastSeeds {
		f.Add(src)
	}
	f.Fuzz(checkFastLane)
}

func checkFastLane(t *testing.T, src string) {
	fs, ok := new(parser).fast(src)
	if !ok {
		return
	}
	gs, err := new(parser).grammar(src)
	if err != nil {
		t.Fatalf("%q: the fast lane parsed %s, the grammar failed: %v", src, show(fs), err)
	}
	if !reflect.DeepEqual(fs, gs) {
		t.Fatalf("%q: the fast lane parsed %#v, the grammar %#v", src, dump(fs), dump(gs))
	}
}

// dump renders a statement with the spans of its nodes, for a failure
// message.
func dump(s Stmt) string {
	es, ok := s.(*ExprStmt)
	if !ok {
		return show(s)
	}
	var b strings.Builder
	var walk func(Expr)
	walk = func(x Expr) {
		off, end := x.Span()
		fmt.Fprintf(&b, "%s@%d:%d ", showExpr(x), off, end)
		switch x := x.(type) {
		case *Attr:
			fmt.Fprintf(&b, "(name@%d) ", x.NameOff)
			walk(x.X)
		case *Call:
			walk(x.Fn)
			for _, a := range x.Args {
				walk(a)
			}
		}
	}
	walk(es.X)
	return b.String()
}

// BenchmarkParseSimple parses a piped script's statement with a reused
// Parser, as the shell does.
func BenchmarkParseSimple(b *testing.B) {
	var ps Parser
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ps.Parse("obj.echo(1)"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseGrammar parses the same statement with the grammar, for
// comparison.
func BenchmarkParseGrammar(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := new(parser).grammar("obj.echo(1)"); err != nil {
			b.Fatal(err)
		}
	}
}
