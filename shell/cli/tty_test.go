package cli

import (
	"fmt"
	"os/exec"
	"strconv"
	"strings"
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

// TestNSRemoveAsksOnTerminal checks that removing several entries lists
// them and asks when stdin and stderr are a terminal, and removes them
// only on yes.
func TestNSRemoveAsksOnTerminal(t *testing.T) {
	ns := pyrotest.StartNameServer(t, pyrotest.NSOptions{Registrations: []pyrotest.Registration{
		{Name: "t.one", ObjectID: "Example"}, {Name: "t.two", ObjectID: "Thing"}, {Name: "keep", ObjectID: "Thing"},
	}})
	env := func(k string) string {
		return map[string]string{"PYRO_NS_HOST": ns.Host, "PYRO_NS_PORT": strconv.Itoa(ns.Port)}[k]
	}
	remove := func(answer string) string {
		ios, in, _, errOut := iostreams.Test()
		ios.SetStdinTTY(true)
		ios.SetStderrTTY(true)
		in.WriteString(answer)
		if code := Main([]string{"ns", "remove", "--prefix", "t."}, ios, env); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		return errOut.String()
	}
	if got, want := remove("n\n"), "  t.one\n  t.two\nRemove these 2 entries? [y/N] nothing removed\n"; got != want {
		t.Errorf("answer n: stderr %q, want %q", got, want)
	}
	if got := pyNames(t, ns); got != "['keep', 't.one', 't.two']" {
		t.Fatalf("after no: names %s", got)
	}
	if got, want := remove("y\n"), "  t.one\n  t.two\nRemove these 2 entries? [y/N] removed 2 entries\n"; got != want {
		t.Errorf("answer y: stderr %q, want %q", got, want)
	}
	if got := pyNames(t, ns); got != "['keep']" {
		t.Errorf("after yes: names %s", got)
	}
}

// pyNames lists the name server's names (but its own) from Python.
func pyNames(t *testing.T, ns *pyrotest.NameServer) string {
	t.Helper()
	out, err := exec.Command(pyrotest.Python, "-c", fmt.Sprintf(
		"import Pyro4; ns = Pyro4.locateNS(%q, %d); print(sorted(n for n in ns.list() if n != 'Pyro.NameServer'))", ns.Host, ns.Port)).CombinedOutput()
	if err != nil {
		t.Fatalf("python: %v: %s", err, out)
	}
	return strings.TrimSpace(string(out))
}
