//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package pyro

import "syscall"

// peerClosed is peerClosedFD on the socket under rc.
func peerClosed(rc syscall.RawConn) bool {
	closed := false
	err := rc.Read(func(fd uintptr) bool {
		closed = peerClosedFD(int(fd))
		return true
	})
	return closed || err != nil
}

// peerClosedFD peeks at the socket without waiting: EOF or an error such
// as ECONNRESET means the peer is gone; no data (EAGAIN) or pending data
// means it is alive.
func peerClosedFD(fd int) bool {
	var b [1]byte
	for {
		n, _, err := syscall.Recvfrom(fd, b[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		switch {
		case n > 0, err == syscall.EAGAIN, err == syscall.EWOULDBLOCK:
			return false
		case err == syscall.EINTR:
			continue
		}
		return true // n == 0 at EOF, or ECONNRESET and friends
	}
}
