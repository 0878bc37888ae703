package pyrotest

import (
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// AllSerializers are the serializer names a daemon accepts by default.
var AllSerializers = []string{"serpent", "json", "marshal", "msgpack", "pickle"}

// DaemonOptions configure a Python Pyro4 daemon started by StartDaemon. The zero
// value is a plain TCP daemon on 127.0.0.1 accepting every serializer.
type DaemonOptions struct {
	// Serializers is SERIALIZERS_ACCEPTED; nil means AllSerializers.
	Serializers []string
	// HMACKey is the daemon's _pyroHmacKey; "" means none.
	HMACKey string
	// Compression makes the daemon compress its replies (COMPRESSION).
	Compression bool
	// SSL serves TLS with a certificate from a fresh test CA (see NewCerts).
	SSL bool
	// RequireClientCert makes an SSL daemon demand a client certificate signed
	// by that CA (SSL_REQUIRECLIENTCERT).
	RequireClientCert bool
	// Unix listens on a unix domain socket instead of TCP.
	Unix bool
	// Port is the TCP port to listen on; 0 means a free one. A daemon
	// restarted with its Stop and a StartDaemon on the same Port serves the
	// same URIs (Pyro4 listens with SO_REUSEADDR).
	Port int
	// MaxMessageSize is MAX_MESSAGE_SIZE; 0 means unlimited.
	MaxMessageSize int
	// NoStreaming sets ITER_STREAMING to False.
	NoStreaming bool
	// Handshake, when set, makes the daemon's validateHandshake require
	// this handshake data (a str) and answer {"greeting": "welcome",
	// "data": DATA}, as in Pyro4's examples/handshake.
	Handshake string
	// Env adds environment variables (PYRO_* among them) for the Python process.
	Env map[string]string
	// HandshakeToken, for a Pyro5 daemon, makes it accept only the
	// handshake {'token': HandshakeToken} and answer {'welcome': token}.
	HandshakeToken string
	// HostileReason makes every handshake fail with a CONNECTFAIL whose
	// reason is hostile text (terminal escapes, server.py's HOSTILE).
	HostileReason bool
	// ThreadPoolSize is a Pyro4 daemon's THREADPOOL_SIZE (and _MIN); 0
	// means 64. A connection beyond it is denied with "no free workers".
	ThreadPoolSize int
}

// Daemon is a running Python Pyro4 daemon serving the objects Example and Thing.
type Daemon struct {
	// URI returns the PYRO URI of an object, e.g. URI("Example") is
	// "PYRO:Example@127.0.0.1:PORT", or "PYRO:Example@./u:/path" on a unix socket.
	URI func(objectID string) string
	// Location is Pyro4's locationStr: "127.0.0.1:PORT" or "./u:/path".
	Location string
	// Host and Port are set for TCP daemons, Socket for unix socket daemons.
	Host   string
	Port   int
	Socket string
	// HMACKey is the key the daemon was started with.
	HMACKey string
	// SSL reports a TLS daemon; the PEM files below are then set.
	SSL                           bool
	CAFile                        string
	ClientCertFile, ClientKeyFile string
	// Stderr returns the daemon's stderr so far, for failure messages.
	Stderr func() string
	// Stop kills the daemon and waits until it is gone, closing every
	// connection it had (t.Cleanup does the same; Stop is for a restart).
	Stop func()
	// Pyro5 reports a Python Pyro5 daemon (StartDaemon5).
	Pyro5 bool
}

// StartDaemon starts a Python Pyro4 daemon on 127.0.0.1 port 0 (or a unix
// socket) and returns once it listens. It fails the test when the daemon is not
// ready within 15 seconds and kills it in t.Cleanup.
func StartDaemon(t testing.TB, o DaemonOptions) *Daemon {
	t.Helper()
	RequirePyro4(t)
	return startDaemon(t, o, false)
}

// StartDaemon5 is StartDaemon for a Python Pyro5 5.x daemon (run from
// Pyro5Path): the same objects, options and cleanup. Serializers and
// HMACKey do not apply (Pyro5 accepts every serializer and has no HMAC);
// HandshakeToken does.
func StartDaemon5(t testing.TB, o DaemonOptions) *Daemon {
	t.Helper()
	RequirePyro5(t)
	o.Serializers, o.HMACKey = nil, ""
	return startDaemon(t, o, true)
}

func startDaemon(t testing.TB, o DaemonOptions, pyro5 bool) *Daemon {
	t.Helper()
	opts := serverOptions(o.Serializers, o.HMACKey)
	opts["handshake_token"] = o.HandshakeToken
	opts["mode"] = "daemon"
	opts["compression"] = o.Compression
	opts["max_message_size"] = o.MaxMessageSize
	opts["no_streaming"] = o.NoStreaming
	opts["port"] = o.Port
	if o.Handshake != "" {
		opts["handshake"] = o.Handshake
	}
	opts["hostile_reason"] = o.HostileReason
	opts["threadpool_size"] = o.ThreadPoolSize
	d := &Daemon{HMACKey: o.HMACKey, SSL: o.SSL, Pyro5: pyro5}
	if o.SSL {
		c := NewCerts(t)
		opts["ssl"] = true
		opts["server_cert"] = c.ServerCertFile
		opts["server_key"] = c.ServerKeyFile
		opts["ca_cert"] = c.CAFile
		opts["require_client_cert"] = o.RequireClientCert
		d.CAFile, d.ClientCertFile, d.ClientKeyFile = c.CAFile, c.ClientCertFile, c.ClientKeyFile
	}
	if o.Unix {
		opts["unix_socket"] = filepath.Join(shortTempDir(t), "pyro.sock")
	}
	s := startServer(t, opts, o.Env, pyro5)
	if len(s.fields) != 1 {
		t.Fatalf("pyro4 test server: bad READY line %q", strings.Join(s.fields, " "))
	}
	d.Stderr = s.stderr.String
	d.Stop = s.stop
	d.setLocation(t, s.fields[0])
	return d
}

// CallOptions returns the options PyCallWith needs to reach this daemon: its
// HMAC key and TLS files, with the given serializer.
func (d *Daemon) CallOptions(serializer string) CallOptions {
	return CallOptions{
		Serializer:     serializer,
		HMACKey:        d.HMACKey,
		SSL:            d.SSL,
		CAFile:         d.CAFile,
		ClientCertFile: d.ClientCertFile,
		ClientKeyFile:  d.ClientKeyFile,
		Pyro5:          d.Pyro5,
	}
}

func (d *Daemon) setLocation(t testing.TB, loc string) {
	t.Helper()
	d.Location = loc
	d.URI = func(objectID string) string { return "PYRO:" + objectID + "@" + loc }
	if path, ok := strings.CutPrefix(loc, "./u:"); ok {
		d.Socket = path
		return
	}
	host, port, err := splitHostPort(loc)
	if err != nil {
		t.Fatalf("pyro4 test server: bad location %q: %v", loc, err)
	}
	d.Host, d.Port = host, port
}

func splitHostPort(loc string) (string, int, error) {
	host, p, err := net.SplitHostPort(loc)
	if err != nil {
		return "", 0, err
	}
	port, err := strconv.Atoi(p)
	return host, port, err
}

// serverOptions holds the settings shared by daemons and name servers.
func serverOptions(serializers []string, hmacKey string) map[string]any {
	if serializers == nil {
		serializers = AllSerializers
	}
	return map[string]any{"serializers": serializers, "hmac_key": hmacKey}
}

// shortTempDir returns a temporary directory removed in t.Cleanup whose path is
// short enough for a unix socket (sun_path holds 108 bytes; t.TempDir embeds the
// test name and can exceed it).
func shortTempDir(t testing.TB) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "pyrotest")
	if err != nil || len(dir) > 80 {
		dir, err = os.MkdirTemp("/tmp", "pyrotest")
	}
	if err != nil {
		t.Fatalf("make socket directory: %v", err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	return dir
}
