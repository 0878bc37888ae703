// Package server is a Pyro4 4.82 and Pyro5 5.x daemon written in Go: real
// Python Pyro4 and Pyro5 proxies and pyrosh's own client can call the
// objects it serves, on the same port.
//
// As the pyro client does, each connection picks its framing once, from
// the first 6 bytes the client sends ("PYRO" and the protocol version, 48
// or 502): package wire or package wire5 under one protocol-neutral
// message (framing.go), and a dialect for the class names and shapes that
// differ (Pyro5.errors.*, Pyro5.client.Proxy's 6-item state, metadata
// always in CONNECTOK, the connection closed after a SerializeError).
// Methods are written once; Protocol(ctx) tells one the caller's protocol
// where the answer differs.
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
