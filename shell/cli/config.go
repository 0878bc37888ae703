package cli

import (
	"cmp"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pylit"
)

// Config is the resolved global configuration: each field from its flag
// when given, else from Pyro4's environment variable, else the default.
type Config struct {
	Serializer           string
	Protocol             int    // pyro.ProtocolAuto, pyro.Pyro4 or pyro.Pyro5
	ProtocolSetting      string // what chose it: --protocol or PYROSH_PROTOCOL
	HMACKey              []byte
	Timeout              time.Duration // 0: the default connect timeout, no call timeout
	NSHost               string
	NSPort               int
	Output               string // pretty, repr, json; "" chooses by terminal
	Color                string // auto, always, never
	SSL                  bool
	SSLCA                string
	SSLCert              string
	SSLKey               string
	SSLKeyPassword       []byte // the client key's passphrase; nil: none given
	Handshake            py.Value
	HMACKeyOnCommandLine bool // --hmac-key was given: warn
	Compress             bool
	MaxMessageSize       int
	BroadcastAddrs       []string
	History              string
	Statements           string // -c
	Script               string // -f
	KeepGoing            bool   // --keep-going

	// caFrom, certFrom, keyFrom name the flag or environment variable
	// SSLCA, SSLCert and SSLKey came from, for their errors.
	caFrom, certFrom, keyFrom string
}

// globalFlags declares the global flags; each help text names the Pyro4
// variable it stands for.
func globalFlags(fs *pflag.FlagSet) {
	fs.String("serializer", "serpent", "serializer: serpent, json, marshal, msgpack or pickle (env PYRO_SERIALIZER)")
	fs.String("protocol", "auto", "Pyro protocol: auto (learn it from the daemon), 4 or 5 (env PYROSH_PROTOCOL)")
	fs.String("hmac-key", "", "HMAC key the daemon expects; visible in the process list, prefer --hmac-key-file or env PYROSH_HMAC_KEY")
	fs.String("hmac-key-file", "", "read the HMAC key from this file")
	fs.String("handshake", "", "handshake data for the daemon's validateHandshake, a Python literal (env PYROSH_HANDSHAKE; default 'hello')")
	fs.String("timeout", "", "time to wait for connecting and for each call (for a generator: each item): seconds (1.5) or with a unit (500ms, 2s) (env PYRO_COMMTIMEOUT; default 10 s to connect, no call limit)")
	fs.String("ns-host", "", "name server host (env PYRO_NS_HOST; default localhost)")
	fs.String("ns-port", "", "name server port (env PYRO_NS_PORT; default 9090)")
	fs.StringP("output", "o", "", "output format: pretty, repr or json (default pretty on a terminal, repr otherwise)")
	fs.String("color", "auto", "colour: auto, always or never (NO_COLOR disables auto)")
	fs.Bool("ssl", false, "use TLS (env PYRO_SSL)")
	fs.String("ssl-ca", "", "CA certificates to verify the daemon with (env PYRO_SSL_CACERTS)")
	fs.String("ssl-cert", "", "client certificate (env PYRO_SSL_CLIENTCERT)")
	fs.String("ssl-key", "", "client certificate key (env PYRO_SSL_CLIENTKEY)")
	fs.String("ssl-key-password-file", "", "read the client key's passphrase from this file (env PYRO_SSL_CLIENTKEYPASSWD holds the passphrase itself)")
	fs.Bool("compress", false, "compress requests with zlib (env PYRO_COMPRESSION)")
	fs.String("max-message-size", "", "largest message accepted: bytes, or with a unit (64KiB, 256MiB) (env PYRO_MAX_MESSAGE_SIZE; default 256MiB)")
}

// shellFlags declares the flags of the commands that open the shell (the
// root command and demo).
func shellFlags(fs *pflag.FlagSet) {
	fs.String("history", "", "history file (default $XDG_STATE_HOME/pyrosh/history)")
	fs.StringP("command", "c", "", "run these shell statements and exit")
	fs.StringP("file", "f", "", "run the shell statements in this file and exit")
	fs.Bool("keep-going", false, "with -f or -c, run the rest of the script after a syntax error (it stops there otherwise)")
}

