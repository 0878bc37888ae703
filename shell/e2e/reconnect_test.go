//go:build linux

package e2e

import (
	"bufio"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

// TestShellCallsOnAfterDaemonRestart restarts a real daemon on the same
// port between two statements typed in the shell: the second statement
// dials again and works (issue 15 item 7).
func TestShellCallsOnAfterDaemonRestart(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	tm := start(t, d.URI("Thing"))
	tm.waitPromptLine(">>>", 10*time.Second)
	tm.send("obj.add(1, 2)")
	tm.send("\r")
	tm.waitText("\n3")
	tm.waitPromptLine(">>>", 5*time.Second)
	d.Stop()
	pyrotest.StartDaemon(t, pyrotest.DaemonOptions{Port: d.Port})
	tm.send("obj.add(20, 22)")
	tm.send("\r")
	tm.waitText("\n42")
	if s := tm.screen(); strings.Contains(s, "closed") || strings.Contains(s, "Error") {
		t.Errorf("the statement after the restart failed:\n%s", s)
	}
	tm.waitPromptLine(">>>", 5*time.Second)
	tm.send("\x04")
	if status := tm.wait(5 * time.Second); status != 0 {
		t.Errorf("exit status %d, want 0", status)
	}
}

// TestPipedScriptCallsOnAfterDaemonRestart is the same through a pipe:
// a script's statement after a daemon restart works and the script exits 0.
func TestPipedScriptCallsOnAfterDaemonRestart(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "PYROSH_E2E_CLI="+d.URI("Thing"), "HOME="+t.TempDir())
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	out := bufio.NewReader(stdout)
	line := func() string {
		t.Helper()
		l, err := out.ReadString('\n')
		if err != nil {
			t.Fatalf("read the script's output: %v; stderr: %s", err, stderr.String())
		}
		return strings.TrimSpace(l)
	}
	if _, err := stdin.Write([]byte("obj.add(1, 2)\n")); err != nil {
		t.Fatal(err)
	}
	if got := line(); got != "3" {
		t.Fatalf("first statement printed %q, want 3", got)
	}
	d.Stop()
	pyrotest.StartDaemon(t, pyrotest.DaemonOptions{Port: d.Port})
	if _, err := stdin.Write([]byte("obj.add(20, 22)\n")); err != nil {
		t.Fatal(err)
	}
	if got := line(); got != "42" {
		t.Fatalf("statement after the restart printed %q, want 42; stderr: %s", got, stderr.String())
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("script: %v; stderr: %s", err, stderr.String())
	}
}
