package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

// TestBarePyroshHintsAndLeavesWithExit runs `pyrosh` with no URI: one
// line says how to start; :HMAC in capitals asks for the key without
// echo; exit() leaves with status 0 and the terminal restored.
func TestBarePyroshHintsAndLeavesWithExit(t *testing.T) {
	hist := filepath.Join(t.TempDir(), "history")
	tm := startCLI(t, "--history "+hist)
	tm.waitText("not connected: try :connect URI, :ns (name server entries) or :help")
	tm.waitPromptLine(">>>", 10*time.Second)
	tm.send(":HMAC")
	tm.send("\r")
	tm.waitText("HMAC key (empty for none):")
	tm.send("upp3rcase-s3cret")
	tm.send("\r")
	tm.waitText("hmac key set")
	tm.waitPromptLine(">>>", 5*time.Second)
	tm.send("exit()")
	tm.send("\r")
	if status := tm.wait(5 * time.Second); status != 0 {
		t.Errorf("exit status %d after exit(), want 0; screen:\n%s", status, tm.screen())
	}
	if strings.Contains(tm.screen(), "upp3rcase-s3cret") {
		t.Errorf("the key was echoed:\n%s", tm.screen())
	}
	if b, _ := os.ReadFile(hist); strings.Contains(string(b), "s3cret") || strings.Contains(strings.ToLower(string(b)), "hmac") {
		t.Errorf("history holds the :HMAC line: %q", b)
	}
	tm.checkRestored()
}

// TestQuitWithAStatusAndTheBatchPrompt leaves a shell on a real Pyro4
// daemon with exit(3) after a batch typed at the prompt.
func TestQuitWithAStatusAfterABatch(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	tm := start(t, d.URI("Thing"))
	tm.waitPromptLine(">>>", 10*time.Second)
	// While a batch is collected the prompt says so.
	tm.send(":batch\r")
	tm.waitText("\nbatch> ")
	tm.send("obj.echo('first')\r")
	tm.waitText("batch> obj.echo('first')")
	tm.send("obj.add(20, 22)\r")
	tm.waitText("batch> obj.add(20, 22)")
	tm.send(":end\r")
	tm.waitText("batch> :end")
	tm.waitText("'first'")
	tm.waitText("42")
	tm.waitPromptLine(">>>", 5*time.Second)
	tm.send("exit(3)")
	tm.send("\r")
	if status := tm.wait(5 * time.Second); status != 3 {
		t.Errorf("exit status %d after exit(3), want 3; screen:\n%s", status, tm.screen())
	}
	tm.checkRestored()
}
