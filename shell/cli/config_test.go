package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"
)

// TestResolveConfig checks the one rule of configuration: a flag beats
// Pyro4's environment variable, which beats the default.
func TestResolveConfig(t *testing.T) {
	cases := []struct {
		name  string
		flags []string
		env   map[string]string
		check func(*Config) bool
	}{
		{"serializer default", nil, nil, func(c *Config) bool { return c.Serializer == "serpent" }},
		{"serializer from env", nil, map[string]string{"PYRO_SERIALIZER": "json"}, func(c *Config) bool { return c.Serializer == "json" }},
		{"serializer flag wins", []string{"--serializer", "marshal"}, map[string]string{"PYRO_SERIALIZER": "json"}, func(c *Config) bool { return c.Serializer == "marshal" }},
		{"timeout default none", nil, nil, func(c *Config) bool { return c.Timeout == 0 }},
		{"timeout from PYRO_COMMTIMEOUT", nil, map[string]string{"PYRO_COMMTIMEOUT": "2.5"}, func(c *Config) bool { return c.Timeout == 2500*time.Millisecond }},
		{"timeout flag wins", []string{"--timeout", "0.25"}, map[string]string{"PYRO_COMMTIMEOUT": "2.5"}, func(c *Config) bool { return c.Timeout == 250*time.Millisecond }},
		{"ns from env", nil, map[string]string{"PYRO_NS_HOST": "ns.example", "PYRO_NS_PORT": "9999"}, func(c *Config) bool { return c.NSHost == "ns.example" && c.NSPort == 9999 }},
		{"ns flags win", []string{"--ns-host", "h", "--ns-port", "1"}, map[string]string{"PYRO_NS_HOST": "ns.example", "PYRO_NS_PORT": "9999"}, func(c *Config) bool { return c.NSHost == "h" && c.NSPort == 1 }},
		{"compression from env", nil, map[string]string{"PYRO_COMPRESSION": "on"}, func(c *Config) bool { return c.Compress }},
		{"ssl from env", nil, map[string]string{"PYRO_SSL": "1", "PYRO_SSL_CACERTS": "ca.pem"}, func(c *Config) bool { return c.SSL && c.SSLCA == "ca.pem" }},
		{"max message size from env", nil, map[string]string{"PYRO_MAX_MESSAGE_SIZE": "4096"}, func(c *Config) bool { return c.MaxMessageSize == 4096 }},
		{"hmac from env", nil, map[string]string{"PYROSH_HMAC_KEY": "k"}, func(c *Config) bool { return string(c.HMACKey) == "k" }},
		{"hmac flag wins", []string{"--hmac-key", "f"}, map[string]string{"PYROSH_HMAC_KEY": "k"}, func(c *Config) bool { return string(c.HMACKey) == "f" }},
		{"broadcast addresses", nil, map[string]string{"PYRO_BROADCAST_ADDRS": "127.0.0.1:9091, 127.0.0.2"}, func(c *Config) bool {
			return len(c.BroadcastAddrs) == 2 && c.BroadcastAddrs[1] == "127.0.0.2"
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
			globalFlags(fs)
			shellFlags(fs)
			if err := fs.Parse(c.flags); err != nil {
				t.Fatal(err)
			}
			cfg, err := resolveConfig(fs, func(k string) string { return c.env[k] })
			if err != nil {
				t.Fatal(err)
			}
			if !c.check(cfg) {
				t.Fatalf("config = %+v", cfg)
			}
		})
	}
}

func TestResolveConfigRejectsBadValuesNamingTheSource(t *testing.T) {
	cases := []struct {
		flags []string
		env   map[string]string
		want  string
	}{
		{nil, map[string]string{"PYRO_COMMTIMEOUT": "soon"}, "PYRO_COMMTIMEOUT"},
		{[]string{"--timeout", "-1"}, nil, "--timeout"},
		{nil, map[string]string{"PYRO_NS_PORT": "99999"}, "PYRO_NS_PORT"},
		{nil, map[string]string{"PYRO_SSL": "perhaps"}, "PYRO_SSL"},
		{nil, map[string]string{"PYRO_SERIALIZER": "yaml"}, "yaml"},
		{[]string{"-o", "xml"}, nil, "xml"},
		{nil, map[string]string{"PYRO_MAX_MESSAGE_SIZE": "-5"}, "PYRO_MAX_MESSAGE_SIZE"},
	}
	for _, c := range cases {
		fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
		globalFlags(fs)
		if err := fs.Parse(c.flags); err != nil {
			t.Fatal(err)
		}
		_, err := resolveConfig(fs, func(k string) string { return c.env[k] })
		if err == nil || ExitCode(err) != ExitUsage || !strings.Contains(err.Error(), c.want) {
			t.Errorf("flags %v env %v: error %v, want a usage error naming %q", c.flags, c.env, err, c.want)
		}
	}
}
