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

// Python is the interpreter with Pyro4 4.82, serpent and msgpack installed.
const Python = "/usr/bin/python3"

// RequireEnv names the environment variable that turns a missing Pyro4 from a
// skip into a failure when set to 1.
const RequireEnv = "PYROSH_REQUIRE_PYRO4"

var probe struct {
	once sync.Once
	err  string // why Pyro4 is unusable; "" when it works
}

// RequirePyro4 skips the test when Python cannot import Pyro4, serpent and
// msgpack, or fails it when PYROSH_REQUIRE_PYRO4=1. It is the one place that
// decides skip versus fail; every helper of this package calls it.
func RequirePyro4(t testing.TB) {
	t.Helper()
	probe.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		out, err := exec.CommandContext(ctx, Python, "-c",
			"import Pyro4, serpent, msgpack; print(Pyro4.__version__)").CombinedOutput()
		if err != nil {
			probe.err = strings.TrimSpace(string(out))
			if probe.err == "" {
				probe.err = err.Error()
			}
		}
	})
	if probe.err == "" {
		return
	}
	if os.Getenv(RequireEnv) == "1" {
		t.Fatalf("pyro4 required (%s=1) but unusable with %s: %s", RequireEnv, Python, probe.err)
	}
	t.Skipf("pyro4 unusable with %s: %s", Python, probe.err)
}
