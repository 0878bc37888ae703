package shell

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

func TestSettingCommandsShowAndConfirmInAnyCase(t *testing.T) {
	s, out, errOut := testSession(t)
	runLoop(t, s, ":TIME", ":Time ON", ":time", ":TRACEBACK", ":traceback full", ":traceback", ":Output JSON", ":output", ":timeout 2", ":TIMEOUT")
	if got, want := out.String(), "off\non\nshort\nfull\njson\n2s\n"; got != want {
		t.Errorf("stdout = %q, want %q", got, want)
	}
	if got, want := errOut.String(), "timing on\ntraceback full\noutput json\ncall timeout: 2s\n"; got != want {
		t.Errorf("stderr = %q, want %q", got, want)
	}
}

func TestScriptErrorsNameFileAndLine(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	script := filepath.Join(t.TempDir(), "s.pyrosh")
	src := "obj.echo(1)\n\nobj.fail('boom')\nobj.echo(\n  1 2)\nx\nobj.echo(3)\n"
	if err := os.WriteFile(script, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, status := runPiped(t, Options{URI: d.URI("Thing"), Script: script}, "")
	if out != "1\n" || status != StatusRemote {
		t.Errorf("stdout = %q, status %d; want the script to stop at the syntax error with the first failure's status", out, status)
	}
	for _, want := range []string{script + ":3: obj.fail('boom') raised\n", script + ":5: syntax error\n"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr = %q, want it to contain %q", errOut, want)
		}
	}
	out, errOut, status = runPiped(t, Options{URI: d.URI("Thing"), Script: script, KeepGoing: true}, "")
	if out != "1\n3\n" || status != StatusRemote {
		t.Errorf("--keep-going: stdout = %q, status %d; want the rest run and the first failure's status", out, status)
	}
	if want := script + ":6: NameError: name 'x' is not defined (local)\n"; !strings.Contains(errOut, want) {
		t.Errorf("stderr = %q, want it to contain %q", errOut, want)
	}
}

func TestNameServerOfTheURIAndSwitching(t *testing.T) {
	ns := pyrotest.StartNameServer(t, pyrotest.NSOptions{Registrations: []pyrotest.Registration{
		{Name: "test.thing", ObjectID: "Thing"},
		{Name: "test.example.long.name", ObjectID: "Example", Metadata: []string{"demo"}},
	}})
	addr := ns.Host + ":" + strconv.Itoa(ns.Port)
	out, errOut, status := runPiped(t, Options{URI: "PYRONAME:test.thing@" + addr, HistoryPath: NoHistory}, "obj.echo(1)\n:ns test.\n")
	want := regexp.MustCompile(`^1\ntest\.example\.long\.name  PYRO:Example@127\.0\.0\.1:\d+  \[demo\]\ntest\.thing              PYRO:Thing@127\.0\.0\.1:\d+\n$`)
	if !want.MatchString(out) || errOut != "" || status != 0 {
		t.Errorf("stdout = %q, stderr = %q, status %d; want the entries of the URI's name server, aligned", out, errOut, status)
	}

	s, out2, errOut2 := testSession(t)
	s.opts.NSPort = 1 // nothing there
	runLoop(t, s, ":ns "+addr, ":ns-host", ":ns-port "+strconv.Itoa(ns.Port), ":ns-host 127.0.0.1", ":connect test.thing", "obj.echo(2)")
	if !strings.Contains(errOut2.String(), "name server "+addr+": 3 entries\n") {
		t.Errorf("stderr = %q, want :ns to say which name server it lists", errOut2)
	}
	if !strings.HasSuffix(out2.String(), addr+"\n2\n") {
		t.Errorf("stdout = %q, want :ns-host to show %s and the PYRONAME to resolve there", out2, addr)
	}
}

func TestUnknownNameIsOneLine(t *testing.T) {
	ns := pyrotest.StartNameServer(t, pyrotest.NSOptions{Registrations: []pyrotest.Registration{{Name: "test.thing", ObjectID: "Thing"}}})
	loc := "@" + ns.Host + ":" + strconv.Itoa(ns.Port)
	_, errOut, status := runPiped(t, Options{HistoryPath: NoHistory},
		":connect PYRONAME:test.nope"+loc+"\n:connect PYROMETA:nobody"+loc+" as m\n")
	want := "<stdin>:1: :connect PYRONAME:test.nope" + loc + " raised\n" +
		"Pyro4.errors.NamingError: unknown name: test.nope\n" +
		"<stdin>:2: :connect PYROMETA:nobody" + loc + " as m raised\n" +
		"Pyro4.errors.NamingError: no registrations available with desired metadata properties nobody\n"
	if errOut != want || status != StatusRemote {
		t.Errorf("stderr = %q, status %d; want the name server's answers as one line each (not its traceback), status 1", errOut, status)
	}
}

func TestConnectToADaemonAddress(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	addr := strings.TrimPrefix(d.URI("Thing"), "PYRO:Thing@")
	s, out, errOut := testSession(t)
	runLoop(t, s, ":connect "+addr, ":connect "+d.URI("Example")+" as ex")
	if !regexp.MustCompile(`the daemon at .* has 3 objects; bind one with :connect URI\n  2 methods, 0 attributes   PYRO:Example@\S+\n  \d+ methods, 0 attributes  PYRO:Fidelity@\S+\n  15 methods, 2 attributes  PYRO:Thing@\S+\nex = PYRO:Example@\S+ \(2 methods, 0 attributes\)\n`).MatchString(errOut.String()) {
		t.Errorf("stderr = %q", errOut)
	}
	if out.Len() != 0 {
		t.Errorf("stdout = %q", out)
	}
}

