// Package pyro is a native Go client for Python Pyro4 4.x daemons: URIs,
// proxies (Dial, Call, Get, Set, Ping, Batch, Stream), the name server,
// typed errors, and the mapping between Pyro4's class dicts and the
// exceptions, URIs and proxies they stand for.
//
// Framing lives in pyro/wire, the value model in pyro/py, serializers in
// pyro/codec/...; this package owns connections, sequence numbers,
// contexts and re-dialling. A connection whose I/O failed or was
// cancelled is dropped and the next call dials again; a call in flight is
// never re-sent.
package pyro
