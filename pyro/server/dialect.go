package server

import (
	"context"
	"strings"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// dialect is what differs between the protocols above the framing: the
// class names a daemon sends, the state of a proxy, and which exception
// replies end the connection.
type dialect struct {
	version                int
	uri, proxy, excWrapper string
	errors                 string // module of Pyro's own exceptions, with the dot
	// proxyState is a proxy's state tuple as Proxy.__getstate__ gives it.
	proxyState func(uri string, oneway, methods, attrs py.Tuple) py.Tuple
	// closesAfter are the exception classes after whose reply the daemon
	// closes the connection.
	closesAfter []string
}

var pyro4Dialect = &dialect{
	version: Pyro4, uri: "Pyro4.core.URI", proxy: "Pyro4.core.Proxy", excWrapper: "Pyro4.futures._ExceptionWrapper",
	errors: "Pyro4.errors.",
	// (uri, oneway, methods, attrs, timeout, hmac key, handshake, max
	// retries, serializer): core.py Proxy.__getstate__.
	proxyState: func(uri string, oneway, methods, attrs py.Tuple) py.Tuple {
		return py.Tuple{py.Str(uri), oneway, methods, attrs, py.Float(0), py.None, py.Str("hello"), py.Int(0), py.None}
	},
}

var pyro5Dialect = &dialect{
	version: Pyro5, uri: "Pyro5.core.URI", proxy: "Pyro5.client.Proxy", excWrapper: "Pyro5.core._ExceptionWrapper",
	errors: "Pyro5.errors.",
	// (uri, oneway, methods, attrs, handshake, serializer): client.py
	// Proxy.__getstate__.
	proxyState: func(uri string, oneway, methods, attrs py.Tuple) py.Tuple {
		return py.Tuple{py.Str(uri), oneway, methods, attrs, py.Str("hello"), py.None}
	},
	// server.py Daemon.handleRequest re-raises these after the reply.
	closesAfter: []string{"SerializeError", "SecurityError", "CommunicationError", "ConnectionClosedError",
		"TimeoutError", "ProtocolError", "MessageTooLargeError"},
}

// class returns the name the dialect sends for a class named the Pyro4
// way: "Pyro4.errors.NamingError" becomes "Pyro5.errors.NamingError" on a
// Pyro5 connection; other names go as they are. Objects and errors of the
// daemon's side are named the Pyro4 way, so one daemon serves both.
func (d *dialect) class(name string) string {
	if rest, ok := strings.CutPrefix(name, "Pyro4.errors."); ok {
		return d.errors + rest
	}
	return name
}

// closes reports whether the daemon closes the connection after an
// exception reply of class (already in the dialect's names).
func (d *dialect) closes(class string) bool {
	rest, ok := strings.CutPrefix(class, d.errors)
	if !ok {
		return false
	}
	for _, c := range d.closesAfter {
		if rest == c {
			return true
		}
	}
	return false
}

type protocolKey struct{}

// Protocol returns the Pyro major version (4 or 5) of the connection a
// method is called on, from the context the daemon gives it; 4 outside
// a call. A method answers in the caller's protocol's shapes with it (the
// demo name server's lookup gives a list to Pyro4 and a set to Pyro5).
func Protocol(ctx context.Context) int {
	if v, ok := ctx.Value(protocolKey{}).(int); ok {
		return v
	}
	return Pyro4
}