func TestProxyInAResultCompletesAtOnce(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	s, _, errOut := testSession(t)
	// A proxy that comes back without metadata, as one made with
	// Pyro4.Proxy(uri) on the server does.
	u, err := pyro.ParseURI(d.URI("Example"))
	if err != nil {
		t.Fatal(err)
	}
	s.vars["p"] = &pyro.ProxyRef{URI: u}
	runLoop(t, s, ":connect "+d.URI("Thing"), "c = obj.echo(p)")
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := s.complete("c.he")
		if len(got) == 1 && got[0].Text == "c.hello" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("c.he completes to %+v; stderr %q", got, errOut)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestShortTracebackKeepsTheInnermostFrames(t *testing.T) {
	frame := func(i int) string {
		return "  File \"server.py\", line " + strconv.Itoa(i) + ", in f\n    f()\n"
	}
	tb := []string{"Traceback (most recent call last):\n"}
	for i := 1; i <= 10; i++ {
		tb = append(tb, frame(i))
	}
	tb = append(tb, "RecursionError: deep\n")
	e := &py.Exception{Class: "builtins.RecursionError", Args: py.Tuple{py.Str("deep")}, Traceback: tb}
	s, _, _ := testSession(t)
	got := strings.Join(s.traceback(e).Traceback, "")
	want := "Traceback (most recent call last):\n  ... 7 earlier frames left out (:traceback full shows them)\n" + frame(8) + frame(9) + frame(10) + "RecursionError: deep\n"
	if got != want {
		t.Errorf("short traceback =\n%s\nwant\n%s", got, want)
	}
	s.fullTraceback = true
	if got := s.traceback(e); got != e {
		t.Errorf("full traceback changed")
	}
	short := &py.Exception{Class: "x", Traceback: []string{"Traceback (most recent call last):\n", frame(1), "x\n"}}
	s.fullTraceback = false
	if s.traceback(short) != short {
		t.Errorf("a short traceback is left as it is")
	}
}

func TestHandshakeSetsTheDataAndReconnects(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{Handshake: "let me in"})
	s, out, errOut := testSession(t)
	res, _ := runLoop(t, s, ":handshake", ":connect "+d.URI("Thing"), `:HANDSHAKE "let me in"`, ":connect "+d.URI("Thing"), "obj.echo(1)", ":handshake", ":handshake {1: ")
	if got, want := out.String(), "'hello'\n1\n'let me in'\n"; got != want {
		t.Errorf("stdout = %q, want %q", got, want)
	}
	if !regexp.MustCompile(`(?s)bad handshake data.* \(the daemon's validateHandshake refused the handshake data: set it with :handshake LITERAL\)\nhandshake 'let me in'\nobj = PYRO:Thing@.*pyrosh: usage: :handshake LITERAL`).MatchString(errOut.String()) {
		t.Errorf("stderr = %q", errOut)
	}
	if res.status != StatusComm {
		t.Errorf("status = %d, want 3 from the refused handshake", res.status)
	}
}

func TestRefusedConnectNamesTheMetaCommand(t *testing.T) {
	keyed := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{HMACKey: "s3cret"})
	jsonOnly := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{Serializers: []string{"json"}})
	s, _, errOut := testSession(t)
	runLoop(t, s, ":connect "+keyed.URI("Thing"), ":connect "+jsonOnly.URI("Thing"))
	for _, want := range []string{" (give the key with :hmac)\n", " (choose another with :serializer NAME)\n"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("stderr = %q, want it to contain %q", errOut, want)
		}
	}
}

func TestTimeCoversABatch(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	s, out, errOut := testSession(t)
	runLoop(t, s, ":connect "+d.URI("Thing"), ":time on", ":batch", "obj.echo(1)", ":end", ":output repr")
	if out.String() != "1\n" {
		t.Errorf("stdout = %q", out)
	}
	if !regexp.MustCompile(`timing on\nbatch: .*\n\(\d+\.\d{3} ms\)\noutput repr\n$`).MatchString(errOut.String()) {
		t.Errorf("stderr = %q, want the batch timed after its result and the settings not timed", errOut)
	}
}

func TestBatchPrompt(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	s, out, _ := testSession(t)
	_, r := runLoop(t, s, ":connect "+d.URI("Thing"), ":batch", "obj.echo([1,", "2])", ":end")
	want := []string{">>> ", ">>> ", "batch> ", "... ", "batch> ", ">>> "}
	if strings.Join(r.prompts, "|") != strings.Join(want, "|") {
		t.Errorf("prompts = %q, want %q", r.prompts, want)
	}
	if out.String() != "[1, 2]\n" {
		t.Errorf("stdout = %q", out)
	}
}

// A closing bracket of the wrong kind ends the statement there, as in
// Python, rather than reading the rest of the script into it.
func TestScriptMismatchedBracketEndsTheStatement(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	script := filepath.Join(t.TempDir(), "s.pyrosh")
	src := "obj.echo(1, (2,\n  3, ]\nobj.echo(4)\nobj.echo(\n  5)\n"
	if err := os.WriteFile(script, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, status := runPiped(t, Options{URI: d.URI("Thing"), Script: script, KeepGoing: true}, "")
	if out != "4\n5\n" || status != StatusUsage {
		t.Errorf("--keep-going: stdout = %q, status %d; want the statements after the bad line run", out, status)
	}
	if want := script + ":2: syntax error\n"; !strings.Contains(errOut, want) {
		t.Errorf("stderr = %q, want it to contain %q", errOut, want)
	}
}
