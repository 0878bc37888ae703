package cli_test

import (
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

// TestScriptsPyro5 runs testdata/script5/*.txtar against real Python Pyro5
// daemons and a Pyro5 name server ($EXAMPLE5, $THING5, $DAEMON5,
// $NS5HOST, $NS5PORT), with a Pyro4 daemon ($EXAMPLE4) beside them for
// the detection checks.
func TestScriptsPyro5(t *testing.T) {
	d := pyrotest.StartDaemon5(t, pyrotest.DaemonOptions{})
	d4 := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	ns := pyrotest.StartNameServer5(t, pyrotest.NSOptions{Registrations: []pyrotest.Registration{
		{Name: "example.hello", ObjectID: "Example", Metadata: []string{"class:example"}},
		{Name: "example.thing", ObjectID: "Thing", Metadata: []string{"class:thing"}},
		{Name: "pyro4.hello", URI: d4.URI("Example"), Metadata: []string{"class:example4"}},
	}})
	// A name server of its own for the scripts that change entries.
	wns := pyrotest.StartNameServer5(t, pyrotest.NSOptions{Registrations: []pyrotest.Registration{
		{Name: "keep.me", ObjectID: "Example", Metadata: []string{"class:example"}},
	}})
	hs := pyrotest.StartDaemon5(t, pyrotest.DaemonOptions{Handshake: "sesame"})
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script5",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		UpdateScripts:       *update,
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"exits": exits},
		Setup: func(env *testscript.Env) error {
			env.Setenv("EXAMPLE5", d.URI("Example"))
			env.Setenv("THING5", d.URI("Thing"))
			env.Setenv("DAEMON5", d.Location)
			env.Setenv("EXAMPLE4", d4.URI("Example"))
			env.Setenv("NS5HOST", ns.Host)
			env.Setenv("NS5PORT", strconv.Itoa(ns.Port))
			env.Setenv("WNS5HOST", wns.Host)
			env.Setenv("WNS5PORT", strconv.Itoa(wns.Port))
			env.Setenv("HANDSHAKE5", hs.URI("Thing"))
			env.Setenv("PYTHON", pyrotest.Python)
			env.Setenv("PYRO5PATH", pyrotest.Pyro5Path())
			env.Setenv("PYLIST5", pyList5)
			env.Setenv("HOME", env.WorkDir)
			return nil
		},
	})
}

// pyList5 prints the entries of the Pyro5 name server at
// $WNS5HOST:$WNS5PORT as Python's Pyro5 sees them: "NAME URI [sorted
// metadata]", one per line.
const pyList5 = `import os, sys
sys.path.insert(0, os.environ["PYRO5PATH"])
import Pyro5.api
ns = Pyro5.api.locate_ns(os.environ["WNS5HOST"], int(os.environ["WNS5PORT"]))
for name, (uri, meta) in sorted(ns.list(return_metadata=True).items()):
    print(name, uri, sorted(meta))
`
