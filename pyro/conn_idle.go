package pyro

import (
	"strings"
	"syscall"
	"time"
)

// idleCheckAfter is how long a connection must have been idle before a
// send first checks that the daemon has not closed it meanwhile. Calls
// made back to back skip the check (one system call); a daemon restart or
// its idle timeout happens on a human scale.
const idleCheckAfter = time.Millisecond

// monoStart is when the process started, for monoNow.
var monoStart = time.Now()

// monoNow reads the monotonic clock alone, as a duration since the
// process started: one clock read where time.Now makes two (wall and
// monotonic), for the idle check that every call makes.
func monoNow() time.Duration { return time.Since(monoStart) }

// rawConn returns the socket under nc for the idle check, or nil when nc
// has none (a net.Pipe in tests).
func rawConn(nc any) syscall.RawConn {
	sc, ok := nc.(syscall.Conn)
	if !ok {
		return nil
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return nil
	}
	return rc
}

// closedByPeer reports whether the daemon closed (or reset) the
// connection while it was idle, so that a request written now would be
// lost: a daemon restart, its COMMTIMEOUT, or Pyro's close after a
// security or communication error. It never reads: it peeks without
// waiting, and pending bytes count as alive. A connection used less than
// idleCheckAfter ago is taken as alive.
func (c *conn) closedByPeer() bool {
	if monoNow()-c.used < idleCheckAfter {
		return false
	}
	return c.t.peerClosed()
}

// daemonCloses reports whether a daemon closes the connection after
// replying with an exception of class: Pyro4's and Pyro5's
// Daemon.handleRequest re-raise CommunicationError (and its subclasses)
// and SecurityError after sending the reply, which ends the connection.
func daemonCloses(class string) bool {
	mod, name, ok := strings.Cut(class, ".errors.")
	if !ok || (mod != "Pyro4" && mod != "Pyro5") {
		return false
	}
	switch name {
	case "SecurityError", "CommunicationError", "ConnectionClosedError", "TimeoutError",
		"ProtocolError", "MessageTooLargeError", "SerializeError":
		return true
	}
	return false
}
