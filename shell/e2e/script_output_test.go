//go:build linux

package e2e

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

// failAfter bounds how long a test waits for output that a regression
// would hold back (the streams under test take 600 s): pyrosh is then
// killed, and the read fails. It is no measure of speed.
const failAfter = 60 * time.Second

// startScript starts cmd with stdin as its input and a pipe as its
// stdout, and returns a reader of that pipe; cmd is killed after
// failAfter.
func startScript(t *testing.T, cmd *exec.Cmd, stdin string, stderr *strings.Builder) *bufio.Reader {
	t.Helper()
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Stderr = stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	watchdog := time.AfterFunc(failAfter, func() { _ = cmd.Process.Kill() })
	t.Cleanup(func() {
		watchdog.Stop()
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	return bufio.NewReader(out)
}

// readLines reads n lines from r, failing the test at the end of output.
func readLines(t *testing.T, r *bufio.Reader, n int, stderr *strings.Builder) []string {
	t.Helper()
	var lines []string
	for len(lines) < n {
		l, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("read line %d: %v (got %q); stderr: %s", len(lines)+1, err, lines, stderr.String())
		}
		lines = append(lines, strings.TrimSuffix(l, "\n"))
	}
	return lines
}

// TestScriptOutputArrivesBeforeTheStreamEnds: a piped script's stdout is
// buffered (issue 14) but a result, and each item of a remote generator,
// reach the reader while the generator is still open on the daemon
// (PRODUCT.md: a remote generator streams its items as they arrive).
func TestScriptOutputArrivesBeforeTheStreamEnds(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	var stderr strings.Builder
	cmd := pyroshCmd(t, d.URI("Thing"))
	r := startScript(t, cmd, "obj.echo(7)\nobj.slow_count(2, 600)\nobj.fire(1)\n", &stderr)
	lines := readLines(t, r, 2, &stderr)
	if strings.Join(lines, " ") != "7 0" {
		t.Errorf("first lines %q, want 7 and the stream's first item 0", lines)
	}
	// The daemon still holds the generator: its second item is 600 s away.
	if n := openStreams(t, d, 1); n != 1 {
		t.Errorf("the daemon holds %d streams while the first item is read, want 1", n)
	}
	_ = cmd.Process.Kill()
}

// TestScriptKilledKeepsItsResults: SIGTERM or SIGHUP while a script's
// statement runs leaves the results printed before it in the output,
// and pyrosh still dies of the signal (status 143 or 129 in a shell),
// with piped statements and with -f.
func TestScriptKilledKeepsItsResults(t *testing.T) {
	script := "obj.echo(1)\nobj.echo(2)\nobj.slow_count(2, 600)\nobj.fire(1)\n"
	file := filepath.Join(t.TempDir(), "s.txt")
	if err := os.WriteFile(file, []byte(script), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, args, stdin string
		sig               syscall.Signal
	}{
		{"piped TERM", "", script, syscall.SIGTERM},
		{"piped HUP", "", script, syscall.SIGHUP},
		{"-f TERM", "-f " + file, "", syscall.SIGTERM},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// A daemon of its own: the one before may hold its stream a while.
			d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
			out := filepath.Join(t.TempDir(), "out")
			f, err := os.Create(out)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			var stderr strings.Builder
			cmd := pyroshCmd(t, strings.TrimSpace(tc.args+" "+d.URI("Thing")))
			cmd.Stdin = strings.NewReader(tc.stdin)
			cmd.Stdout, cmd.Stderr = f, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// The third statement runs: the daemon holds its stream.
			if n := openStreams(t, d, 1); n != 1 {
				_ = cmd.Process.Kill()
				t.Fatalf("the daemon holds %d streams, want 1; stderr: %s", n, stderr.String())
			}
			watchdog := time.AfterFunc(failAfter, func() { _ = cmd.Process.Kill() })
			defer watchdog.Stop()
			_ = cmd.Process.Signal(tc.sig)
			err = cmd.Wait()
			ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
			if !ws.Signaled() || ws.Signal() != tc.sig {
				t.Errorf("pyrosh ended with %v, want killed by %v", err, tc.sig)
			}
			got, _ := os.ReadFile(out)
			if string(got) != "1\n2\n0\n" {
				t.Errorf("output %q, want the results before the signal: 1, 2 and the item 0", got)
			}
		})
	}
}

