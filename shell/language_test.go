package shell

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/pyrotest"
	"github.com/pyrosh/pyrosh/shell/printer"
)

// TestLanguageAgainstPyro4 runs the Python manners of the shell language
// (augmented assignment, slices, len, del, argument unpacking, file(),
// exit, _exc, batches) as piped scripts against a real Pyro4 daemon.
func TestLanguageAgainstPyro4(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	thing := d.URI("Thing")
	dir := t.TempDir()
	bin := filepath.Join(dir, "data.bin")
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(bin, []byte("\x00\xffab"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(text, []byte("größe\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name           string
		script         string
		stdout, stderr string // stderr: a regexp; "" means empty
		status         int
	}{
		{"augmented assignment on a remote attribute",
			"obj.value += 500\nobj.value\nobj.value -= 42\nobj.value //= 3\nobj.value\n", "542\n166\n", "", 0},
		{"augmented assignment on local values",
			"x = 7\nx //= 2\nx **= 70\nx\ns = 'ab'\ns *= 2\ns += 'c'\ns\nl = [1]\nl += (2, 3)\nl\nf = 1\nf /= 4\nf\nm = -7\nm %= 3\nm\nb = 6\nb ^= 3\nb <<= 2\nb\n",
			"2503155504993241601315571986085849\n'ababc'\n[1, 2, 3]\n0.25\n2\n20\n", "", 0},
		{"augmented assignment errors as Python's",
			"x = 1\nx /= 0\nx += 'a'\n",
			"", `<stdin>:2: ZeroDivisionError: division by zero \(local\)\n<stdin>:3: TypeError: unsupported operand type\(s\) for \+=: 'int' and 'str' \(local\)`, 1},
		{"augmented assignment on a method is an error",
			"obj.echo += 1\n", "", `TypeError: echo is a remote method, not an attribute \(local\)`, 1},
		{"slices of local values",
			"r = obj.echo([1, 2, 3, 4, 5])\nr[1:3]\nr[::-1]\nr[-2:]\nr[:10:2]\n'héllo'[1:4]\nb'abc'[::2]\nobj.echo((1, 2, 3))[1:]\n",
			"[2, 3]\n[5, 4, 3, 2, 1]\n[4, 5]\n[1, 3, 5]\n'éll'\nb'ac'\n(2, 3)\n", "", 0},
		{"slice errors", "r = [1]\nr[::0]\nr['a':]\n",
			"", `ValueError: slice step cannot be zero \(local\)\n<stdin>:3: TypeError: slice indices must be integers`, 1},
		{"len", "len(obj.echo([1, 2]))\nlen('größe')\nlen({1: 2})\nlen(b'ab')\nlen(1)\n",
			"2\n5\n1\n2\n", `TypeError: object of type 'int' has no len\(\) \(local\)`, 1},
		{"del forgets names", "x = 1\ndel x\nx\n", "", `NameError: name 'x' is not defined \(local\)`, 1},
		{"del obj unbinds the object", "del obj\nobj.echo(1)\n", "", `NameError: name 'obj' is not defined`, 1},
		{"argument unpacking of local lists and dicts",
			"args = [1, 2]\nkw = {'k': 3}\nobj.echo_kw(*args, **kw)\nobj.echo_kw(0, *args, x=1, **{'y': 2})\nobj.echo_kw(*'ab')\n",
			"[[1, 2], {'k': 3}]\n[[0, 1, 2], {'x': 1, 'y': 2}]\n[['a', 'b'], {}]\n", "", 0},
		{"unpacking errors", "obj.echo_kw(**[1])\nobj.echo_kw(k=1, **{'k': 2})\nobj.echo_kw(*1)\n",
			"", `argument after \*\* must be a mapping, not list.*\n.*multiple values for keyword argument 'k'.*\n.*argument after \* must be an iterable, not int`, 1},
		{"file() gives bytes, or text with an encoding",
			"obj.echo(file('" + bin + "'))\nobj.echo(file('" + text + "', 'utf-8'))\nlen(file('" + text + "'))\n",
			"b'\\x00\\xffab'\n'größe\\n'\n8\n", "", 0},
		{"file() errors", "file('" + dir + "/missing')\nfile('" + bin + "', 'utf-8')\nfile('" + bin + "', 'ebcdic')\n",
			"", `FileNotFoundError: \[Errno 2\] No such file or directory: '.*missing' \(local\)\n<stdin>:2: UnicodeDecodeError: .*\n<stdin>:3: LookupError: unknown encoding: ebcdic`, 1},
		{"a variable hides a builtin", "len = 3\nlen\n", "3\n", "", 0},
		{"exit() ends the script with the status so far", "obj.echo(1)\nexit()\nobj.echo(2)\n", "1\n", "", 0},
		{"exit(N) sets the status", "obj.echo(1)\nexit(4)\nobj.echo(2)\n", "1\n", "", 4},
		{"exit(MESSAGE) prints it and sets status 1", "exit('bye')\nobj.echo(2)\n", "", "^bye\n$", 1},
		{"quit and :q", "quit\nobj.echo(2)\n", "", "", 0},
		{"exit inside an expression is the builtin, not a way out", "obj.echo(exit)\nobj.echo(2)\n", "2\n", `TypeError: cannot send the builtin exit; call it with \(\) \(local\)`, 1},
		{":q", ":q\nobj.echo(2)\n", "", "", 0},
		{":EXIT in any case", ":EXIT\nobj.echo(2)\n", "", "", 0},
		{"_exc is the last remote exception", "obj.custom_error()\n_exc.code\n_exc.args\n_exc.nope\n",
			"7\n('custom failure', 7)\n", `(?s)CustomError.*AttributeError: 'CustomError' object has no attribute 'nope' \(local\)`, 1},
		{"a batch goes out as one request, results in order",
			":batch\nobj.echo(1)\nobj.add(2, 3)\n:end\n_\n", "1\n5\n5\n", "", 0},
		{"a batch stops at the call that raised",
			":batch\nobj.echo(1)\nobj.divide(1, 0)\nobj.echo(2)\nobj.echo(3)\n:end\nobj.echo(4)\n",
			"1\n4\n", `ZeroDivisionError: division by zero\n\(2 more calls of the batch not run\)`, 1},
		{"an unknown method or an attribute is refused as it is typed, the rest goes",
			":batch\nobj.echo(1)\nobj.ecoh(2)\nobj.value()\nobj.echo(3)\n:end\n", "1\n3\n",
			`AttributeError: obj has no method 'ecoh' \(did you mean "echo"\?\); not added to the batch \(local\)\npyrosh: <stdin>:4: value is an attribute: a batch holds method calls only\n$`, 1},
		{"only calls go in a batch", ":batch\nx = 1\n:end\n",
			"", `only remote calls like obj.method\(1, 2\) can go in a batch.*\n.*empty batch: nothing sent`, 2},
		{"a batch not ended is not sent", ":batch\nobj.fire(1)\n", "", `the input ended before :end: the batch of 1 call was not sent`, 2},
		{":end without :batch", ":end\n", "", `no batch to send: start one with :batch`, 2},
		{"a failed :connect leaves names as they were",
			":connect PYRO:x@127.0.0.1:1\nobj.echo(1)\n:connect PYRO:y@127.0.0.1:1 as other\nother\n",
			"1\n", `connection refused(?s:.*)NameError: name 'other' is not defined`, 3},
		{":disconnect unbinds", ":disconnect obj\nobj\n:disconnect nothing\n", "",
			`NameError: name 'obj' is not defined \(local\)\npyrosh: <stdin>:3: no object named nothing`, 1},
		{":time prints after the error", ":time on\nobj.divide(1, 0)\n",
			"", `ZeroDivisionError: division by zero\n\(\d+\.\d{3} ms\)\n$`, 1},
		{":output json applies to :meta, :ping and :objects",
			":output json\n:meta\n:ping\n:objects\n",
			`{"uri":"` + thing + `","protocol":"Pyro4","methods":\["add",.*"types"\],"oneway":\["fire"\],"attributes":\["name","value"\]}` + "\n" +
				`{"alive":true,"latency_ms":[0-9.]+,"protocol":"Pyro4","uri":"` + thing + `"}` + "\n" +
				`\[{"name":"obj","uri":"` + thing + `","serializer":"serpent","protocol":"Pyro4"}\]` + "\n", "", 0},
		{":meta HOST:PORT lists the daemon's objects",
			":meta " + strings.TrimPrefix(thing, "PYRO:Thing@") + "\n",
			`(?s)PYRO:Example@.*methods:    echo, hello\n.*PYRO:Thing@.*oneway:     fire\n.*`, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, status := runPiped(t, Options{URI: thing, HistoryPath: NoHistory}, tt.script)
			if strings.HasPrefix(tt.name, ":output json") || strings.HasPrefix(tt.name, ":meta HOST") {
				if !regexp.MustCompile("^" + tt.stdout + "$").MatchString(out) {
					t.Errorf("stdout = %q, want match for %q", out, tt.stdout)
				}
			} else if out != tt.stdout {
				t.Errorf("stdout = %q, want %q", out, tt.stdout)
			}
			if tt.stderr == "" && errOut != "" || !regexp.MustCompile(tt.stderr).MatchString(errOut) {
				t.Errorf("stderr = %q, want match for %q", errOut, tt.stderr)
			}
			if status != tt.status {
				t.Errorf("status = %d, want %d (stderr %q)", status, tt.status, errOut)
			}
		})
	}
}

func TestIsIdentifier(t *testing.T) {
	for name, want := range map[string]bool{"obj": true, "größe": true, "_x1": true, "1x": false, "a.b": false, "None": false, "": false, "a b": false, "del": false} {
		if got := isIdentifier(name); got != want {
			t.Errorf("isIdentifier(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestLanguageAgainstPyro5 checks what the language sends on the wire
// (augmented assignment, unpacking, batches, a daemon's listing) against
// a real Pyro5 daemon too.
func TestLanguageAgainstPyro5(t *testing.T) {
	d := pyrotest.StartDaemon5(t, pyrotest.DaemonOptions{})
	thing := d.URI("Thing")
	script := "obj.value += 8\nobj.value\nkw = {'k': 1}\nobj.echo_kw(*[1, 2], **kw)\n:batch\nobj.echo(1)\nobj.add(2, 3)\n:end\nobj.custom_error()\n_exc.code\n:meta " + strings.TrimPrefix(thing, "PYRO:Thing@") + "\n"
	out, errOut, status := runPiped(t, Options{URI: thing, HistoryPath: NoHistory}, script)
	want := regexp.MustCompile(`^50\n\[\[1, 2\], \{'k': 1\}\]\n1\n5\n7\n(?s:.*)PYRO:Thing@\S+ \(Pyro5\)\n(?s:.*)oneway:     fire\n`)
	if !want.MatchString(out) {
		t.Errorf("stdout = %q, want match for %q", out, want)
	}
	if !strings.Contains(errOut, "CustomError") || status != StatusRemote {
		t.Errorf("stderr = %q, status %d; want the CustomError and status 1", errOut, status)
	}
}

// TestErrorsUnderJSONOutput checks that with -o json every error is one
// {"error": {...}} object on stderr, as pyrosh's commands write it.
func TestErrorsUnderJSONOutput(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	out, errOut, status := runPiped(t, Options{URI: d.URI("Thing"), HistoryPath: NoHistory, Format: printer.JSON},
		"obj.custom_error()\nx\nobj.echo(1 2)\n:serializer yaml\nobj.echo(1)\n")
	if out != "1\n" || status != StatusRemote {
		t.Errorf("stdout = %q, status %d", out, status)
	}
	lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
	want := []string{
		`{"error":{"type":"remote","exception":"testobjects.CustomError","message":"<stdin>:1: testobjects.CustomError: ('custom failure', 7)","args":["custom failure",7],"attributes":{"code":7},"traceback":["Traceback (most recent call last):",`,
		`{"error":{"type":"local","exception":"NameError","message":"<stdin>:2: NameError: name 'x' is not defined","args":["name 'x' is not defined"],"attributes":{},"traceback":[],"status":1}}`,
		`{"error":{"type":"usage","exception":null,"message":"<stdin>:3: SyntaxError: expected ',' or ')', found number 2","args":[],"attributes":{},"traceback":[],"status":2}}`,
		`{"error":{"type":"usage","exception":null,"message":"<stdin>:4: unknown serializer \"yaml\"`,
	}
	if len(lines) != len(want) {
		t.Fatalf("stderr has %d lines, want %d:\n%s", len(lines), len(want), errOut)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("stderr line %d = %s\nwant prefix %s", i+1, lines[i], w)
		}
	}
}
