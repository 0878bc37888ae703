package shell

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pyrosh/pyrosh/history"
	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

func TestMetaCommands(t *testing.T) {
	ns := pyrotest.StartNameServer(t, pyrotest.NSOptions{Registrations: []pyrotest.Registration{
		{Name: "test.thing", ObjectID: "Thing"},
		{Name: "test.example", ObjectID: "Example", Metadata: []string{"demo"}},
	}})
	thing := ns.Objects.URI("Thing")
	nsOpts := func(s *session) { s.opts.NSHost, s.opts.NSPort = ns.Host, ns.Port }
	tests := []struct {
		name   string
		lines  []string
		stdout string // regexp
		stderr string // regexp; "" means empty
		status int
	}{
		{"help lists every command from the table", []string{":help"},
			`(?s)Meta commands:.*:connect URI\|HOST:PORT \[as NAME\]\s+connect to an object.*:quit\s+leave the shell`, "", 0},
		{"help on one command", []string{":help :ping"}, `^:ping \[NAME\]\n    round trip`, "", 0},
		{"connect as a name, objects, meta", []string{":connect " + thing + " as t", ":objects", ":meta t"},
			`^t  ` + regexp.QuoteMeta(thing) + `  \(serpent, Pyro4\)\n` + regexp.QuoteMeta(thing) + ` \(Pyro4\)\nmethods:    add, big, count, custom_error, divide, echo, echo_kw, fail, fired,\n            make_child, open_streams, sleep, slow_count, types\noneway:     fire\nattributes: name, value\n$`,
			`^t = ` + regexp.QuoteMeta(thing) + ` \(15 methods, 2 attributes\)\n$`, 0},
		{"connect by bare name through the name server", []string{":connect test.example", "obj.hello()"},
			`^'hello'\n$`, `obj = PYRO:Example@`, 0},
		{"ping", []string{":connect " + thing, ":ping"}, `^alive PYRO:Thing@127\.0\.0\.1:\d+ \(Pyro4\): ping \d+\.\d{3} ms\n$`, `^obj = PYRO:Thing@\S+ \(15 methods, 2 attributes\)\n$`, 0},
		{"ns with a prefix", []string{":ns test.ex"}, `^test\.example  PYRO:Example@127\.0\.0\.1:\d+  \[demo\]\n$`, `^name server 127\.0\.0\.1:\d+: 1 entry starting with test\.ex\n$`, 0},
		{"serializer reconnects bound objects", []string{":connect " + thing, ":serializer json", ":objects", ":serializer", "obj.echo((1, 2))"},
			`\(json, Pyro4\)\njson\n\[1, 2\]\n$`, `^obj = PYRO:Thing@\S+ \(15 methods, 2 attributes\)\nserializer json\n$`, 0},
		{"protocol shows, sets and confirms", []string{":connect " + thing, ":protocol", ":protocol 4", ":protocol", "obj.echo(1)", ":protocol 5"},
			`^auto\nPyro4\n1\n$`, `(?s)pyrosh: .*the daemon speaks Pyro4, not the Pyro5 :protocol 5 asks for \(use :protocol 4, or auto\)`, 3},
		{"unknown protocol", []string{":protocol 6"}, `^$`, `pyrosh: usage: :protocol auto\|4\|5`, 2},
		{"unknown serializer", []string{":serializer yaml"}, `^$`, `pyrosh: unknown serializer "yaml"`, 2},
		{"timeout", []string{":timeout 1.5", ":timeout", ":timeout 0", ":timeout", ":timeout x"},
			`^1\.5s\nno call timeout\n$`, `^call timeout: 1\.5s\ncall timeout: no call timeout\npyrosh: usage: :timeout SECONDS`, 2},
		{"output and time", []string{":connect " + thing, ":output pretty", ":output", ":time on", "obj.echo(1)", ":time off", "obj.echo(2)", ":output xml"},
			`^pretty\n1\n2\n$`, `(?s)attributes\)\noutput pretty\ntiming on\n\(\d+\.\d{3} ms\)\ntiming off\npyrosh: invalid output format "xml"`, 2},
		{"history", []string{"1", "2", "3", ":history 2"}, `^1\n2\n3\n +3  3\n +4  :history 2\n$`, "", 0},
		{"reconnect", []string{":connect " + thing, ":reconnect", ":reconnect obj", "obj.echo(3)"}, `^3\n$`, `^obj = PYRO:Thing@\S+ \(15 methods, 2 attributes\)\n$`, 0},
		{"meta of something that is not an object", []string{"x = 1", ":meta x"}, `^$`, `pyrosh: x is a int, not a remote object`, 2},
		{"connect to nothing is a communication error", []string{":connect PYRO:x@127.0.0.1:1"}, `^$`, `pyrosh: connect to PYRO:x@127\.0\.0\.1:1: connection refused`, 3},
		{"a failed ns switch keeps the name server", []string{":ns 127.0.0.1:1", ":ns test.ex"},
			`^test\.example  PYRO:Example@`, `^pyrosh: reach name server at 127\.0\.0\.1:1: connection refused \(still using 127\.0\.0\.1:\d+\)\nname server 127\.0\.0\.1:\d+: 1 entry starting with test\.ex\n$`, 3},
		{"connect with a bad uri is a usage error", []string{":connect PYRO:x@"}, `^$`, `pyrosh: invalid uri`, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, out, errOut := testSession(t)
			nsOpts(s)
			steps := make([]any, len(tt.lines))
			for i, l := range tt.lines {
				steps[i] = l
			}
			res, _ := runLoop(t, s, steps...)
			if !regexp.MustCompile(tt.stdout).MatchString(out.String()) {
				t.Errorf("stdout = %q, want match for %q", out, tt.stdout)
			}
			if tt.stderr == "" && errOut.Len() > 0 || !regexp.MustCompile(tt.stderr).MatchString(errOut.String()) {
				t.Errorf("stderr = %q, want match for %q", errOut, tt.stderr)
			}
			if res.status != tt.status {
				t.Errorf("status = %d, want %d", res.status, tt.status)
			}
		})
	}
}

