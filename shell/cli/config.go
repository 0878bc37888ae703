package cli

import (
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
)

// Config is the resolved global configuration: each field from its flag
// when given, else from Pyro4's environment variable, else the default.
type Config struct {
	Serializer     string
	HMACKey        []byte
	Timeout        time.Duration // 0: the default connect timeout, no call timeout
	NSHost         string
	NSPort         int
	Output         string // pretty, repr, json; "" chooses by terminal
	Color          string // auto, always, never
	SSL            bool
	SSLCA          string
	SSLCert        string
	SSLKey         string
	Compress       bool
	MaxMessageSize int
	BroadcastAddrs []string
	History        string
	Statements     string // -c
	Script         string // -f
}

// globalFlags declares the global flags; each help text names the Pyro4
// variable it stands for.
func globalFlags(fs *pflag.FlagSet) {
	fs.String("serializer", "serpent", "serializer: serpent, json, marshal, msgpack or pickle (env PYRO_SERIALIZER)")
	fs.String("hmac-key", "", "HMAC key the daemon expects (env PYROSH_HMAC_KEY; prefer --hmac-key-file)")
	fs.String("hmac-key-file", "", "read the HMAC key from this file")
	fs.String("timeout", "", "seconds to wait for connecting and for each call, fractions allowed (env PYRO_COMMTIMEOUT; default 10 s to connect, no call limit)")
	fs.String("ns-host", "", "name server host (env PYRO_NS_HOST; default localhost)")
	fs.Int("ns-port", 0, "name server port (env PYRO_NS_PORT; default 9090)")
	fs.StringP("output", "o", "", "output format: pretty, repr or json (default pretty on a terminal, repr otherwise)")
	fs.String("color", "auto", "colour: auto, always or never (NO_COLOR disables auto)")
	fs.Bool("ssl", false, "use TLS (env PYRO_SSL)")
	fs.String("ssl-ca", "", "CA certificates to verify the daemon with (env PYRO_SSL_CACERTS)")
	fs.String("ssl-cert", "", "client certificate (env PYRO_SSL_CLIENTCERT)")
	fs.String("ssl-key", "", "client certificate key (env PYRO_SSL_CLIENTKEY)")
	fs.Bool("compress", false, "compress requests with zlib (env PYRO_COMPRESSION)")
	fs.String("max-message-size", "", "largest message accepted, in bytes (env PYRO_MAX_MESSAGE_SIZE; default 256 MiB)")
}

// shellFlags declares the flags of the commands that open the shell (the
// root command and demo).
func shellFlags(fs *pflag.FlagSet) {
	fs.String("history", "", "history file (default $XDG_STATE_HOME/pyrosh/history)")
	fs.StringP("command", "c", "", "run these shell statements and exit")
	fs.StringP("file", "f", "", "run the shell statements in this file and exit")
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
		return nil, &usageError{err}
	}
	if c.HMACKey, err = hmacKey(fs, getenv); err != nil {
		return nil, err
	}
	if s := str("timeout", "PYRO_COMMTIMEOUT"); s != "" {
		secs, err := strconv.ParseFloat(s, 64)
		if err != nil || secs < 0 || math.IsNaN(secs) || math.IsInf(secs, 0) || secs > 1e9 {
			return nil, usageErrorf("invalid timeout %q for %s: want seconds, e.g. 2.5", s, nameOf(fs, "timeout", "PYRO_COMMTIMEOUT"))
		}
		c.Timeout = time.Duration(secs * float64(time.Second))
	}
	c.NSHost = str("ns-host", "PYRO_NS_HOST")
	if s := str("ns-port", "PYRO_NS_PORT"); s != "" && s != "0" {
		if c.NSPort, err = strconv.Atoi(s); err != nil || c.NSPort < 1 || c.NSPort > 65535 {
			return nil, usageErrorf("invalid name server port %q for %s", s, nameOf(fs, "ns-port", "PYRO_NS_PORT"))
		}
	}
	c.Output = str("output", "")
	if c.Output != "" && c.Output != "pretty" && c.Output != "repr" && c.Output != "json" {
		return nil, usageErrorf("invalid output format %q: want pretty, repr or json", c.Output)
	}
	c.Color = str("color", "")
	if c.SSL, err = boolean("ssl", "PYRO_SSL"); err != nil {
		return nil, err
	}
	c.SSLCA = str("ssl-ca", "PYRO_SSL_CACERTS")
	c.SSLCert = str("ssl-cert", "PYRO_SSL_CLIENTCERT")
	c.SSLKey = str("ssl-key", "PYRO_SSL_CLIENTKEY")
	if c.Compress, err = boolean("compress", "PYRO_COMPRESSION"); err != nil {
		return nil, err
	}
	if s := str("max-message-size", "PYRO_MAX_MESSAGE_SIZE"); s != "" && s != "0" {
		if c.MaxMessageSize, err = strconv.Atoi(s); err != nil || c.MaxMessageSize < 0 {
			return nil, usageErrorf("invalid max message size %q for %s", s, nameOf(fs, "max-message-size", "PYRO_MAX_MESSAGE_SIZE"))
		}
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
	return c, nil
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
			return nil, usageErrorf("read hmac key file: %v", err)
		}
		return []byte(strings.TrimRight(string(b), "\r\n")), nil
	}
	if k := getenv("PYROSH_HMAC_KEY"); k != "" {
		return []byte(k), nil
	}
	return nil, nil
}

// PyroOptions returns the proxy options the configuration stands for.
func (c *Config) PyroOptions() (pyro.Options, error) {
	o := pyro.Options{
		Serializer:     c.Serializer,
		HMACKey:        c.HMACKey,
		ConnectTimeout: c.Timeout,
		Compress:       c.Compress,
		MaxMessageSize: c.MaxMessageSize,
		NSHost:         c.NSHost,
		NSPort:         c.NSPort,
		BroadcastAddrs: c.BroadcastAddrs,
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
			return nil, usageErrorf("read CA file: %v", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, usageErrorf("no PEM certificates in CA file %s", c.SSLCA)
		}
		cfg.RootCAs = pool
	}
	if c.SSLCert != "" {
		key := c.SSLKey
		if key == "" {
			key = c.SSLCert // Python's ssl accepts cert and key in one file
		}
		cert, err := tls.LoadX509KeyPair(c.SSLCert, key)
		if err != nil {
			return nil, usageErrorf("load client certificate: %v", err)
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
