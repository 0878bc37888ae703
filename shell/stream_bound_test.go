package shell

import (
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

// An endless generator bound to a name stops at the bound with a usage
// error, and the shell closes it on the daemon (close_stream).
func TestGeneratorBoundToNameStopsAtBound(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	script := "g = obj.count(1000000000000)\nobj.open_streams()\ng\n"
	stdout, stderr, status := runPiped(t, Options{URI: d.URI("Thing")}, script)
	if status != 2 {
		t.Errorf("status = %d, want 2 (stderr %q)", status, stderr)
	}
	want := "the generator passed 10,000 items or 64 MiB, the most a name or an argument can hold: iterate it at the prompt to print its items"
	if !strings.Contains(stderr, want) || strings.Count(stderr, "\n") != 2 {
		t.Errorf("stderr = %q, want one line with %q and the NameError of g", stderr, want)
	}
	if !strings.Contains(stderr, "NameError: name 'g' is not defined") {
		t.Errorf("stderr = %q: g must stay unbound", stderr)
	}
	if stdout != "0\n" {
		t.Errorf("stdout = %q, want the daemon holding no stream: 0", stdout)
	}
}

// `_` after a stream longer than the bound is None, with a note; every
// item is still printed.
func TestUnderscoreAfterLongStreamIsNone(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	stdout, stderr, status := runPiped(t, Options{URI: d.URI("Thing")}, "obj.count(10001)\n_\nobj.count(2)\n_\n")
	if status != 0 {
		t.Errorf("status = %d, want 0 (stderr %q)", status, stderr)
	}
	if want := "(_ not set: the stream passed 10,000 items or 64 MiB)\n"; stderr != want {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}
	lines := strings.Split(stdout, "\n")
	if len(lines) != 10001+1+2+1+1 || lines[10000] != "10000" || lines[10001] != "None" {
		t.Errorf("stdout has %d lines, ending %q; want 0..10000, None, 0, 1, [0, 1]", len(lines), lines[max(len(lines)-6, 0):])
	}
	if !strings.HasSuffix(stdout, "10000\nNone\n0\n1\n[0, 1]\n") {
		t.Errorf("stdout ends %q", stdout[max(len(stdout)-40, 0):])
	}
}
