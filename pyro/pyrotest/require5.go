package pyrotest

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// Require5Env names the environment variable that turns a missing Pyro5
// from a skip into a failure when set to 1.
const Require5Env = "PYROSH_REQUIRE_PYRO5"

// Pyro5PathEnv names the environment variable holding the directory with
// Pyro5's package (the DEST of .ci/install-pyro5.sh); DefaultPyro5Path
// when unset.
const Pyro5PathEnv = "PYROSH_PYRO5_PATH"

// DefaultPyro5Path is where .ci/install-pyro5.sh puts Pyro5 by default.
const DefaultPyro5Path = "/opt/pyro5"

// Pyro5Path is the PYTHONPATH under which /usr/bin/python3 imports Pyro5.
// Pyro5 is not installed system-wide: Debian's python3-pyro5 conflicts
// with python3-pyro4.
func Pyro5Path() string {
	if p := os.Getenv(Pyro5PathEnv); p != "" {
		return p
	}
	return DefaultPyro5Path
}

var probe5 struct {
	once sync.Once
	err  string
}

// RequirePyro5 skips the test when Python cannot import Pyro5 (from
// Pyro5Path), serpent and msgpack, or fails it when PYROSH_REQUIRE_PYRO5=1.
// It is the one place that decides skip versus fail for Pyro5.
func RequirePyro5(t testing.TB) {
	t.Helper()
	probe5.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, Python, "-c", "import Pyro5, serpent, msgpack; print(Pyro5.__version__)")
		cmd.Env = childEnv5(nil)
		out, err := cmd.CombinedOutput()
		if err != nil {
			probe5.err = strings.TrimSpace(string(out))
			if probe5.err == "" {
				probe5.err = err.Error()
			}
		}
	})
	if probe5.err == "" {
		return
	}
	if os.Getenv(Require5Env) == "1" {
		t.Fatalf("pyro5 required (%s=1) but unusable with PYTHONPATH=%s %s: %s", Require5Env, Pyro5Path(), Python, probe5.err)
	}
	t.Skipf("pyro5 unusable with PYTHONPATH=%s %s: %s", Pyro5Path(), Python, probe5.err)
}

// childEnv5 is childEnv with Pyro5 on PYTHONPATH. childEnv already drops
// every PYRO_* variable, which Pyro5 requires: an unknown one makes its
// import fail (PROTOCOL.md §11).
func childEnv5(extra map[string]string) []string {
	env := map[string]string{"PYTHONPATH": Pyro5Path()}
	for k, v := range extra {
		env[k] = v
	}
	var out []string
	for _, kv := range childEnv(env) {
		if !strings.HasPrefix(kv, "PYTHONPATH=") || kv == "PYTHONPATH="+env["PYTHONPATH"] {
			out = append(out, kv)
		}
	}
	return out
}

// Pyro5Env returns the environment for a Python Pyro5 process a test
// starts itself: Pyro5Path on PYTHONPATH and no PYRO_* variable.
func Pyro5Env() []string { return childEnv5(nil) }
