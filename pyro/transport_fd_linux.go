package pyro

import (
	"context"
	"io"
	"net"
	"net/netip"
	"os"
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

// dialBlocking connects to a numeric TCP address in blocking mode from
// the start, as the floor and a C client do, and returns the socket as
// an fdTransport. Dialing with net.Dialer and then taking the socket out
// of the netpoller (blockingTransport) costs a one-off call Go's
// netpoller set-up (epoll and eventfd), a connect that parks the
// goroutine until epoll reports it done, and the thread hand-offs that
// wakes it (issue 14). The socket is set up as net.Dialer sets up its
// own: close-on-exec, TCP_NODELAY, keep-alive probes after 15 s idle,
// every 15 s, 9 of them. ctx's cancellation or deadline shuts the socket
// down, which ends a connect in progress. ok is false, and nothing was
// done, for an address that is not an IP literal (a host name is
// resolved by net.Dialer) or has an IPv6 zone.
func dialBlocking(ctx context.Context, host string, port int) (t transport, ok bool, err error) {
	ip, perr := netip.ParseAddr(host)
	if perr != nil || ip.Zone() != "" {
		return nil, false, nil
	}
	ip = ip.Unmap()
	var sa syscall.Sockaddr
	family := syscall.AF_INET
	if ip.Is4() {
		sa = &syscall.SockaddrInet4{Port: port, Addr: ip.As4()}
	} else {
		family = syscall.AF_INET6
		sa = &syscall.SockaddrInet6{Port: port, Addr: ip.As16()}
	}
	addr := &net.TCPAddr{IP: ip.AsSlice(), Port: port}
	opErr := func(call string, err error) error {
		return &net.OpError{Op: "dial", Net: "tcp", Addr: addr, Err: os.NewSyscallError(call, err)}
	}
	fd, err := syscall.Socket(family, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, syscall.IPPROTO_TCP)
	if err != nil {
		return nil, true, opErr("socket", err)
	}
	for _, o := range [...]struct{ level, opt, v int }{
		{syscall.IPPROTO_TCP, syscall.TCP_NODELAY, 1},
		{syscall.SOL_SOCKET, syscall.SO_KEEPALIVE, 1},
		{syscall.IPPROTO_TCP, syscall.TCP_KEEPIDLE, 15},
		{syscall.IPPROTO_TCP, syscall.TCP_KEEPINTVL, 15},
		{syscall.IPPROTO_TCP, syscall.TCP_KEEPCNT, 9},
	} {
		if err := syscall.SetsockoptInt(fd, o.level, o.opt, o.v); err != nil {
			syscall.Close(fd)
			return nil, true, opErr("setsockopt", err)
		}
	}
	stop := context.AfterFunc(ctx, func() { syscall.Shutdown(fd, syscall.SHUT_RDWR) })
	err = connectFD(fd, sa)
	if !stop() {
		err = ctx.Err() // the shutdown may have come after the connect
	}
	if err != nil {
		syscall.Close(fd)
		if ctx.Err() != nil {
			return nil, true, ctx.Err()
		}
		return nil, true, opErr("connect", err)
	}
	return &fdTransport{fd: fd}, true, nil
}

// connectFD connects the blocking socket fd to sa. A connect a signal
// interrupted goes on in the kernel: it waits for the socket to become
// writable and takes the outcome from SO_ERROR, as Go's netpoller does.
func connectFD(fd int, sa syscall.Sockaddr) error {
	err := syscall.Connect(fd, sa)
	if err != syscall.EINTR && err != syscall.EALREADY && err != syscall.EINPROGRESS {
		return err
	}
	for {
		pfd := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLOUT}}
		if _, err := unix.Poll(pfd, -1); err != nil && err != syscall.EINTR {
			return err
		}
		n, err := syscall.GetsockoptInt(fd, syscall.SOL_SOCKET, syscall.SO_ERROR)
		if err != nil {
			return err
		}
		switch e := syscall.Errno(n); {
		case e != 0:
			return e
		case pfd[0].Revents&(unix.POLLHUP|unix.POLLERR) != 0:
			return syscall.ECONNABORTED // shut down: cancelled or timed out
		}
		if _, err := syscall.Getpeername(fd); err == nil {
			return nil
		} // else not connected yet: the poll was interrupted
	}
}
