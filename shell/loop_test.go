package shell

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/pyrosh/pyrosh/history"
	"github.com/pyrosh/pyrosh/pyro/pyrotest"
	"github.com/pyrosh/pyrosh/shell/iostreams"
	"github.com/pyrosh/pyrosh/shell/printer"
)

// scripted is a lineReader that plays lines and records the prompts it
// was asked with. A line equal to ctrlC is read as Ctrl+C; a function
// runs (for side effects such as signals) and reads the next line.
type scripted struct {
	steps   []any
	prompts []string
}

const ctrlC = "\x03"

func (r *scripted) ReadLine(prompt string) (string, error) {
	r.prompts = append(r.prompts, prompt)
	for len(r.steps) > 0 {
		st := r.steps[0]
		r.steps = r.steps[1:]
		switch st := st.(type) {
		case func():
			st()
			continue
		case string:
			if st == ctrlC {
				return "", errInterrupt
			}
			return st, nil
		}
	}
	return "", io.EOF
}

// testSession is an interactive session on buffers, with history in
// memory.
func testSession(t *testing.T) (*session, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	s := newSession(Options{IO: ios, Name: "obj", Format: printer.Repr}, true)
	s.hist = history.NewMemory(history.Options{})
	t.Cleanup(s.close)
	return s, out, errOut
}

func runLoop(t *testing.T, s *session, steps ...any) (loopResult, *scripted) {
	t.Helper()
	r := &scripted{steps: steps}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return s.loop(ctx, r, func() int { return 0 }), r
}

func TestLoopContinuationPromptsAndCtrlC(t *testing.T) {
	s, out, errOut := testSession(t)
	res, r := runLoop(t, s,
		"x = [1,", "2]", // continued statement
		"y = [3,", ctrlC, // Ctrl+C drops the pending lines
		"x", "y", // y was never assigned
		ctrlC, // Ctrl+C on an empty line does nothing
		"x[0]",
	)
	if res != (loopResult{status: StatusRemote}) {
		t.Errorf("result = %+v, want status 1 and no quit", res)
	}
	wantPrompts := []string{">>> ", "... ", ">>> ", "... ", ">>> ", ">>> ", ">>> ", ">>> ", ">>> "}
	if strings.Join(r.prompts, "|") != strings.Join(wantPrompts, "|") {
		t.Errorf("prompts = %q, want %q", r.prompts, wantPrompts)
	}
	if got := out.String(); got != "[1, 2]\n1\n" {
		t.Errorf("stdout = %q", got)
	}
	if !strings.Contains(errOut.String(), "NameError: name 'y' is not defined (local)") {
		t.Errorf("stderr = %q", errOut.String())
	}
	if got := s.hist.Entries(); strings.Join(got, "|") != "x = [1,\n2]|x|y|x[0]" {
		t.Errorf("history = %q", got)
	}
}

func TestLoopQuitStopsReading(t *testing.T) {
	s, out, _ := testSession(t)
	res, _ := runLoop(t, s, ":quit", "x")
	if !res.quit || res.status != 0 {
		t.Errorf("result = %+v, want quit", res)
	}
	if out.Len() != 0 {
		t.Errorf("stdout = %q, want nothing after :quit", out)
	}
}

func TestLoopErrorsKeepVariables(t *testing.T) {
	s, out, _ := testSession(t)
	runLoop(t, s, "a = 'kept'", "a[9]", "nope(", ")", "a")
	if got := out.String(); got != "'kept'\n" {
		t.Errorf("stdout = %q, want the variable to survive the errors", got)
	}
}

func TestCtrlCCancelsACallInFlight(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	s, out, errOut := testSession(t)
	res, _ := runLoop(t, s,
		":connect "+d.URI("Thing"),
		func() {
			go func() {
				time.Sleep(300 * time.Millisecond)
				for !s.interrupt() {
					time.Sleep(10 * time.Millisecond)
				}
			}()
		},
		"obj.sleep(30)",
		"obj.echo('after')",
	)
	// Cancelled, not finished: obj.sleep(30) returning would leave the
	// status 0 and print None before 'after'.
	if res.status != StatusInterrupted {
		t.Errorf("status = %d, want %d", res.status, StatusInterrupted)
	}
	if !strings.Contains(errOut.String(), "interrupted") {
		t.Errorf("stderr = %q, want it to say interrupted", errOut)
	}
	if got := out.String(); got != "'after'\n" {
		t.Errorf("stdout = %q, want the next call to re-dial and work", got)
	}
}

// interruptingWriter stands for a terminal where Ctrl+C arrives while a
// large result is written: after the first write it interrupts the
// statement.
type interruptingWriter struct {
	w *bytes.Buffer
	s *session
}

func (w interruptingWriter) Write(p []byte) (int, error) {
	n, err := w.w.Write(p)
	w.s.interrupt()
	return n, err
}

