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
			env.Setenv("HOME", env.WorkDir)
			return nil
		},
	})
}
