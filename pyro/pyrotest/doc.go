// Package pyrotest starts real Python Pyro4 4.82 and Pyro5 5.x daemons and name
// servers for Go tests, and asks Python for reference answers.
//
// Every helper runs /usr/bin/python3 (Debian's python3-pyro4 lives there, not in
// the python3 first on PATH) and calls RequirePyro4 first, the one place that
// decides whether a missing Pyro4 skips a test or, with PYROSH_REQUIRE_PYRO4=1,
// fails it.
//
// StartDaemon runs an embedded Python server script on 127.0.0.1 port 0 (or a
// unix socket) and waits, with a deadline, for the "READY <location>" line it
// prints once listening. The daemon serves two objects:
//
//   - Example, the seed's object: hello() and echo(*args).
//   - Thing: echo, echo_kw, add, divide, fail, custom_error, the properties
//     value (read/write, initially 42) and name (read-only), the oneway fire(n)
//     with fired(), the generators count(n) and slow_count(n, delay),
//     sleep(seconds), make_child(name) returning an autoproxy, types() returning
//     every Python value kind, and big(n).
//
// StartNameServer runs a real Pyro4 name server plus such a daemon, with the
// requested names registered. Processes run in their own process group, are
// killed in t.Cleanup, and also exit on their own when their stdin closes, so a
// crashed test binary leaves nothing behind.
//
// StartDaemon5 and StartNameServer5 are the same for Pyro5 (server5.py: the same
// objects, plus a handshake-checking daemon and Pyro5's broadcast responder on
// request). Pyro5 is not installed system-wide (Debian's python3-pyro5 conflicts
// with python3-pyro4): .ci/install-pyro5.sh unpacks it into /opt/pyro5 or
// $PYROSH_PYRO5_PATH, which these helpers put on PYTHONPATH for the Pyro5
// processes only, with every PYRO_* variable unset (an unknown one breaks Pyro5's
// import). RequirePyro5 decides skip or fail, by PYROSH_REQUIRE_PYRO5=1.
//
// PyRepr and PyCall are oracles: Python's repr() of expressions, and the outcome
// of one call made by a real Python Pyro4 proxy (a Pyro5 proxy with
// CallOptions.Pyro5).
package pyrotest
