package cli

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/pyrotest"
	"github.com/pyrosh/pyrosh/shell/iostreams"
)

// TestOnewayNoteOnTerminal checks that a oneway call says so on stderr when
// stderr is a terminal, and stays silent in a pipe.
func TestOnewayNoteOnTerminal(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	for _, tty := range []bool{true, false} {
		ios, _, out, errOut := iostreams.Test()
		ios.SetStderrTTY(tty)
		if code := Main([]string{"call", d.URI("Thing"), "fire", "1"}, ios, func(string) string { return "" }); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		want := ""
		if tty {
			want = "(oneway, no result)\n"
		}
		if out.Len() != 0 || errOut.String() != want {
			t.Errorf("stderr a terminal: %v: stdout %q, stderr %q, want stderr %q", tty, out, errOut, want)
		}
	}
}
