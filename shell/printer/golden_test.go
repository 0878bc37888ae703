package printer

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pyrosh/pyrosh/pyro/py"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (-want +got):\n%s", path, cmp.Diff(string(want), string(got)))
	}
}

// proxyValue stands for a value kind defined outside pyro/py, such as the
// Pyro proxy of package pyro.
type proxyValue struct{ uri string }

func (p proxyValue) AppendRepr(dst []byte) []byte {
	return append(append(append(dst, "<Pyro proxy "...), p.uri...), '>')
}

func (p proxyValue) JSONValue() any { return map[string]string{"proxy": p.uri} }

// uriValue has no JSON form of its own.
type uriValue string

func (u uriValue) AppendRepr(dst []byte) []byte { return append(dst, u...) }

func bigInt(s string) py.Value {
	b, _ := new(big.Int).SetString(s, 10)
	return py.NewBigInt(b)
}

// goldenValues covers every value kind, at widths that make them wrap.
var goldenValues = []struct {
	name  string
	v     py.Value
	width int
}{
	{"scalars", py.List{py.None, py.Bool(true), py.Bool(false), py.Int(-42), bigInt("123456789012345678901234567890"),
		py.Float(1.5), py.Float(math.NaN()), py.Float(math.Inf(-1)), py.Complex(1 + 2i), py.Str("it's"), py.Bytes("\x00ab")}, 80},
	{"nested dict", py.DictOf(
		py.Str("name"), py.Str("widget"),
		py.Int(7), py.List{py.Int(1), py.Int(2), py.Int(3)},
		py.Tuple{py.Int(1), py.Str("x")}, py.DictOf(py.Str("deep"), py.Tuple{py.Float(2.5)}),
		py.None, &py.Set{Items: []py.Value{py.Int(3), py.Int(1), py.Int(2)}},
		py.Str("frozen"), &py.FrozenSet{Items: []py.Value{py.Str("b"), py.Str("a")}},
	), 30},
	{"long string", py.Str("The quick brown fox jumps over the lazy dog; it's a \"classic\".\nSecond line here."), 30},
	{"long bytes in a list", py.List{py.Bytes("\x00\x01\x02binary data that goes on and on\xff")}, 30},
	{"empty containers", py.List{py.List{}, py.Tuple{}, py.NewDict(0), &py.Set{}, &py.FrozenSet{}, py.Str(""), py.Bytes{}}, 10},
	{"foreign kinds", py.DictOf(py.Str("proxy"), proxyValue{"PYRO:obj@localhost:9090"}, py.Str("uri"), uriValue("PYRO:x@h:1"),
		py.Str("error"), &py.Exception{Class: "builtins.ValueError", Args: py.Tuple{py.Str("bad"), py.Int(1)}}), 40},
}

func TestGoldenPretty(t *testing.T) {
	for _, colour := range []bool{false, true} {
		var out bytes.Buffer
		for _, g := range goldenValues {
			fmt.Fprintf(&out, "# %s, width %d\n", g.name, g.width)
			out.WriteString(render(t, g.v, Pretty, g.width, colour))
		}
		name := "pretty.golden"
		if colour {
			name = "pretty_color.golden"
		}
		checkGolden(t, name, out.Bytes())
	}
}

func TestGoldenJSON(t *testing.T) {
	var out bytes.Buffer
	for _, g := range goldenValues {
		fmt.Fprintf(&out, "# %s\n", g.name)
		out.WriteString(render(t, g.v, JSON, g.width, true))
	}
	checkGolden(t, "json.golden", out.Bytes())
}

