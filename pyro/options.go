package pyro

import (
	"crypto/tls"
	"strings"
	"time"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// DefaultConnectTimeout bounds connecting and the handshake when no
// timeout is given.
const DefaultConnectTimeout = 10 * time.Second

// Options configure a proxy. The zero value is Pyro's defaults: serpent,
// no HMAC, no compression, plain TCP, the name server on localhost:9090,
// and the protocol (Pyro4 or Pyro5) learnt from the daemon.
type Options struct {
	Serializer     string        // serpent (default), json, marshal, msgpack, pickle
	HMACKey        []byte        // nil: messages are not signed
	ConnectTimeout time.Duration // connect and handshake; 0 means DefaultConnectTimeout
	Compress       bool          // zlib-compress requests of 200 bytes or more
	TLS            *tls.Config   // nil: plain TCP; ServerName defaults to the URI's host
	MaxMessageSize int           // limit on incoming messages; 0 means wire.DefaultMaxSize
	NSHost         string        // name server for PYRONAME/PYROMETA without a location
	NSPort         int
	BroadcastAddrs []string // where to broadcast for the name server when NSHost is ""
	Handshake      py.Value // sent in CONNECT; nil means "hello" as Pyro4 sends
	// CorrelationID, when set (16 bytes, a UUID), goes with every request
	// as Pyro4's CORR annotation, so the daemon's logs and replies carry it.
	CorrelationID []byte
	// Protocol is the Pyro protocol to speak: ProtocolAuto (0, learn it
	// from the daemon's first reply), Pyro4 or Pyro5.
	Protocol int
	// ProtocolSetting names the setting that chose Protocol, as the user
	// wrote it, for the errors a forced protocol causes: "--protocol"
	// (also when empty), an environment variable ("PYROSH_PROTOCOL"), a
	// meta command (":protocol").
	ProtocolSetting string
	// Netpoll keeps a plain TCP or unix connection on Go's netpoller
	// (epoll) instead of a blocking socket with a thread of its own. A
	// blocking socket is cheaper for one call at a time; when several
	// connections of a process are busy at once (pyrosh bench -c 4) it
	// wakes one thread per reply, and the netpoller costs less CPU per
	// call in the client and in a threaded Python daemon (issue 14,
	// docs/performance.md "Concurrency 4 against the Python daemon").
	Netpoll bool
}

// protocolSetting is the protocol setting with value v as the user
// writes it: "--protocol 5", "PYROSH_PROTOCOL=5", ":protocol 5".
func (o *Options) protocolSetting(v string) string {
	name := o.ProtocolSetting
	switch {
	case name == "":
		name = "--protocol"
	case !strings.HasPrefix(name, "-") && !strings.HasPrefix(name, ":"):
		return name + "=" + v
	}
	return name + " " + v
}

// WithProtocol chooses the protocol: ProtocolAuto, Pyro4 or Pyro5.
func WithProtocol(v int) Option { return func(o *Options) { o.Protocol = v } }

// WithNetpoll keeps connections on Go's netpoller: see Options.Netpoll.
func WithNetpoll(on bool) Option { return func(o *Options) { o.Netpoll = on } }

// Option sets one field of Options.
type Option func(*Options)

// WithOptions replaces all options at once.
func WithOptions(o Options) Option { return func(dst *Options) { *dst = o } }

// WithSerializer chooses the serializer by its Pyro4 name.
func WithSerializer(name string) Option { return func(o *Options) { o.Serializer = name } }

// WithHMACKey signs and verifies every message with key.
func WithHMACKey(key []byte) Option { return func(o *Options) { o.HMACKey = key } }

// WithConnectTimeout bounds connecting and the handshake.
func WithConnectTimeout(d time.Duration) Option { return func(o *Options) { o.ConnectTimeout = d } }

// WithCompression compresses requests as Pyro4's COMPRESSION does.
func WithCompression(on bool) Option { return func(o *Options) { o.Compress = on } }

// WithTLS speaks TLS with the given configuration.
func WithTLS(c *tls.Config) Option { return func(o *Options) { o.TLS = c } }

// WithNameServer sets the name server used to resolve PYRONAME and
// PYROMETA URIs that carry no location.
func WithNameServer(host string, port int) Option {
	return func(o *Options) { o.NSHost, o.NSPort = host, port }
}

// WithCorrelationID sends id (a 16-byte UUID) as the CORR annotation of
// every request, like Pyro4's current_context.correlation_id.
func WithCorrelationID(id [16]byte) Option {
	return func(o *Options) { o.CorrelationID = id[:] }
}

func (o *Options) connectTimeout() time.Duration {
	if o.ConnectTimeout > 0 {
		return o.ConnectTimeout
	}
	return DefaultConnectTimeout
}
