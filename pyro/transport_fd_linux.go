package pyro

import (
	"io"
	"net"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// fdTransport is a socket in blocking mode, outside Go's netpoller: a
// read blocks its thread in the kernel until the reply arrives, as a C
// client does, instead of parking the goroutine and being woken through
// epoll. For a client making one call at a time this halves the context
// switches per call (issue 14). Cancellation and deadlines shut the
// socket down, which wakes a blocked read or write.
type fdTransport struct {
	mu     sync.Mutex // guards fd against interrupt racing close
	fd     int
	closed bool
}

// blockingTransport takes over nc's socket: it duplicates the descriptor,
// closes nc (which takes the socket out of the netpoller) and puts the
// duplicate in blocking mode. It returns nil, leaving nc as it was, when
// nc has no descriptor to take.
func blockingTransport(nc net.Conn) transport {
	sc, ok := nc.(syscall.Conn)
	if !ok {
		return nil
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return nil
	}
	fd := -1
	var derr error
	if err := rc.Control(func(s uintptr) { fd, derr = dupCloexec(int(s)) }); err != nil || derr != nil {
		return nil
	}
	// Closing nc removes the socket from epoll (netpollclose runs before
	// close) while the duplicate keeps it open.
	nc.Close()
	if err := syscall.SetNonblock(fd, false); err != nil {
		syscall.Close(fd)
		return nil
	}
	return &fdTransport{fd: fd}
}

func (t *fdTransport) Read(p []byte) (int, error) {
	for {
		n, err := syscall.Read(t.fd, p)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return 0, &net.OpError{Op: "read", Net: "tcp", Err: err}
		}
		if n == 0 && len(p) > 0 {
			return 0, io.EOF
		}
		return n, nil
	}
}

func (t *fdTransport) Write(p []byte) (int, error) {
	written := 0
	for written < len(p) {
		n, err := syscall.Write(t.fd, p[written:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return written, &net.OpError{Op: "write", Net: "tcp", Err: err}
		}
		written += n
	}
	return written, nil
}

func (t *fdTransport) setDeadline(time.Time) {}

func (t *fdTransport) interrupt() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.closed {
		syscall.Shutdown(t.fd, syscall.SHUT_RDWR)
	}
}

func (t *fdTransport) peerClosed() bool { return peerClosedFD(t.fd) }

func (t *fdTransport) close() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return nil
	}
	t.closed = true
	return syscall.Close(t.fd)
}

func dupCloexec(fd int) (int, error) {
	return unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, 0)
}
