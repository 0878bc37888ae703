// Package demo holds the objects `pyrosh demo` serves, on a Go Pyro4
// daemon (pyro/server): Example, the seed's object with hello() and
// echo(*args), and Showcase, which exercises every value type and every
// feature a shell user can try: exceptions with tracebacks, keyword
// arguments, readable and writable attributes, oneway calls, generators,
// returned proxies and large results. NameServer is an in-memory Pyro4
// name server (Pyro.NameServer) for them, so that PYRONAME and PYROMETA
// URIs and name listings work with nothing else installed.
//
// Start runs the objects, StartWithNameServer the objects and a name
// server on a second daemon; Running reports where.
package demo
