package cli_test

import (
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"flag"
	"net"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/youmark/pkcs8"

	"github.com/pyrosh/pyrosh/pyro/pyrotest"
	"github.com/pyrosh/pyrosh/shell/cli"
	"github.com/pyrosh/pyrosh/shell/iostreams"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script")

// TestMain lets the test binary act as pyrosh inside the scripts, so they
// run the real entry point in its own process.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"pyrosh": func() { os.Exit(cli.Main(os.Args[1:], iostreams.System(), os.Getenv)) },
	})
}

// TestScripts runs testdata/script/*.txtar against real Pyro4 daemons and
// a real name server, whose addresses the scripts read from $EXAMPLE,
// $THING, $NSHOST, $NSPORT and friends.
func TestScripts(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	hostile := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{HostileReason: true})
	jsonOnly := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{Serializers: []string{"json"}})
	keyed := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{HMACKey: "sesame"})
	tlsd := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{SSL: true})
	mtls := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{SSL: true, RequireClientCert: true})
	ns := pyrotest.StartNameServer(t, pyrotest.NSOptions{Registrations: []pyrotest.Registration{
		{Name: "example.hello", ObjectID: "Example", Metadata: []string{"class:example"}},
		{Name: "example.thing", ObjectID: "Thing", Metadata: []string{"class:thing"}},
	}})
	// A name server of its own for the scripts that change entries, so
	// they cannot disturb the listings of the others.
	wns := pyrotest.StartNameServer(t, pyrotest.NSOptions{Registrations: []pyrotest.Registration{
		{Name: "keep.me", ObjectID: "Example", Metadata: []string{"class:example"}},
	}})
	hs := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{Handshake: "sesame"})
	counted := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{}) // bench counts its calls: no other script uses it
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		UpdateScripts:       *update,
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"exits": exits, "waitport": waitport, "encryptkey": encryptkey},
		Setup: func(env *testscript.Env) error {
			env.Setenv("EXAMPLE", d.URI("Example"))
			env.Setenv("THING", d.URI("Thing"))
			env.Setenv("FIDELITY", d.URI("Fidelity"))
			env.Setenv("HOSTILEREASON", hostile.URI("Example"))
			env.Setenv("DAEMON", d.Location)
			env.Setenv("JSONONLY", jsonOnly.URI("Example"))
			env.Setenv("KEYED", keyed.URI("Thing"))
			env.Setenv("TLS", tlsd.URI("Example"))
			env.Setenv("TLSCA", tlsd.CAFile)
			env.Setenv("MTLS", mtls.URI("Example"))
			env.Setenv("MTLSCA", mtls.CAFile)
			env.Setenv("MTLSCERT", mtls.ClientCertFile)
			env.Setenv("MTLSKEY", mtls.ClientKeyFile)
			env.Setenv("NSHOST", ns.Host)
			env.Setenv("NSPORT", strconv.Itoa(ns.Port))
			env.Setenv("WNSHOST", wns.Host)
			env.Setenv("WNSPORT", strconv.Itoa(wns.Port))
			env.Setenv("HANDSHAKE", hs.URI("Thing"))
			env.Setenv("COUNTED", counted.URI("Thing"))
			env.Setenv("PYTHON", pyrotest.Python)
			env.Setenv("PYLIST", pyList)
			env.Setenv("HOME", env.WorkDir)
			env.Setenv("FREEPORT", strconv.Itoa(freePort(t)))
			env.Setenv("FREEPORT2", strconv.Itoa(freePort(t)))
			return nil
		},
	})
}

// pyList prints the entries of the name server at $WNSHOST:$WNSPORT as
// Python's Pyro4 sees them: "NAME URI [sorted metadata]", one per line.
const pyList = `import os, Pyro4
ns = Pyro4.locateNS(os.environ["WNSHOST"], int(os.environ["WNSPORT"]))
for name, (uri, meta) in sorted(ns.list(return_metadata=True).items()):
    print(name, uri, sorted(meta))
`

// exits N CMD ARGS... runs CMD like exec and checks its exit status is N,
// keeping stdout and stderr for the checks that follow.
func exits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits STATUS COMMAND [ARG...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: bad status %q", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exits: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}

// encryptkey pkcs8|legacy IN PASSPHRASE OUT writes the PKCS#8 key in IN
// encrypted with PASSPHRASE: as an "ENCRYPTED PRIVATE KEY" (PKCS#8, what
// `openssl pkcs8 -topk8` writes) or in the legacy PEM form with a
// Proc-Type header (what `openssl rsa -aes256` writes).
func encryptkey(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 4 {
		ts.Fatalf("usage: encryptkey pkcs8|legacy IN PASSPHRASE OUT")
	}
	block, _ := pem.Decode([]byte(ts.ReadFile(args[1])))
	if block == nil {
		ts.Fatalf("encryptkey: no PEM in %s", args[1])
	}
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	ts.Check(err)
	var out *pem.Block
	switch args[0] {
	case "pkcs8":
		der, err := pkcs8.MarshalPrivateKey(key, []byte(args[2]), nil)
		ts.Check(err)
		out = &pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: der}
	case "legacy":
		ec, ok := key.(*ecdsa.PrivateKey)
		if !ok {
			ts.Fatalf("encryptkey: legacy form wants an EC key, got %T", key)
		}
		der, err := x509.MarshalECPrivateKey(ec)
		ts.Check(err)
		//lint:ignore SA1019 the legacy form is what is being tested
		out, err = x509.EncryptPEMBlock(rand.Reader, "EC PRIVATE KEY", der, []byte(args[2]), x509.PEMCipherAES256)
		ts.Check(err)
	default:
		ts.Fatalf("encryptkey: unknown form %q", args[0])
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[3]), pem.EncodeToMemory(out), 0o600))
}

// waitport HOST:PORT waits, up to 10 seconds, until something listens there.
func waitport(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waitport HOST:PORT")
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", args[0], time.Second)
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			ts.Fatalf("nothing listens on %s: %v", args[0], err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// freePort returns a port nothing listens on right now.
func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