// resolveConfig applies flag over environment over default.
func resolveConfig(fs *pflag.FlagSet, getenv func(string) string) (*Config, error) {
	c := &Config{}
	str := func(flag, env string) string {
		if f := fs.Lookup(flag); f != nil && f.Changed {
			return f.Value.String()
		}
		if env != "" {
			if v := getenv(env); v != "" {
				return v
			}
		}
		if f := fs.Lookup(flag); f != nil {
			return f.DefValue
		}
		return ""
	}
	boolean := func(flag, env string) (bool, error) {
		s := str(flag, env)
		switch strings.ToLower(s) {
		case "", "0", "off", "no", "false":
			return false, nil
		case "1", "on", "yes", "true":
			return true, nil
		}
		return false, usageErrorf("invalid boolean %q for %s (use 1/0, yes/no, on/off, true/false)", s, nameOf(fs, flag, env))
	}
	var err error
	c.Serializer = strings.ToLower(str("serializer", "PYRO_SERIALIZER"))
	if _, err := pyro.Codec(c.Serializer); err != nil {
		return nil, usageErrorf("%s: %v", nameOf(fs, "serializer", "PYRO_SERIALIZER"), err)
	}
	if s := str("protocol", "PYROSH_PROTOCOL"); s != "" {
		c.ProtocolSetting = nameOf(fs, "protocol", "PYROSH_PROTOCOL")
		if c.Protocol, err = pyro.ParseProtocol(s); err != nil {
			return nil, usageErrorf("invalid protocol %q for %s: want auto, 4 or 5", s, nameOf(fs, "protocol", "PYROSH_PROTOCOL"))
		}
	}
	if c.HMACKey, err = hmacKey(fs, getenv); err != nil {
		return nil, err
	}
	c.HMACKeyOnCommandLine = fs.Changed("hmac-key")
	if s := str("handshake", "PYROSH_HANDSHAKE"); s != "" {
		if c.Handshake, err = pylit.ParseLiteral(s); err != nil {
			return nil, usageErrorf("invalid handshake %q for %s: %v (a string needs quotes: '\"%s\"')", s, nameOf(fs, "handshake", "PYROSH_HANDSHAKE"), err, s)
		}
	}
	if s := str("timeout", "PYRO_COMMTIMEOUT"); s != "" {
		d, ok := ParseTimeout(s)
		if !ok {
			return nil, usageErrorf("invalid timeout %q for %s: want seconds (2.5) or a duration (500ms, 2s)", s, nameOf(fs, "timeout", "PYRO_COMMTIMEOUT"))
		}
		c.Timeout = d
	}
	c.NSHost = str("ns-host", "PYRO_NS_HOST")
	if s := str("ns-port", "PYRO_NS_PORT"); s != "" && s != "0" {
		if c.NSPort, err = strconv.Atoi(s); err != nil || c.NSPort < 1 || c.NSPort > 65535 {
			return nil, usageErrorf("invalid name server port %q for %s: want a number from 1 to 65535", s, nameOf(fs, "ns-port", "PYRO_NS_PORT"))
		}
	}
	c.Output = str("output", "")
	if c.Output != "" && c.Output != "pretty" && c.Output != "repr" && c.Output != "json" {
		return nil, usageErrorf("invalid output format %q for -o/--output: want pretty, repr or json", c.Output)
	}
	c.Color = str("color", "")
	if c.SSL, err = boolean("ssl", "PYRO_SSL"); err != nil {
		return nil, err
	}
	c.SSLCA = str("ssl-ca", "PYRO_SSL_CACERTS")
	c.SSLCert = str("ssl-cert", "PYRO_SSL_CLIENTCERT")
	c.SSLKey = str("ssl-key", "PYRO_SSL_CLIENTKEY")
	c.caFrom = nameOf(fs, "ssl-ca", "PYRO_SSL_CACERTS")
	c.certFrom = nameOf(fs, "ssl-cert", "PYRO_SSL_CLIENTCERT")
	c.keyFrom = nameOf(fs, "ssl-key", "PYRO_SSL_CLIENTKEY")
	if c.SSLKeyPassword, err = keyPassword(fs, getenv); err != nil {
		return nil, err
	}
	if c.Compress, err = boolean("compress", "PYRO_COMPRESSION"); err != nil {
		return nil, err
	}
	if s := str("max-message-size", "PYRO_MAX_MESSAGE_SIZE"); s != "" && s != "0" {
		n, err := parseByteSize(s)
		if err != nil || strings.HasPrefix(strings.TrimSpace(s), "-") || n > math.MaxInt32 {
			return nil, usageErrorf("invalid max message size %q for %s: want bytes (65536) or a size with a unit (64KiB, 256MiB; at most 2GiB)", s, nameOf(fs, "max-message-size", "PYRO_MAX_MESSAGE_SIZE"))
		}
		c.MaxMessageSize = int(n)
	}
	if s := getenv("PYRO_BROADCAST_ADDRS"); s != "" {
		for _, a := range strings.Split(s, ",") {
			if a = strings.TrimSpace(a); a != "" {
				c.BroadcastAddrs = append(c.BroadcastAddrs, a)
			}
		}
	}
	c.History = str("history", "")
	c.Statements = str("command", "")
	c.Script = str("file", "")
	c.KeepGoing = str("keep-going", "") == "true"
	return c, nil
}

