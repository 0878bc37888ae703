package codectest

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"os/exec"
	"testing"
	"time"

	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

// pythonTimeout bounds one script run: a table of a few dozen values
// takes well under a second.
const pythonTimeout = 30 * time.Second

// RunPython runs script with pyrotest.Python (after RequirePyro4, so a
// missing Pyro4 skips or fails as PYROSH_REQUIRE_PYRO4 says), feeding it
// in as JSON on stdin and decoding its JSON stdout into out. A script
// that fails, prints something else or outlives its deadline fails the
// test.
func RunPython(tb testing.TB, script string, in, out any) {
	tb.Helper()
	pyrotest.RequirePyro4(tb)
	data, err := json.Marshal(in)
	if err != nil {
		tb.Fatalf("python request: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), pythonTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, pyrotest.Python, "-c", script)
	cmd.Stdin = bytes.NewReader(data)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	res, err := cmd.Output()
	if err != nil {
		tb.Fatalf("python: %v\n%s", err, stderr.String())
	}
	if err := json.Unmarshal(res, out); err != nil {
		tb.Fatalf("python output: %v\n%s", err, res)
	}
}

// PythonReply is what a round-trip script prints: the repr of each
// loaded payload (or "ERROR type: message"), and for each expression the
// hex Pyro4 dumped and the repr of loading it back.
type PythonReply struct {
	Loaded []string `json:"loaded"`
	Dumped []struct {
		Hex  string `json:"hex"`
		Repr string `json:"repr"`
	} `json:"dumped"`
}

// RoundTripPython runs a round-trip script in one process: it reads
// {"encoded": [hex...], "exprs": [python expression...]} on stdin, loads
// each payload and dumps each expression, and prints a PythonReply. The
// test fails unless it answers for every payload and expression.
func RoundTripPython(tb testing.TB, script string, encoded [][]byte, exprs []string) PythonReply {
	tb.Helper()
	hexed := make([]string, len(encoded))
	for i, b := range encoded {
		hexed[i] = hex.EncodeToString(b)
	}
	var r PythonReply
	RunPython(tb, script, map[string]any{"encoded": hexed, "exprs": append([]string{}, exprs...)}, &r)
	if len(r.Loaded) != len(encoded) || len(r.Dumped) != len(exprs) {
		tb.Fatalf("python answered %d/%d loads and %d/%d dumps", len(r.Loaded), len(encoded), len(r.Dumped), len(exprs))
	}
	return r
}
