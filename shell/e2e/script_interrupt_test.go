package e2e

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

// TestScriptStoppedByCtrlC: Ctrl+C while a script's statement waits for
// its reply says "pyrosh: interrupted" as `pyrosh call` does, naming the
// line as the script's other errors do (FILE:LINE with -f, <stdin>:LINE
// piped), and the script ends with status 130.
func TestScriptStoppedByCtrlC(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	script := filepath.Join(t.TempDir(), "nap.txt")
	const src = "obj.echo(1)\nobj.sleep(30)\nobj.echo('not run')\n"
	if err := os.WriteFile(script, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, args, stdin, want string
	}{
		{"-f", "-f " + script + " " + d.URI("Thing"), "", "pyrosh: " + script + ":2: interrupted\n"},
		{"piped", d.URI("Thing"), src, "pyrosh: <stdin>:2: interrupted\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cmd := pyroshCmd(t, tt.args)
			cmd.Stdin = strings.NewReader(tt.stdin)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			waitDialled(t, cmd.Process.Pid)
			time.Sleep(500 * time.Millisecond) // obj.sleep(30) is waiting for its reply
			_ = cmd.Process.Signal(os.Interrupt)
			err := cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 130 || stderr.String() != tt.want {
				t.Errorf("after Ctrl+C: %v, stderr %q, want exit status 130 and %q", err, stderr.String(), tt.want)
			}
		})
	}
}
