package pyrotest

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

//go:embed oracle.py
var oracleScript []byte

// oracleTimeout bounds one oracle process.
const oracleTimeout = 30 * time.Second

// PyRepr evaluates each Python expression in one /usr/bin/python3 process and
// returns repr() of each. The modules math, decimal, datetime, uuid, collections
// and fractions are imported, and Decimal and Fraction are bound. Expressions
// travel as JSON on stdin, so any text is safe to pass. An expression that
// raises fails the test.
func PyRepr(t testing.TB, exprs ...string) []string {
	t.Helper()
	var reply struct {
		Reprs []string `json:"reprs"`
		Error string   `json:"error"`
		Index int      `json:"index"`
	}
	runOracle(t, map[string]any{"mode": "repr", "exprs": append([]string{}, exprs...)}, nil, false, &reply)
	if reply.Error != "" {
		t.Fatalf("python evaluating %q: %s", exprs[reply.Index], reply.Error)
	}
	if len(reply.Reprs) != len(exprs) {
		t.Fatalf("python returned %d reprs for %d expressions", len(reply.Reprs), len(exprs))
	}
	return reply.Reprs
}

// CallOptions configure the Python proxy of PyCallWith. Daemon.CallOptions
// fills them for a daemon started by StartDaemon.
type CallOptions struct {
	Serializer string // SERIALIZER; "" means serpent
	HMACKey    string
	SSL        bool
	CAFile     string // SSL_CACERTS
	// ClientCertFile and ClientKeyFile are SSL_CLIENTCERT and SSL_CLIENTKEY.
	ClientCertFile, ClientKeyFile string
	Timeout                       time.Duration // the proxy's _pyroTimeout; 0 means 10 s
	Env                           map[string]string
	// Pyro5 uses a Python Pyro5 proxy (Pyro5.api.Proxy) instead of Pyro4's.
	Pyro5 bool
	// Handshake is a Python expression for the proxy's _pyroHandshake; ""
	// keeps Pyro's default "hello".
	Handshake string
}

// CallResult is the outcome of one call through a Python Pyro4 proxy: either
// Repr, or ExcClass (the exception's class name without module, such as
// "ZeroDivisionError" or "CommunicationError") and ExcMessage (str of it).
type CallResult struct {
	Repr       string
	ExcClass   string
	ExcMessage string
}

// PyCall calls uri through a real Python Pyro4 proxy p, evaluating "p." +
// callExpr (e.g. `echo(1, "a")`, or `value` for an attribute), and returns
// repr(result), or the exception's class name. A streamed generator result is
// returned as repr(list(result)).
func PyCall(t testing.TB, uri, serializer, hmacKey, callExpr string) (repr string, excClass string) {
	t.Helper()
	r := PyCallWith(t, uri, CallOptions{Serializer: serializer, HMACKey: hmacKey}, callExpr)
	return r.Repr, r.ExcClass
}

// PyCallWith is PyCall with TLS, timeout and environment settings.
func PyCallWith(t testing.TB, uri string, o CallOptions, callExpr string) CallResult {
	t.Helper()
	return PyCallsWith(t, uri, o, callExpr)[0]
}

// PyCallsWith makes several calls, in order, through one Python proxy (one
// connection) in one Python process: cheaper than PyCallWith per call, and the
// way to observe state carried between calls.
func PyCallsWith(t testing.TB, uri string, o CallOptions, callExprs ...string) []CallResult {
	t.Helper()
	timeout := o.Timeout
	if timeout == 0 {
		timeout = 10 * time.Second
	}
	req := map[string]any{
		"mode": "call", "uri": uri, "exprs": append([]string{}, callExprs...),
		"serializer": o.Serializer, "hmac_key": o.HMACKey, "timeout": timeout.Seconds(),
		"ssl": o.SSL, "ca_cert": o.CAFile, "client_cert": o.ClientCertFile, "client_key": o.ClientKeyFile,
		"pyro5": o.Pyro5, "handshake": o.Handshake,
	}
	var reply struct {
		Results []struct {
			Repr string `json:"repr"`
			Exc  string `json:"exc"`
			Msg  string `json:"msg"`
		} `json:"results"`
	}
	runOracle(t, req, o.Env, o.Pyro5, &reply)
	if len(reply.Results) != len(callExprs) {
		t.Fatalf("python proxy returned %d results for %d calls", len(reply.Results), len(callExprs))
	}
	out := make([]CallResult, len(callExprs))
	for i, r := range reply.Results {
		out[i] = CallResult{Repr: r.Repr, ExcClass: r.Exc, ExcMessage: r.Msg}
	}
	return out
}

// runOracle runs oracle.py with req as JSON on stdin and decodes its JSON reply.
func runOracle(t testing.TB, req any, env map[string]string, pyro5 bool, reply any) {
	t.Helper()
	environ := childEnv(env)
	if pyro5 {
		RequirePyro5(t)
		environ = childEnv5(env)
	} else {
		RequirePyro4(t)
	}
	in, err := json.Marshal(req)
	if err != nil {
		t.Fatalf("encode oracle request: %v", err)
	}
	script := filepath.Join(t.TempDir(), "pyrotest_oracle.py")
	if err := os.WriteFile(script, oracleScript, 0o600); err != nil {
		t.Fatalf("write oracle script: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), oracleTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, Python, "-u", script)
	cmd.Env = environ
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = 2 * time.Second
	if err := cmd.Run(); err != nil {
		t.Fatalf("python oracle: %v\nstderr:\n%s", err, stderr.String())
	}
	if err := json.Unmarshal(stdout.Bytes(), reply); err != nil {
		t.Fatalf("python oracle reply %q: %v\nstderr:\n%s", stdout.String(), err, stderr.String())
	}
}
