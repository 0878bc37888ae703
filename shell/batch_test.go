package shell

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pyrosh/pyrosh/pyro/pyrotest"
	"github.com/pyrosh/pyrosh/shell/iostreams"
	"github.com/pyrosh/pyrosh/shell/printer"
)

// runPiped runs script as piped stdin and returns stdout, stderr and the
// exit status.
func runPiped(t *testing.T, o Options, script string) (string, string, int) {
	t.Helper()
	ios, in, out, errOut := iostreams.Test()
	in.WriteString(script)
	o.IO = ios
	if o.Format == 0 {
		o.Format = printer.Repr
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err := Run(ctx, o)
	return out.String(), errOut.String(), statusOf(t, err)
}

func statusOf(t *testing.T, err error) int {
	t.Helper()
	if err == nil {
		return 0
	}
	var coded interface{ ExitCode() int }
	if !errors.As(err, &coded) {
		t.Fatalf("Run returned %v, which has no exit code", err)
	}
	return coded.ExitCode()
}

func TestPipedScriptsAgainstPyro4(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	thing := d.URI("Thing")
	tests := []struct {
		name, script string
		stdout       string // exact
		stderr       string // substring; "" means stderr must be empty
		status       int
	}{
		{"call with positional and keyword arguments",
			"obj.echo_kw(1, \"a\", key=[1, 2.5, None])\n",
			"[[1, 'a'], {'key': [1, 2.5, None]}]\n", "", 0},
		{"variables, _ and subscripts",
			"r = obj.echo([10, {'k': b'\\x00'}])\nr[1]['k']\n_\nr[-1]\n",
			"b'\\x00'\nb'\\x00'\n{'k': b'\\x00'}\n", "", 0},
		{"attribute read and write",
			"obj.name\nobj.value = 7\nobj.value\n",
			"'thing'\n7\n", "", 0},
		{"method without parentheses",
			"obj.echo\n",
			"<remote method echo of " + thing + ">\n", "", 0},
		{"oneway call",
			"obj.fire(3)\nobj.fired()\n",
			"[3]\n", "(oneway, no result)", 0},
		{"generator streams its items",
			"obj.count(3)\n_\n",
			"0\n1\n2\n[0, 1, 2]\n", "", 0},
		{"generator assigned is drained into a list",
			"g = obj.count(2)\ng\n",
			"[0, 1]\n", "", 0},
		{"proxy inside a result is a live object",
			"child = obj.make_child('kid')\nchild.hello()\n",
			"", "", 0},
		{"multi-line statement",
			"obj.echo([1,\n  2,\n  3])\n",
			"[1, 2, 3]\n", "", 0},
		{"semicolons and comments",
			"obj.echo(1); obj.echo('a;b')  # done\n# only a comment\n",
			"1\n'a;b'\n", "", 0},
		{"remote exception: status 1, script goes on",
			"obj.divide(1, 0)\nobj.echo(2)\n",
			"2\n", "ZeroDivisionError: division by zero", 1},
		{"unknown method is a remote error",
			"obj.nope()\n",
			"", "AttributeError", 1},
		{"local error is status 1 and marked local",
			"x\n",
			"", "NameError: name 'x' is not defined (local)", 1},
		{"a remote method cannot be sent",
			"obj.echo(obj.echo)\n",
			"", "TypeError: cannot send remote method echo; call it with () (local)", 1},
		{"index error",
			"r = obj.echo([1])\nr[5]\n",
			"", "IndexError: list index out of range (local)", 1},
		{"syntax error: status 2 with caret, first failure wins",
			"obj.echo(1,,)\nobj.divide(1, 0)\n",
			"", "  obj.echo(1,,)\n             ^\nSyntaxError: ", 2},
		{"unclosed bracket at end of input, reported where it opened as in Python",
			"obj.echo([1,\n",
			"", "<stdin>:1: syntax error\n  obj.echo([1,\n           ^\nSyntaxError: '[' was never closed\n", 2},
		{"a line that cannot continue an open bracket is reported at once, the lines after it run",
			"obj.echo(1\nobj.echo(2)\nobj.echo(3)\n",
			"3\n", "<stdin>:1: syntax error\n  obj.echo(1\n          ^\nSyntaxError: '(' was never closed (line 2 cannot continue the statement: expected ',' or ')', found 'obj')\n", 2},
		{"a line longer than 16 MiB is an error naming the line, the lines before it ran",
			"obj.echo(1)\n" + strings.Repeat("x", maxLine+1) + "\n",
			"1\n", "pyrosh: <stdin>:2: read input: line longer than 16 MiB\n", 2},
		{"a ';' with no statement before it is a syntax error as in Python, one after the last is not",
			";\n ; \nobj.echo(1);;obj.echo(2)\n; obj.echo(3)\nobj.echo(4);\nobj.echo(5); # c\n",
			"4\n5\n", "<stdin>:1: syntax error\n  ;\n  ^\nSyntaxError: invalid syntax: no statement before ';'\n" +
				"<stdin>:2: syntax error\n   ; \n   ^\nSyntaxError: invalid syntax: no statement before ';'\n" +
				"<stdin>:3: syntax error\n  obj.echo(1);;obj.echo(2)\n              ^\nSyntaxError: invalid syntax: no statement before ';'\n" +
				"<stdin>:4: syntax error\n  ; obj.echo(3)\n  ^\nSyntaxError: invalid syntax: no statement before ';'\n", 2},
		{"a statement of many lines is read line by line, each scanned once",
			"len(obj.echo([\n" + strings.Repeat("'k', # ]\n", 20000) + "]))\nlen(obj.echo(['''a\n(b\n''', (1,\n2), \\\n 3]))\n",
			"20000\n3\n", "", 0},
		{"a first line no line can mend is reported at once, as Python's REPL does",
			"obj.echo(1 2\nobj.echo(3)\n",
			"3\n", "<stdin>:1: syntax error\n  obj.echo(1 2\n             ^\nSyntaxError: expected ',' or ')', found number 2\n", 2},
		{"a statement broken after its open bracket is reported where it broke",
			"obj.echo(1\nobj.echo(2))\nobj.echo(3)\n",
			"3\n", "<stdin>:2: syntax error\n  obj.echo(2))\n  ^\nSyntaxError: expected ',' or ')', found 'obj'\n", 2},
		{"a statement broken past the checked length names the lines read into it",
			// checkAlways is 4 KiB: the statement is checked again at 8 KiB,
			// which it never reaches.
			"obj.echo([\n" + strings.Repeat("0,\n", 2000) + "obj.echo(3)\n" + strings.Repeat("0,\n", 100),
			"", "SyntaxError: '[' was never closed (line 2002 cannot continue the statement: name 'obj' is not a literal; lines 2003-2102, read into it, were not run)\n", 2},
		{"a backslash at the end of a line inside a quoted string joins the next line to the string, as Python's tokenizer does",
			"obj.echo('a\\\nb')\nobj.echo(['c\\\nd',\n'e'])\n",
			"'ab'\n['cd', 'e']\n", "", 0},
		{"a backslash continuation ends at a blank line, as in Python's REPL",
			"obj.echo(1) \\\n\nobj.echo(3)\nobj \\\n  .echo(5)\n",
			"1\n3\n5\n", "", 0},
		{"unknown meta command",
			":frobnicate\n",
			"", "pyrosh: <stdin>:1: unknown meta command :frobnicate", 2},
		{"meta commands in a script",
			":output json\nobj.echo({'a': (1, 2)})\n:output\n",
			"{\"a\":[1,2]}\njson\n", "", 0},
		{"call timeout is a communication error, the next call reconnects",
			// obj.echo(4) connects first: the short timeout bounds only a
			// call the daemon cannot answer in time, never the handshake.
			"obj.echo(4)\n:timeout 0.2\nobj.sleep(60)\n:timeout 0\nobj.echo(5)\n",
			"4\n5\n", "timed out (connection dropped; the next call reconnects)", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, status := runPiped(t, Options{URI: thing, HistoryPath: NoHistory}, tt.script)
			if tt.name == "proxy inside a result is a live object" {
				if !strings.Contains(out, "kid") {
					t.Errorf("stdout = %q, want the child's greeting", out)
				}
			} else if out != tt.stdout {
				t.Errorf("stdout = %q, want %q", out, tt.stdout)
			}
			if tt.stderr == "" && errOut != "" || !strings.Contains(errOut, tt.stderr) {
				t.Errorf("stderr = %q, want it to contain %q", errOut, tt.stderr)
			}
			if status != tt.status {
				t.Errorf("status = %d, want %d (stderr %q)", status, tt.status, errOut)
			}
		})
	}
}
