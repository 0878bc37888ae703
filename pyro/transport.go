package pyro

import (
	"io"
	"net"
	"syscall"
	"time"
)

// transport carries a connection's bytes. There are two: a net.Conn on
// Go's netpoller (TLS, and platforms without the other), and a socket in
// blocking mode read and written with direct system calls
// (transport_fd_unix.go), the lean path for a client that makes one call
// at a time: no netpoller wake-up, no goroutine park per reply.
type transport interface {
	io.ReadWriter
	// setDeadline bounds the I/O that follows (zero: none). The blocking
	// transport needs none: interrupt runs at the context's deadline.
	setDeadline(t time.Time)
	// interrupt makes blocked and later I/O fail at once; the connection
	// is dead afterwards. It may run concurrently with I/O.
	interrupt()
	// peerClosed peeks, without waiting, whether the daemon closed the
	// connection (see conn.closedByPeer).
	peerClosed() bool
	close() error
}

// netTransport is a net.Conn: TCP, unix socket or TLS.
type netTransport struct {
	net.Conn
	raw syscall.RawConn // the socket under TLS too; nil when there is none
}

func (t *netTransport) setDeadline(d time.Time) { t.SetDeadline(d) }
func (t *netTransport) interrupt()              { t.SetDeadline(time.Unix(1, 0)) }
func (t *netTransport) close() error            { return t.Close() }

func (t *netTransport) peerClosed() bool {
	return t.raw != nil && peerClosed(t.raw)
}
