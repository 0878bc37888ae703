package pyro_test

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

func TestHMAC(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{HMACKey: "sesame"})
	ctx := ctxT(t)
	p := dial(t, d.URI("Thing"), pyro.WithHMACKey([]byte("sesame")))
	if v, err := p.Call(ctx, "echo", []py.Value{py.Str("signed")}, nil); err != nil || py.Repr(v) != "'signed'" {
		t.Fatalf("signed call = %v, %v", v, err)
	}
	_, err := pyro.Dial(ctx, d.URI("Thing"))
	if err == nil || !strings.Contains(err.Error(), "hmac key and none was given") {
		t.Fatalf("no key against a keyed daemon: %v", err)
	}
	_, err = pyro.Dial(ctx, d.URI("Thing"), pyro.WithHMACKey([]byte("wrong-key-123")))
	if err == nil || !strings.Contains(err.Error(), "hmac") {
		t.Fatalf("wrong key: %v", err)
	}
	if strings.Contains(err.Error(), "wrong-key-123") || strings.Contains(err.Error(), "sesame") {
		t.Fatalf("the error shows a key: %v", err)
	}
	plain := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	_, err = pyro.Dial(ctx, plain.URI("Thing"), pyro.WithHMACKey([]byte("sesame")))
	if err == nil || !strings.Contains(err.Error(), "does not sign its messages") {
		t.Fatalf("key against a daemon without one: %v", err)
	}
}

func TestCompression(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{Compression: true})
	p := dial(t, d.URI("Thing"), pyro.WithCompression(true))
	big := py.Str(strings.Repeat("compress me ", 1000))
	v, err := p.Call(ctxT(t), "echo", []py.Value{big}, nil)
	if err != nil || v.(py.Str) != big {
		t.Fatalf("compressed echo failed: %v", err)
	}
	v, err = p.Call(ctxT(t), "big", []py.Value{py.Int(500)}, nil)
	if err != nil || len(v.(py.List)) != 500 {
		t.Fatalf("compressed reply: %v", err)
	}
}

func TestMaxMessageSize(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	p := dial(t, d.URI("Thing"), func(o *pyro.Options) { o.MaxMessageSize = 4096 })
	_, err := p.Call(ctxT(t), "big", []py.Value{py.Int(1000)}, nil)
	var pe *pyro.ProtocolError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "too large") {
		t.Fatalf("oversized reply: %v", err)
	}
	if v, err := p.Call(ctxT(t), "add", []py.Value{py.Int(1), py.Int(2)}, nil); err != nil || py.Repr(v) != "3" {
		t.Fatalf("call after an oversized reply = %v, %v", v, err)
	}
}

func tlsConfig(t *testing.T, d *pyrotest.Daemon, clientCert bool) *tls.Config {
	pem, err := os.ReadFile(d.CAFile)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	cfg := &tls.Config{RootCAs: pool}
	if clientCert {
		cert, err := tls.LoadX509KeyPair(d.ClientCertFile, d.ClientKeyFile)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Certificates = []tls.Certificate{cert}
	}
	return cfg
}

func TestTLS(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{SSL: true})
	p := dial(t, d.URI("Example"), pyro.WithTLS(tlsConfig(t, d, false)))
	if v, err := p.Call(ctxT(t), "hello", nil, nil); err != nil || py.Repr(v) != "'hello'" {
		t.Fatalf("hello over TLS = %v, %v", v, err)
	}
	// Without the CA the certificate does not verify.
	_, err := pyro.Dial(ctxT(t), d.URI("Example"), pyro.WithTLS(&tls.Config{}))
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("unverified certificate: %v", err)
	}
	cd := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{SSL: true, RequireClientCert: true})
	p = dial(t, cd.URI("Example"), pyro.WithTLS(tlsConfig(t, cd, true)))
	if _, err := p.Call(ctxT(t), "hello", nil, nil); err != nil {
		t.Fatalf("hello with a client certificate: %v", err)
	}
	p, err = pyro.Dial(ctxT(t), cd.URI("Example"), pyro.WithTLS(tlsConfig(t, cd, false)))
	if err == nil {
		_, err = p.Call(ctxT(t), "hello", nil, nil)
	}
	if err == nil {
		t.Fatal("a daemon requiring a client certificate accepted us without one")
	}
}

func TestNameServer(t *testing.T) {
	ns := pyrotest.StartNameServer(t, pyrotest.NSOptions{Registrations: []pyrotest.Registration{
		{Name: "example.hello", ObjectID: "Example", Metadata: []string{"class:example", "greeter"}},
		{Name: "example.thing", ObjectID: "Thing", Metadata: []string{"class:thing"}},
		{Name: "other.thing", ObjectID: "Thing"},
	}})
	ctx := ctxT(t)
	opts := pyro.Options{NSHost: ns.Host, NSPort: ns.Port}
	server, err := pyro.LocateNS(ctx, "", 0, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	e, err := server.Lookup(ctx, "example.hello")
	if err != nil || e.URI != ns.Objects.URI("Example") || strings.Join(e.Metadata, ",") != "class:example,greeter" {
		t.Fatalf("lookup = %+v, %v", e, err)
	}
	entries, err := server.List(ctx, pyro.ListOptions{Prefix: "example."})
	if err != nil || len(entries) != 2 || entries[0].Name != "example.hello" {
		t.Fatalf("list prefix = %+v, %v", entries, err)
	}
	entries, err = server.List(ctx, pyro.ListOptions{Regex: `.*\.thing`})
	if err != nil || len(entries) != 2 {
		t.Fatalf("list regex = %+v, %v", entries, err)
	}
	entries, err = server.List(ctx, pyro.ListOptions{MetadataAny: []string{"greeter", "class:thing"}})
	if err != nil || len(entries) != 2 {
		t.Fatalf("list metadata_any = %+v, %v", entries, err)
	}
	var re *pyro.RemoteError
	if _, err := server.Lookup(ctx, "nobody"); !errors.As(err, &re) || re.Exception.Name() != "NamingError" {
		t.Fatalf("unknown name: %v", err)
	}
	if _, err := server.List(ctx, pyro.ListOptions{Regex: "("}); !errors.As(err, &re) {
		t.Fatalf("bad regex: %v", err)
	}
	// PYRONAME with and without a location, PYROMETA.
	for _, uri := range []string{
		"PYRONAME:example.hello@" + ns.Host + ":" + itoa(ns.Port),
		"PYRONAME:example.hello",
		"PYROMETA:greeter",
	} {
		p, err := pyro.Dial(ctx, uri, pyro.WithOptions(opts))
		if err != nil {
			t.Fatalf("%s: %v", uri, err)
		}
		if v, err := p.Call(ctx, "hello", nil, nil); err != nil || py.Repr(v) != "'hello'" {
			t.Fatalf("%s hello() = %v, %v", uri, v, err)
		}
		p.Close()
	}
	if _, err := pyro.Dial(ctx, "PYROMETA:nothing-has-this", pyro.WithOptions(opts)); !errors.As(err, &re) {
		t.Fatalf("PYROMETA without match: %v", err)
	}
	_, err = pyro.Dial(ctx, "PYRONAME:x@127.0.0.1:1")
	if err == nil || !strings.Contains(err.Error(), "name server") {
		t.Fatalf("unreachable name server: %v", err)
	}
}

func itoa(i int) string {
	return strings.TrimSpace(py.Repr(py.Int(i)))
}