func TestHMACAsksWithHiddenInputAndReconnects(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{HMACKey: "s3cret"})
	s, out, errOut := testSession(t)
	var asked int
	s.readSecret = func(string) ([]byte, error) { asked++; return []byte("s3cret"), nil }
	res, _ := runLoop(t, s, ":connect "+d.URI("Example"), ":hmac", ":connect "+d.URI("Example"), "obj.hello()", ":hmac s3cret")
	if asked != 1 {
		t.Errorf("key asked %d times, want 1", asked)
	}
	if got := out.String(); got != "'hello'\n" {
		t.Errorf("stdout = %q", got)
	}
	if strings.Count(errOut.String(), "s3cret") != 0 {
		t.Errorf("stderr shows the key: %q", errOut)
	}
	if res.status != StatusComm {
		t.Errorf("status = %d, want 3 from the first :connect without a key", res.status)
	}
	for _, e := range s.hist.Entries() {
		if strings.Contains(e, "hmac") {
			t.Errorf("history holds %q", e)
		}
	}
	s.readSecret = nil
	if status, _ := s.runMeta(t.Context(), ":hmac"); status != StatusUsage {
		t.Errorf("without a terminal :hmac status = %d, want 2", status)
	}
}

func TestMetaTableDrivesCompletion(t *testing.T) {
	s, _, _ := testSession(t)
	var names []string
	for _, sg := range s.complete(":") {
		names = append(names, sg.Text)
	}
	if len(names) != len(metaCommands) {
		t.Errorf("completion offers %q, want the %d commands of the table", names, len(metaCommands))
	}
	s.vars["obj"] = &remote{meta: metaOf("echo", "echo_kw", "fire")}
	s.vars["obj"].(*remote).meta.Oneway = []string{"fire"}
	got := s.complete("obj.ec")
	if len(got) != 2 || got[0].Text != "obj.echo" || got[0].Description != "method" {
		t.Errorf("obj.ec completes to %+v", got)
	}
	if got := s.complete("x = obj.fi"); len(got) != 1 || got[0].Text != "obj.fire" || !strings.Contains(got[0].Description, "oneway") {
		t.Errorf("x = obj.fi completes to %+v", got)
	}
	s.hist.Add("obj.echo(1, 2)")
	if got := s.complete("obj.echo(1"); len(got) == 0 || got[len(got)-1].Text != "obj.echo(1, 2)" || got[len(got)-1].Description != "history" {
		t.Errorf("history suggestion: %+v", got)
	}
}

func metaOf(methods ...string) pyro.Metadata { return pyro.Metadata{Methods: methods} }

func TestNameServerNamesCompleteWithoutBlocking(t *testing.T) {
	ns := pyrotest.StartNameServer(t, pyrotest.NSOptions{Registrations: []pyrotest.Registration{{Name: "test.thing", ObjectID: "Thing"}}})
	s, _, _ := testSession(t)
	s.opts.NSHost, s.opts.NSPort = ns.Host, ns.Port
	// A completion that waited for the name server would already hold the
	// name: the first one must come back empty, the fetch left running.
	first := s.complete(":connect PYRONAME:te")
	if len(first) != 0 {
		t.Errorf("first completion = %+v, want nothing before the names arrive: it must not wait for the name server", first)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := s.complete(":connect PYRONAME:te")
		if len(got) == 1 && got[0].Text == "PYRONAME:test.thing" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("name server names never completed: %+v", got)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestSecretCommandsComeFromHistorysTable checks that the meta commands
// history never stores are meta commands of the shell, which refuse an
// argument in any case without echoing it.
func TestSecretCommandsComeFromHistorysTable(t *testing.T) {
	for _, name := range history.SecretMetaCommands {
		if findMeta(name) == nil {
			t.Errorf("history treats :%s as secret, but the shell has no such command", name)
		}
		upper := ":" + strings.ToUpper(name) + " typed-s3cret"
		if !history.IsSecret(upper) {
			t.Errorf("history would store %q", upper)
		}
		s, _, errOut := testSession(t)
		if status, _ := s.runMeta(t.Context(), upper); status != StatusUsage || strings.Contains(errOut.String(), "s3cret") {
			t.Errorf("%s: status %d, stderr %q; want a usage error that does not echo the argument", upper, status, errOut)
		}
	}
}
