// Package server is a Pyro4 4.82 daemon written in Go: real Python Pyro4
// proxies and pyrosh's own client can call the objects it serves.
//
// An Object is a set of Go methods, oneway methods and attributes under a
// Python class name; a Daemon serves registered objects on a listener, one
// goroutine per connection, with the calls of one connection handled in
// order as Pyro4 does. The daemon speaks every serializer the pyro package
// knows (serpent, json, marshal, msgpack, pickle), HMAC signing,
// compression, size limits, item streaming, batch calls and the
// Pyro.Daemon object (core.py DaemonObject).
//
// Errors returned by methods become Pyro4 exception replies; Raise builds a
// *py.Exception with a one-frame traceback pointing at the Go caller, in
// the shape Python's traceback.format_exception gives.
//
// Options.Fault makes the daemon misbehave on purpose, deterministically,
// so client tests can exercise every error path: a dropped connection, a
// truncated or oversized header, garbage, a bad checksum, a reply with the
// wrong sequence number, or a reply that never comes.
package server
