package demo

import (
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

// interop5 runs testdata/interop.py with a real Pyro5 proxy; nsPort 0
// leaves out the name-server steps.
func interop5(t *testing.T, serializer, example, showcase, nsHost string, nsPort int) map[string]string {
	t.Helper()
	pyrotest.RequirePyro5(t)
	return runInterop(t, pyrotest.Pyro5Env(), map[string]any{"protocol": 5, "serializer": serializer,
		"example": example, "showcase": showcase, "ns_host": nsHost, "ns_port": nsPort})
}

// TestPython5ProxiesCallTheGoDaemon calls the demo and its name server
// through real Pyro5 proxies with each serializer, on the same ports as
// Pyro4 proxies use. Example's results must equal a Python Pyro5
// daemon's; Showcase's and the name server's are checked against what
// Pyro5 gives for the same Python code.
func TestPython5ProxiesCallTheGoDaemon(t *testing.T) {
	pyrotest.RequirePyro5(t)
	r := startTest(t)
	py := pyrotest.StartDaemon5(t, pyrotest.DaemonOptions{})
	uris := r.URIs()
	for _, ser := range []string{"serpent", "json", "marshal", "msgpack"} {
		t.Run(ser, func(t *testing.T) {
			got := interop5(t, ser, uris[ExampleID], uris[ShowcaseID], r.NS.Host, r.NS.Port)
			want := interop5(t, ser, py.URI("Example"), "", "", 0)
			for k, w := range want {
				if got[k] != w {
					t.Errorf("%s: Go daemon gave %s, Python daemon %s", k, got[k], w)
				}
			}
			for k, w := range showcase5Want(ser, r) {
				if got[k] != w {
					t.Errorf("%s:\n got %s\nwant %s", k, got[k], w)
				}
			}
		})
	}
}

// showcase5Want is showcaseWant (the Showcase answers Pyro5 as it answers
// Pyro4, Python's marshal proxy failing the same way) plus the name
// server's steps.
func showcase5Want(ser string, r *Running) map[string]string {
	w := showcaseWant(ser)
	uris := r.URIs()
	w["unknown_object"] = "!CommunicationError: connection to ('127.0.0.1', " + strings.Split(r.Addr, ":")[1] + ") rejected: unknown object"
	w["ns_ping"] = "None"
	w["ns_list"] = "['Pyro.NameServer', 'demo.example', 'demo.showcase']"
	w["ns_list_prefix"] = "['demo.example', 'demo.showcase']"
	w["ns_lookup"] = "'" + uris[ExampleID] + "'"
	w["ns_lookup_meta"] = "('URI', ['class:demo.Example', 'demo'])"
	w["ns_lookup_unknown"] = "!NamingError: unknown name: nope"
	w["ns_yplookup"] = "[('demo.example', '" + uris[ExampleID] + "', ['class:demo.Example', 'demo']), ('demo.showcase', '" +
		uris[ShowcaseID] + "', ['class:demo.Showcase', 'demo'])]"
	w["ns_yplookup_any"] = "{'demo.showcase': '" + uris[ShowcaseID] + "'}"
	w["ns_yplookup_none"] = "{}"
	w["ns_pyroname"] = "(1, 'a')"
	w["ns_pyrometa"] = "'hello, x!'"
	w["ns_writes"] = "[['t1'], ['test.obj'], 1, 3]"
	if ser == "json" || ser == "msgpack" {
		w["ns_pyroname"] = "[1, 'a']"
	}
	return w
}
