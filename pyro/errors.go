package pyro

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"

	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/wire"
)

// RemoteError is an exception the remote object raised (or the daemon
// raised on its behalf: an unknown method, an unknown object).
type RemoteError struct {
	Exception *py.Exception
}

func (e *RemoteError) Error() string {
	msg := e.Exception.Message()
	if msg == "" {
		return e.Exception.Name()
	}
	return e.Exception.Name() + ": " + msg
}

// ConnError is a failure to reach or talk to a daemon: a refused or lost
// connection, a timeout, a TLS failure, a handshake the daemon rejected.
type ConnError struct {
	Op   string // "connect", "call echo", "handshake"...
	Addr string // the location or URI
	Err  error
}

func (e *ConnError) Error() string {
	return fmt.Sprintf("%s %s: %s", e.Op, e.Addr, describe(e.Err))
}

func (e *ConnError) Unwrap() error { return e.Err }

// ProtocolError is a message that breaks the Pyro4 protocol: bad framing,
// an undecodable payload, a reply out of sequence, an HMAC mismatch.
type ProtocolError struct {
	Addr string
	Err  error
}

func (e *ProtocolError) Error() string {
	return fmt.Sprintf("protocol error from %s: %s", e.Addr, describe(e.Err))
}

func (e *ProtocolError) Unwrap() error { return e.Err }

// SerializeError is an argument the chosen serializer cannot carry (bytes
// in json, a set key in msgpack...). Nothing was sent.
type SerializeError struct {
	Serializer string
	Err        error
}

func (e *SerializeError) Error() string {
	return fmt.Sprintf("cannot send the arguments with serializer %s: %s", e.Serializer, describe(e.Err))
}

func (e *SerializeError) Unwrap() error { return e.Err }

// rejectedError is the reason a daemon gave in a CONNECTFAIL.
type rejectedError struct{ reason string }

func (e *rejectedError) Error() string { return "connection rejected: " + e.reason }

// IsHandshakeRefused reports whether err is a daemon's CONNECTFAIL that
// its validateHandshake (or an error reading the handshake data) caused:
// not one of the reasons the daemon gives itself, which name their own
// fix. Those are a serializer it does not accept, an hmac key mismatch,
// an unknown object, and a thread pool with no free worker (Pyro4
// `SocketServer_Threadpool` and Pyro5 `svr_threads` deny the connection
// with "no free workers, increase server threadpool size").
func IsHandshakeRefused(err error) bool {
	var e *rejectedError
	if !errors.As(err, &e) {
		return false
	}
	r := e.reason
	return !strings.Contains(r, "hmac") && !strings.Contains(r, "does not accept serializer") &&
		r != "unknown object" && !strings.HasPrefix(r, "no free workers")
}

// describe turns low-level errors into short text: net.OpError's
// "dial tcp 127.0.0.1:1: connect: connection refused" becomes
// "connection refused".
func describe(err error) string {
	var op *net.OpError
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded):
		return "timed out"
	case errors.Is(err, context.Canceled):
		return "cancelled"
	case errors.As(err, &op) && op.Err != nil:
		msg := op.Err.Error()
		if i := strings.LastIndex(msg, ": "); i >= 0 && !strings.Contains(msg, "tls") {
			msg = msg[i+2:]
		}
		return msg
	}
	return err.Error()
}

// IsTimeout reports whether err is a timeout of a connect or a call.
func IsTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) ||
		errors.As(err, &ne) && ne.Timeout()
}

// IsSecurity reports whether err is an HMAC problem.
func IsSecurity(err error) bool {
	var se *wire.SecurityError
	return errors.As(err, &se)
}