// TestScriptOutputToAFullDevice: a write to stdout that fails in a
// script (here /dev/full) stops it with the line and status of `pyrosh
// call` (3), whether the result waited in the buffer until the end or
// filled it mid-run, and under -o json as the JSON error.
func TestScriptOutputToAFullDevice(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	const line = "pyrosh: writing result: write /dev/stdout: no space left on device\n"
	const jsonLine = `{"error":{"type":"communication","exception":null,"message":"writing result: write /dev/stdout: no space left on device","args":[],"attributes":{},"traceback":[],"status":3}}` + "\n"
	for _, tc := range []struct {
		name, args, stdin, want string
	}{
		{"call", "call " + d.URI("Thing") + " echo 1", "", line},
		{"end of script", d.URI("Thing"), "obj.echo(1)\nobj.echo(2)\n", line},
		// A result larger than the buffer fails mid-run: the statement
		// after it (a oneway call the daemon counts) does not run.
		{"mid-run", d.URI("Thing"), "obj.big(3000)\nobj.fire(1)\n", line},
		{"json", "-o json " + d.URI("Thing"), "obj.echo(1)\nobj.echo(2)\n", jsonLine},
		{"json call", "-o json call " + d.URI("Thing") + " echo 1", "", jsonLine},
	} {
		t.Run(tc.name, func(t *testing.T) {
			full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
			if err != nil {
				t.Skip("no /dev/full:", err)
			}
			defer full.Close()
			before := fired(t, d)
			var stderr strings.Builder
			cmd := pyroshCmd(t, tc.args)
			cmd.Stdin = strings.NewReader(tc.stdin)
			cmd.Stdout, cmd.Stderr = full, &stderr
			err = cmd.Run()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 3 {
				t.Errorf("exit: %v, want status 3", err)
			}
			if stderr.String() != tc.want {
				t.Errorf("stderr %q, want %q", stderr.String(), tc.want)
			}
			if fired(t, d) != before {
				t.Errorf("the statement after the failed write ran")
			}
		})
	}
}

// fired is how many oneway fire calls the daemon has run.
func fired(t *testing.T, d *pyrotest.Daemon) int {
	t.Helper()
	out, err := pyroshCmd(t, "-o json call "+d.URI("Thing")+" fired").Output()
	if err != nil {
		t.Fatalf("fired: %v", err)
	}
	var calls []int
	if err := json.Unmarshal(out, &calls); err != nil {
		t.Fatalf("fired: %q: %v", out, err)
	}
	return len(calls)
}

// TestScriptInterruptedUnderJSON: Ctrl+C on a script's statement under
// -o json prints the JSON error `pyrosh call -o json` prints, status 130.
func TestScriptInterruptedUnderJSON(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	// A script's JSON errors name the line, <stdin>:LINE when piped.
	const want = `{"error":{"type":"interrupted","exception":null,"message":%q,"args":[],"attributes":{},"traceback":[],"status":130}}`
	for _, tc := range []struct{ name, args, stdin, where string }{
		{"script", "-o json " + d.URI("Thing"), "obj.echo(1)\nobj.slow_count(2, 600)\n", "<stdin>:2: "},
		{"call", "-o json call " + d.URI("Thing") + " slow_count 2 600", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stderr strings.Builder
			cmd := pyroshCmd(t, tc.args)
			r := startScript(t, cmd, tc.stdin, &stderr)
			for {
				l := readLines(t, r, 1, &stderr)[0]
				if l == "0" { // the stream's first item: its second is 600 s away
					break
				}
			}
			_ = cmd.Process.Signal(os.Interrupt)
			err := cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 130 {
				t.Errorf("exit: %v, want status 130", err)
			}
			var got, exp any
			if err := json.Unmarshal([]byte(stderr.String()), &got); err != nil || strings.Count(stderr.String(), "\n") != 1 {
				t.Fatalf("stderr %q is not one JSON object: %v", stderr.String(), err)
			}
			_ = json.Unmarshal([]byte(fmt.Sprintf(want, tc.where+"interrupted")), &exp)
			if !reflect.DeepEqual(got, exp) {
				t.Errorf("stderr %q, want %v", stderr.String(), exp)
			}
		})
	}
}
