package pyro_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro"
)

func TestParseURIAccepts(t *testing.T) {
	cases := []struct {
		in, canonical, host, socket string
		port                        int
	}{
		{"PYRO:obj@localhost:9091", "PYRO:obj@localhost:9091", "localhost", "", 9091},
		{"pyro:obj@h:1", "PYRO:obj@h:1", "h", "", 1},
		{"PYRO:obj@[::1]:5000", "PYRO:obj@[::1]:5000", "::1", "", 5000},
		{"PYRO:obj@./u:/tmp/sock", "PYRO:obj@./u:/tmp/sock", "", "/tmp/sock", 0},
		{"PYRONAME:name@nshost", "PYRONAME:name@nshost:9090", "nshost", "", 9090},
		{"PYRONAME:name@nshost:1234", "PYRONAME:name@nshost:1234", "nshost", "", 1234},
		{"pYrOnAmE:x", "PYRONAME:x", "", "", 0},
		{"PYROMETA:a,b@h", "PYROMETA:a,b@h:9090", "h", "", 9090},
		{"PYRO:a@b@h:1", "PYRO:a@b@h:1", "b@h", "", 1}, // Pyro4 too: the object id ends at the first '@'
	}
	for _, c := range cases {
		u, err := pyro.ParseURI(c.in)
		if err != nil {
			t.Errorf("ParseURI(%q): %v", c.in, err)
			continue
		}
		if u.String() != c.canonical || u.Host != c.host || u.Socket != c.socket || u.Port != c.port {
			t.Errorf("ParseURI(%q) = %s host %q socket %q port %d", c.in, u, u.Host, u.Socket, u.Port)
		}
	}
}

func TestParseURIRejectsWithAReason(t *testing.T) {
	cases := map[string]string{
		"PYRO:obj":                    "missing location",
		"FOO:x@h:1":                   "unknown protocol",
		"PYROX:x@h:1":                 "unknown protocol",
		"PYRO:ob j@h:1":               "whitespace",
		"PYRO:@h:1":                   "object name is empty",
		"PYRONAME:@h:1":               "name is empty: expected PYRONAME:name[@nshost[:nsport]]",
		"PYROMETA:@h:1":               "no metadata names: expected PYROMETA:meta1,meta2",
		"PYRO:obj@host":               "missing port",
		"PYRO:obj@[::1]":              "missing port",
		"PYRO:obj@host:abc":           "invalid port",
		"PYRO:obj@h:1:2":              "invalid port",
		"PYRO:obj@h:99999":            "invalid port",
		"PYRO:obj@[[::1]]:5":          "too many brackets",
		"PYRO:obj@[zz::1]:5":          "numeric ipv6",
		"PYRO:obj@[fe80::1%eth0]:500": "numeric ipv6",
		"PYRO:obj@./u:":               "unix socket",
		"PYRO:obj@./u:a:b":            "unix socket",
		"obj@host:1":                  "unknown protocol",
		"":                            "expected PYRO:",
	}
	for in, want := range cases {
		_, err := pyro.ParseURI(in)
		var ue *pyro.URIError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseURI(%q) = %v, want an error containing %q", in, err, want)
		}
	}
}

func FuzzParseURI(f *testing.F) {
	for _, s := range []string{"PYRO:obj@localhost:9091", "PYRO:obj@[::1]:5000", "PYRO:obj@./u:/tmp/s", "PYRONAME:x@h", "PYROMETA:a,b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := pyro.ParseURI(s)
		if err != nil {
			return
		}
		// What parses prints back to a URI that parses to the same thing.
		again, err := pyro.ParseURI(u.String())
		if err != nil {
			t.Fatalf("%q -> %q does not parse: %v", s, u, err)
		}
		if again.String() != u.String() {
			t.Fatalf("%q -> %q -> %q", s, u, again)
		}
	})
}