func TestCtrlCDuringAResultStartsANewLine(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	s, _, _ := testSession(t)
	var term bytes.Buffer // stdout and stderr on one terminal
	s.errOut = &term
	s.pr = printer.New(stopWriter{w: interruptingWriter{w: &term, s: s}, s: s}, printer.Repr, 80, false)
	res, _ := runLoop(t, s, ":connect "+d.URI("Thing"), "obj.big(20000)", "1")
	if res.status != StatusInterrupted {
		t.Errorf("status = %d, want %d", res.status, StatusInterrupted)
	}
	got := term.String()
	i := strings.Index(got, "interrupted\n")
	if i <= 0 || got[i-1] != '\n' {
		t.Errorf("terminal = ...%q, want interrupted on a line of its own", got[max(0, len(got)-80):])
	}
	if !strings.HasSuffix(got, "interrupted\n1\n") {
		t.Errorf("terminal ends %q, want the next result after interrupted", got[max(0, len(got)-80):])
	}
}

func TestCtrlCClosesAStream(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	s, _, _ := testSession(t)
	out := &syncBuffer{}
	s.out = out
	s.pr = printer.New(out, printer.Repr, 80, false)
	go func() {
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) && !strings.Contains(out.String(), "1\n") {
			time.Sleep(10 * time.Millisecond)
		}
		s.interrupt()
	}()
	res, _ := runLoop(t, s, ":connect "+d.URI("Thing"), "obj.slow_count(100, 0.1)", "obj.count(2)")
	if res.status != StatusInterrupted {
		t.Errorf("status = %d", res.status)
	}
	got := out.String()
	if !strings.HasPrefix(got, "0\n1\n") || !strings.HasSuffix(got, "\n0\n1\n") || strings.Contains(got, "99") {
		t.Errorf("stdout = %q, want the stream cut short and the next call working", got)
	}
}

// TestLoopFailureEndsTheLine: at the prompt, a statement that raised ends
// its ';' line (Python's logical line); the next line runs.
func TestLoopFailureEndsTheLine(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	s, out, errOut := testSession(t)
	res, _ := runLoop(t, s,
		":connect "+d.URI("Thing"),
		"obj.echo(0); obj.divide(1, 0); obj.echo('after')",
		"x = 1; y[0]; x = 2",
		"obj.echo(x)",
		"obj.echo('not run'); 1 +", // a syntax error on the line runs none of it
		"obj.echo('not run'); obj.echo(1))",
		func() { d.Stop() },
		"obj.echo(3); obj.echo(4)", // the daemon is gone: one error, not two
	)
	if got := out.String(); got != "0\n1\n" {
		t.Errorf("stdout = %q, want the statements after each failure skipped", got)
	}
	e := errOut.String()
	if !strings.Contains(e, "ZeroDivisionError") || !strings.Contains(e, "NameError: name 'y'") {
		t.Errorf("stderr = %q", e)
	}
	if n := strings.Count(e, "SyntaxError"); n != 2 {
		t.Errorf("stderr = %q: %d syntax errors, want 2", e, n)
	}
	if n := strings.Count(e, "refused"); n != 1 {
		t.Errorf("stderr = %q: %d refused connections, want 1", e, n)
	}
	if res.status != StatusRemote {
		t.Errorf("status = %d, want %d (the first failure's)", res.status, StatusRemote)
	}
}

// isMetaLine must answer as strings.TrimSpace does.
func TestIsMetaLine(t *testing.T) {
	for _, line := range []string{"", " ", ":q", "  :quit", "\t\r\v\f:x", "x:", " x", "\u00a0:q", " \u0085 :q", "\u2003x", "é:", ":", "\n:"} {
		if got, want := isMetaLine(line), strings.HasPrefix(strings.TrimSpace(line), ":"); got != want {
			t.Errorf("isMetaLine(%q) = %v, want %v", line, got, want)
		}
	}
}

// At the prompt a line that cannot continue the statement is numbered
// from the statement's first line, as the error's "line N, column C" is,
// however many lines the session read before it.
func TestLoopBrokenStatementLinesCountFromTheStatement(t *testing.T) {
	s, out, errOut := testSession(t)
	runLoop(t, s, "a = 1", "b = 2", "c = [1,", "2 3", "a")
	want := "  c = [1,\n      ^\nSyntaxError: '[' was never closed (line 2 cannot continue the statement: "
	if got := errOut.String(); !strings.Contains(got, want) {
		t.Errorf("stderr = %q, want it to contain %q", got, want)
	}
	if got := out.String(); got != "1\n" {
		t.Errorf("stdout = %q, want the statement after the broken one to run", got)
	}

	s, _, errOut = testSession(t)
	runLoop(t, s, ":output json", "a = 1", "b = 2", "c = [1,", "2 3")
	want = `"message":"SyntaxError: line 1, column 5: '[' was never closed (line 2 cannot continue the statement: `
	if got := errOut.String(); !strings.Contains(got, want) {
		t.Errorf("stderr = %q, want it to contain %q", got, want)
	}
}