// ParseTimeout reads a timeout as --timeout and :timeout take it: seconds,
// fractions allowed ("1.5", as Pyro's COMMTIMEOUT), or a Go duration
// ("500ms", "2s", "1m30s"). It refuses negative, infinite and absurd (more
// than 30 years) values.
func ParseTimeout(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if secs, err := strconv.ParseFloat(s, 64); err == nil {
		if secs < 0 || math.IsNaN(secs) || math.IsInf(secs, 0) || secs > 1e9 {
			return 0, false
		}
		return time.Duration(secs * float64(time.Second)), true
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 || d > 1e9*time.Second {
		return 0, false
	}
	return d, true
}

// nameOf names where a bad value came from, for the error message.
func nameOf(fs *pflag.FlagSet, flag, env string) string {
	if f := fs.Lookup(flag); f != nil && f.Changed || env == "" {
		return "--" + flag
	}
	return env
}

// hmacKey reads the key from --hmac-key, --hmac-key-file or
// PYROSH_HMAC_KEY. The key itself never appears in an error.
func hmacKey(fs *pflag.FlagSet, getenv func(string) string) ([]byte, error) {
	if f := fs.Lookup("hmac-key"); f != nil && f.Changed {
		return []byte(f.Value.String()), nil
	}
	if f := fs.Lookup("hmac-key-file"); f != nil && f.Changed {
		b, err := os.ReadFile(f.Value.String())
		if err != nil {
			return nil, usageErrorf("read --hmac-key-file: %v", err)
		}
		return []byte(strings.TrimRight(string(b), "\r\n")), nil
	}
	if k := getenv("PYROSH_HMAC_KEY"); k != "" {
		return []byte(k), nil
	}
	return nil, nil
}

// keyPassword reads the client key's passphrase from
// --ssl-key-password-file (first line) or PYRO_SSL_CLIENTKEYPASSWD (as
// Pyro's SSL_CLIENTKEYPASSWD, the passphrase itself).
func keyPassword(fs *pflag.FlagSet, getenv func(string) string) ([]byte, error) {
	if f := fs.Lookup("ssl-key-password-file"); f != nil && f.Changed {
		b, err := os.ReadFile(f.Value.String())
		if err != nil {
			return nil, usageErrorf("read --ssl-key-password-file: %v", err)
		}
		return []byte(strings.TrimRight(string(b), "\r\n")), nil
	}
	if p := getenv("PYRO_SSL_CLIENTKEYPASSWD"); p != "" {
		return []byte(p), nil
	}
	return nil, nil
}

// PyroOptions returns the proxy options the configuration stands for.
func (c *Config) PyroOptions() (pyro.Options, error) {
	o := pyro.Options{
		Serializer:      c.Serializer,
		Protocol:        c.Protocol,
		ProtocolSetting: c.ProtocolSetting,
		HMACKey:         c.HMACKey,
		ConnectTimeout:  c.Timeout,
		Compress:        c.Compress,
		MaxMessageSize:  c.MaxMessageSize,
		NSHost:          c.NSHost,
		NSPort:          c.NSPort,
		BroadcastAddrs:  c.BroadcastAddrs,
		Handshake:       c.Handshake,
	}
	if c.SSL || c.SSLCA != "" || c.SSLCert != "" {
		cfg, err := c.tlsConfig()
		if err != nil {
			return o, err
		}
		o.TLS = cfg
	}
	return o, nil
}

func (c *Config) tlsConfig() (*tls.Config, error) {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if c.SSLCA != "" {
		pem, err := os.ReadFile(c.SSLCA)
		if err != nil {
			return nil, usageErrorf("read CA file for %s: %v", cmp.Or(c.caFrom, "--ssl-ca"), err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, usageErrorf("no PEM certificates in CA file %s (%s)", c.SSLCA, cmp.Or(c.caFrom, "--ssl-ca"))
		}
		cfg.RootCAs = pool
	}
	if c.SSLCert != "" {
		key, keyFrom := c.SSLKey, cmp.Or(c.keyFrom, "--ssl-key")
		if key == "" {
			key, keyFrom = c.SSLCert, cmp.Or(c.certFrom, "--ssl-cert") // Python's ssl accepts cert and key in one file
		}
		cert, err := loadClientCert(c.SSLCert, key, c.SSLKeyPassword, cmp.Or(c.certFrom, "--ssl-cert"), keyFrom)
		if err != nil {
			return nil, err
		}
		cfg.Certificates = []tls.Certificate{cert}
	}
	return cfg, nil
}

// usageError is bad input on the command line: exit status 2.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usageErrorf(format string, a ...any) error {
	return &usageError{fmt.Errorf(format, a...)}
}