// Traceback lines as Pyro4 4.82 sent them (captured in
// pyro/testdata/vectors (copied from the shared captures): serpent/exception_zerodivision.json,
// serpent/exception_chained.json, special/detailed_traceback.json).
var (
	tbZeroDivision = []string{
		"Traceback (most recent call last):\n",
		"  File \"/usr/lib/python3/dist-packages/Pyro4/core.py\", line 1424, in handleRequest\n    data = method(*vargs, **kwargs)  # this is the actual method call to the Pyro object\n           ^^^^^^^^^^^^^^^^^^^^^^^^\n",
		"  File \"/srv/capture.py\", line 231, in divide\n    return a / b\n           ~~^~~\n",
		"ZeroDivisionError: division by zero\n",
	}
	tbChained = []string{
		"Traceback (most recent call last):\n",
		"  File \"/srv/capture.py\", line 240, in fail_chained\n    {}[\"missing\"]\n    ~~^^^^^^^^^^^\n",
		"KeyError: 'missing'\n",
		"\nThe above exception was the direct cause of the following exception:\n\n",
		"Traceback (most recent call last):\n",
		"  File \"/usr/lib/python3/dist-packages/Pyro4/core.py\", line 1424, in handleRequest\n    data = method(*vargs, **kwargs)  # this is the actual method call to the Pyro object\n           ^^^^^^^^^^^^^^^^^^^^^^^^\n",
		"  File \"/srv/capture.py\", line 242, in fail_chained\n    raise RuntimeError(\"outer failure\") from x\n",
		"RuntimeError: outer failure\n",
	}
	tbDetailed = []string{
		"----------------------------------------------------\n",
		" EXCEPTION <class 'ZeroDivisionError'>: division by zero\n",
		" Extended stacktrace follows (most recent call last)\n",
		"----------------------------------------------------\n",
		"File \"/srv/capture.py\", line 231, in Kitchen.divide\n",
		"Source code:\n",
		"    return a / b\n",
		"Local values:\n",
		"    a = 1\n",
		"    b = 0\n",
		"----------------------------------------------------\n",
		" EXCEPTION <class 'ZeroDivisionError'>: division by zero\n",
		"----------------------------------------------------\n",
	}
)

var goldenExceptions = []struct {
	name string
	e    *py.Exception
}{
	{"zero division", &py.Exception{Class: "builtins.ZeroDivisionError", Args: py.Tuple{py.Str("division by zero")}, Traceback: tbZeroDivision}},
	{"chained", &py.Exception{Class: "builtins.RuntimeError", Args: py.Tuple{py.Str("outer failure")}, Traceback: tbChained}},
	{"detailed traceback", &py.Exception{Class: "builtins.ZeroDivisionError", Args: py.Tuple{py.Str("division by zero")}, Traceback: tbDetailed}},
	{"no traceback", &py.Exception{Class: "builtins.ValueError", Args: py.Tuple{py.Str("bad value")}}},
	{"no traceback, no message", &py.Exception{Class: "builtins.StopIteration"}},
	{"no traceback, key error", &py.Exception{Class: "builtins.KeyError", Args: py.Tuple{py.Str("k")}}},
	{"no traceback, Pyro4 error", &py.Exception{Class: "Pyro4.errors.NamingError", Args: py.Tuple{py.Str("unknown name: x")}}},
}

func TestGoldenException(t *testing.T) {
	for _, colour := range []bool{false, true} {
		var out bytes.Buffer
		p := New(&bytes.Buffer{}, Pretty, 80, colour)
		for _, g := range goldenExceptions {
			fmt.Fprintf(&out, "# %s\n", g.name)
			p.Exception(&out, g.e)
		}
		name := "exception.golden"
		if colour {
			name = "exception_color.golden"
		}
		checkGolden(t, name, out.Bytes())
	}
}

func TestGoldenSyntaxError(t *testing.T) {
	cases := []struct {
		line string
		col  int
		msg  string
	}{
		{`obj.echo(1,, 2)`, 12, "expected an expression"},
		{"\tobj.echo(1", 12, "'(' was never closed"},
		{`x = "日本語" +`, 13, "expected an expression"},
		{`obj.`, 1, "caret at the start"},
		{`obj.`, 99, "caret past the end"},
	}
	for _, colour := range []bool{false, true} {
		var out bytes.Buffer
		for _, c := range cases {
			SyntaxError(&out, c.line, c.col, c.msg, colour)
		}
		name := "syntax.golden"
		if colour {
			name = "syntax_color.golden"
		}
		checkGolden(t, name, out.Bytes())
	}
}
