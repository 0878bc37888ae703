package shell

import (
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

func TestStatementsAndScriptFile(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	script := filepath.Join(t.TempDir(), "s.pyrosh")
	if err := os.WriteFile(script, []byte("obj.echo(1)\nobj.fail('boom'); obj.echo('not run')\nobj.echo(2)\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		o      Options
		stdout string
		stderr string
		status int
	}{
		{"-c with ';' and newlines", Options{Statements: "obj.echo(1); obj.echo(2)\nobj.echo(3)"}, "1\n2\n3\n", "", 0},
		// As in Python, a statement that fails ends its line: the rest of
		// the ';' line is not run, the next line is.
		{"-c failing part-way ends its line", Options{Statements: "obj.echo(1); obj.divide(1, 0); obj.echo(2)\nobj.echo(3)"}, "1\n3\n", "ZeroDivisionError", 1},
		{"-c failing to evaluate ends its line", Options{Statements: "nope; obj.echo(2)\nobj.echo(3)"}, "3\n", "NameError: name 'nope' is not defined", 1},
		// -c is a script given whole: it stops at a syntax error as -f
		// does, and a multi-line one names its lines as Python's -c.
		{"-c stops at a syntax error", Options{Statements: "obj.echo(1)\n\nobj.echo(2 3)\nobj.echo(4)"}, "1\n", "<string>:3: syntax error\n  obj.echo(2 3)\n", 2},
		{"-c --keep-going runs past a syntax error", Options{Statements: "obj.echo(2 3)\nobj.echo(4)", KeepGoing: true}, "4\n", "<string>:1: syntax error\n", 2},
		{"-c of one line names no line", Options{Statements: "obj.echo(1); obj.echo(2 3)"}, "", "   obj.echo(2 3)\n              ^\nSyntaxError: expected ',' or ')', found number 3\n", 2},
		{"-f", Options{Script: script}, "1\n2\n", "ValueError: ('boom', 42)", 1},
		{"-f of a missing file", Options{Script: script + ".missing"}, "", "pyrosh: open script " + script + ".missing: no such file or directory", 2},
		{"unreachable URI", Options{URI: "PYRO:x@127.0.0.1:1", Statements: "obj.echo(1)"}, "", "connection refused", 3},
		{"bad URI", Options{URI: "PYRO:", Statements: "obj.echo(1)"}, "", "invalid uri", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.o.URI == "" {
				tt.o.URI = d.URI("Thing")
			}
			// stdin must not be read with -c or -f.
			out, errOut, status := runPiped(t, tt.o, "obj.echo('from stdin')\n")
			if out != tt.stdout {
				t.Errorf("stdout = %q, want %q", out, tt.stdout)
			}
			if tt.stderr == "" && errOut != "" || !strings.Contains(errOut, tt.stderr) {
				t.Errorf("stderr = %q, want %q", errOut, tt.stderr)
			}
			if status != tt.status {
				t.Errorf("status = %d, want %d", status, tt.status)
			}
			if !strings.Contains(tt.o.Statements, "\n") && strings.Contains(errOut, "<string>") {
				t.Errorf("stderr = %q: a -c of one line has no lines to name", errOut)
			}
			if n := strings.Count(errOut, "Traceback (") + strings.Count("\n"+errOut, "\npyrosh: "); n > 1 {
				t.Errorf("stderr = %q: %d errors, want one (the line stops at its first)", errOut, n)
			}
		})
	}
}

func TestSplitStatements(t *testing.T) {
	tests := map[string]struct {
		pieces []string
		empty  int // the offset of the ';' ending an empty statement
	}{
		"a; b":                    {[]string{"a", " b"}, -1},
		"f('a;b'); g(\"x\\\";\")": {[]string{"f('a;b')", ` g("x\";")`}, -1},
		"f('''a;\n'b;''')":        {[]string{"f('''a;\n'b;''')"}, -1},
		"f([1; 2])":               {[]string{"f([1; 2])"}, -1},
		"a # c; d\nb":             {[]string{"a # c; d\nb"}, -1},
		"; ;  # nothing":          {nil, 0},
		"x = 'open;":              {[]string{"x = 'open;"}, -1},
		"a;":                      {[]string{"a"}, -1},
		"a; # c":                  {[]string{"a"}, -1},
		"a;;":                     {[]string{"a"}, 2},
		"a; ;b":                   {[]string{"a", "b"}, 3},
		" ; a":                    {[]string{" a"}, 1},
	}
	for src, tt := range tests {
		var got []string
		pieces, empty := splitStatements(src)
		if empty != tt.empty {
			t.Errorf("splitStatements(%q): empty statement at %d, want %d", src, empty, tt.empty)
		}
		for _, p := range pieces {
			got = append(got, p.text)
			if src[p.off:p.off+len(p.text)] != p.text {
				t.Errorf("%q: piece %q has offset %d", src, p.text, p.off)
			}
		}
		if diff := cmp.Diff(tt.pieces, got); diff != "" {
			t.Errorf("splitStatements(%q) (-want +got):\n%s", src, diff)
		}
	}
}

func TestSubscript(t *testing.T) {
	d := py.DictOf(py.Str("k"), py.Int(1), py.Tuple{py.Int(1)}, py.Str("t"))
	tests := []struct {
		v, i py.Value
		want string // repr, or the error
	}{
		{py.List{py.Int(1), py.Int(2)}, py.Int(-1), "2"},
		{py.Tuple{py.Int(1)}, py.Bool(false), "1"},
		{py.List{}, py.Int(0), "IndexError: list index out of range"},
		{py.List{}, py.Str("a"), "TypeError: list indices must be integers or slices, not str"},
		{py.Str("héllo"), py.Int(1), "'é'"},
		{py.Str("abc"), py.Int(-4), "IndexError: string index out of range"},
		{py.Bytes("ab"), py.Int(1), "98"},
		{d, py.Str("k"), "1"},
		{d, py.Tuple{py.Int(1)}, "'t'"},
		{d, py.Str("x"), "KeyError: 'x'"},
		{d, py.List{}, "TypeError: unhashable type: 'list'"},
		{py.Int(3), py.Int(0), "TypeError: 'int' object is not subscriptable"},
		{py.List{py.Int(1)}, py.NewBigInt(new(big.Int).Lsh(big.NewInt(1), 70)), "IndexError: cannot fit 'int' into an index-sized integer"},
	}
	for _, tt := range tests {
		v, err := subscript(tt.v, tt.i)
		got := ""
		if err != nil {
			got = err.Error()
		} else {
			got = py.Repr(v)
		}
		if got != tt.want {
			t.Errorf("%s[%s] = %s, want %s", py.Repr(tt.v), py.Repr(tt.i), got, tt.want)
		}
	}
}

// TestFailureEndsTheLinePiped: statements piped on stdin stop the rest of
// a ';' line at the first failure, as Python does, and go on with the next
// line; the exit status is the first failure's.
func TestFailureEndsTheLinePiped(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	out, errOut, status := runPiped(t, Options{URI: d.URI("Thing")},
		"obj.echo(1); obj.custom_error(); obj.echo('not run')\nobj.echo(2); obj.echo(3)\nobj.echo([4,\n5]); obj.divide(1, 0); obj.echo('not run')\n")
	if want := "1\n2\n3\n[4, 5]\n"; out != want {
		t.Errorf("stdout = %q, want %q", out, want)
	}
	if !strings.Contains(errOut, "CustomError") || !strings.Contains(errOut, "ZeroDivisionError") {
		t.Errorf("stderr = %q, want both exceptions", errOut)
	}
	if status != StatusRemote {
		t.Errorf("status = %d, want %d", status, StatusRemote)
	}
}

func TestFirstLineDropsTheComment(t *testing.T) {
	for src, want := range map[string]string{
		"obj.fail() # c":             "obj.fail()",
		"obj.echo('#', \"#\")  # c":  `obj.echo('#', "#")`,
		"obj.echo(1, # c\n 2)":       "obj.echo(1, ...",
		"obj.echo('''a # b\n''')":    "obj.echo('''a # b ...",
		"  obj.echo(1)  ":            "obj.echo(1)",
		"obj.echo('\x1b') # \x1b[2J": `obj.echo('\x1b')`,
	} {
		if got := firstLine(src); got != want {
			t.Errorf("firstLine(%q) = %q, want %q", src, got, want)
		}
	}
}

// The line editor runs a statement on Enter once it is complete, or once
// no line can mend it, so that the loop reports it as Python's REPL does.
func TestEditorIsComplete(t *testing.T) {
	for text, want := range map[string]bool{
		"obj.echo(1)":             true,
		"obj.echo(1,":             false,
		"obj.echo(1\nobj.echo(2)": true,
		"obj.echo(1 2":            true,
		"obj.echo('''a":           false,
		":help":                   true,
		"; obj.echo(1,":           true,
	} {
		if got := isComplete(text); got != want {
			t.Errorf("isComplete(%q) = %v, want %v", text, got, want)
		}
	}
}
