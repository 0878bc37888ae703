package server

import (
	"errors"
	"syscall"
	"time"
)

// Defaults of the limits in Options; docs/security.md says why each is
// what it is and how it is tested.
const (
	// DefaultHandshakeSize bounds the CONNECT, before and after
	// inflation: a real one is under 200 bytes.
	DefaultHandshakeSize = 64 << 10
	// DefaultHandshakeTimeout is how long a new connection has to send its
	// CONNECT and take the answer.
	DefaultHandshakeTimeout = 5 * time.Second
	// DefaultMaxConnections bounds open connections. When it is reached,
	// the oldest connection still in its handshake makes room; with none,
	// the new connection is closed at once.
	DefaultMaxConnections = 512
	// DefaultConnMemory is what one connection may hold for the message
	// it is reading: the bytes received, the inflated payload and its
	// decoded values. It makes the largest message after the handshake
	// a ninth of it, about 10 MiB.
	DefaultConnMemory = 96 << 20
	// DefaultMemory is what all connections of a daemon may hold
	// together; past it a connection gets no more than 64 KiB. The Go
	// heap may reach about twice this before it collects.
	DefaultMemory = 128 << 20
	// DecodedFactor bounds the decoded values of a request: at most this
	// many bytes, counted as codec.Budget counts them, per payload byte,
	// and never more than the connection may still hold. 16 is
	// codec.ValueCost per byte, what the densest payload (a msgpack list
	// of small ints) needs.
	DecodedFactor = 16
)

// maxOneway bounds the oneway calls running in goroutines of their own;
// past it a oneway call runs on its connection's goroutine.
const maxOneway = 128

// limits are the resolved Options limits of a daemon.
type limits struct {
	handshakeSize    int
	handshakeTimeout time.Duration
	maxConns         int
	connMemory       int
	messageSize      int // largest message after the handshake
}

func resolveLimits(o *Options, maxSize int) limits {
	orDefault := func(v, def int) int {
		if v <= 0 {
			return def
		}
		return v
	}
	l := limits{
		handshakeSize:    orDefault(o.HandshakeSize, DefaultHandshakeSize),
		handshakeTimeout: o.HandshakeTimeout,
		maxConns:         orDefault(o.MaxConnections, DefaultMaxConnections),
		connMemory:       orDefault(o.ConnMemory, DefaultConnMemory),
	}
	if l.handshakeTimeout <= 0 {
		l.handshakeTimeout = DefaultHandshakeTimeout
	}
	// A message must fit the connection's budget as read, inflated and
	// decoded (most payloads decode to less than 7 times their size);
	// refusing it at the header says so more clearly than running out
	// half way.
	l.messageSize = min(maxSize, l.connMemory/9)
	l.handshakeSize = min(l.handshakeSize, l.messageSize)
	return l
}

// temporary reports whether an Accept error may go away by itself: out
// of file descriptors or buffers, or a connection reset before it was
// accepted. Serve backs off and accepts again after these, as net/http's
// Server does.
func temporary(err error) bool {
	for _, e := range []error{syscall.EMFILE, syscall.ENFILE, syscall.ENOBUFS, syscall.ENOMEM,
		syscall.ECONNABORTED, syscall.ECONNRESET, syscall.EINTR, syscall.EAGAIN} {
		if errors.Is(err, e) {
			return true
		}
	}
	var te interface{ Timeout() bool }
	return errors.As(err, &te) && te.Timeout()
}

// outOfFiles reports whether err means the process has no file
// descriptor left.
func outOfFiles(err error) bool {
	return errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE)
}

// backoff is the wait after the n-th temporary Accept error in a row:
// 5 ms doubling to 1 s, as net/http's Server.
func backoff(n int) time.Duration {
	d := 5 * time.Millisecond << min(n, 8)
	return min(d, time.Second)
}
