// Package demo holds the objects `pyrosh demo` serves, on a Go daemon
// (pyro/server) that answers Pyro4 and Pyro5 clients: Example, the seed's object with hello() and
// echo(*args), and Showcase, which exercises every value type and every
// feature a shell user can try: exceptions with tracebacks, keyword
// arguments, readable and writable attributes, oneway calls, generators,
// returned proxies and large results. NameServer is an in-memory name
// server (Pyro.NameServer) for them, with Pyro4's calls and Pyro5's
// (yplookup, metadata as sets), so that PYRONAME and PYROMETA
// URIs and name listings work with nothing else installed.
//
// Start runs the objects, StartWithNameServer the objects and a name
// server on a second daemon; Running reports where.
package demo
