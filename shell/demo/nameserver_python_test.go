package demo

import (
	"context"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

// TestPythonUsesTheDemoNameServer runs testdata/nameserver.py: real Pyro4
// (locateNS, the name server's methods, PYRONAME and PYROMETA proxies)
// against the demo name server and, for comparison, against a real Pyro4
// name server holding the same names. The results must be the same.
func TestPythonUsesTheDemoNameServer(t *testing.T) {
	pyrotest.RequirePyro4(t)
	r := startTest(t)
	uris := r.URIs()
	for _, ser := range []string{"serpent", "json", "marshal", "msgpack"} {
		t.Run(ser, func(t *testing.T) {
			req, _ := json.Marshal(map[string]any{"serializer": ser, "host": r.NS.Host, "port": r.NS.Port,
				"example": uris[ExampleID], "showcase": uris[ShowcaseID]})
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, pyrotest.Python, "testdata/nameserver.py", string(req))
			cmd.WaitDelay = 2 * time.Second
			var stderr strings.Builder
			cmd.Stderr = &stderr
			outb, err := cmd.Output()
			if err != nil {
				t.Fatalf("nameserver.py: %v\n%s", err, stderr.String())
			}
			var out struct{ Go, Py map[string]string }
			if err := json.Unmarshal(outb, &out); err != nil {
				t.Fatalf("nameserver.py output %q: %v", outb, err)
			}
			if len(out.Py) == 0 {
				t.Fatal("no steps ran")
			}
			// Pyro4's marshal serializer cannot send a URI inside a tuple;
			// the demo name server can.
			better := map[string]bool{}
			if ser == "marshal" {
				for _, k := range []string{"lookup_meta", "lookup_ns", "lookup_two"} {
					if out.Py[k] != "!ValueError: unmarshallable object" {
						t.Errorf("Pyro4 %s: %s", k, out.Py[k])
					}
					better[k] = true
				}
				if w := "('URI PYRO:Showcase@" + r.Addr + "', ['class:demo.Showcase', 'demo'])"; out.Go["lookup_meta"] != w {
					t.Errorf("lookup_meta = %s, want %s", out.Go["lookup_meta"], w)
				}
			}
			for k, w := range out.Py {
				if got := out.Go[k]; got != w && !better[k] {
					t.Errorf("%s:\n  demo name server %s\n  Pyro4 name server %s", k, got, w)
				}
			}
			// Spot checks, so that both being wrong the same way shows.
			for k, w := range map[string]string{
				"pyroname":  "'hello'",
				"pyrometa":  "'hello, Ada!'",
				"lookup":    "'URI " + uris[ExampleID] + "'",
				"prefix":    "{'demo.example': '" + uris[ExampleID] + "', 'demo.showcase': '" + uris[ShowcaseID] + "'}",
				"regex_bad": "!NamingError",
			} {
				if got := out.Go[k]; got != w {
					t.Errorf("%s = %s, want %s", k, got, w)
				}
			}
		})
	}
}
