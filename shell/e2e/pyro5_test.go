package e2e

import (
	"testing"
	"time"

	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

// TestInteractiveSessionOnPyro5 opens the shell on a real Pyro5 daemon in
// a pty: completion from its metadata, calls with keyword arguments, a cancelled call,
// and :objects/:ping saying the protocol.
func TestInteractiveSessionOnPyro5(t *testing.T) {
	d := pyrotest.StartDaemon5(t, pyrotest.DaemonOptions{})
	tm := start(t, d.URI("Thing"))
	tm.waitPromptLine(">>>", 10*time.Second)

	tm.send("obj.ec")
	tm.waitText("method")
	tm.send("\t")
	tm.waitPromptLine(">>> obj.echo", 5*time.Second)
	tm.send("('hi from five')\r")
	tm.waitText("'hi from five'")
	tm.waitPromptLine(">>>", 5*time.Second)

	tm.send("obj.echo_kw(1, k=[2, 3])\r")
	tm.waitText("[[1], {'k': [2, 3]}]")
	tm.waitPromptLine(">>>", 5*time.Second)

	tm.send("obj.sleep(30)\r")
	tm.waitRunning()
	tm.send("\x03")
	tm.waitText("interrupted")
	tm.waitPromptLine(">>>", 5*time.Second)

	tm.send(":objects\r")
	tm.waitText("(serpent, Pyro5)")
	tm.send(":ping\r")
	tm.waitText("(Pyro5): ping")
	tm.waitPromptLine(">>>", 5*time.Second)
	tm.send("\x04")
	if status := tm.wait(5 * time.Second); status != 0 {
		t.Errorf("exit status %d after Ctrl+D, want 0; screen:\n%s", status, tm.screen())
	}
	tm.checkRestored()
}
