//go:build unix

package pyro

import (
	"net"
	"syscall"
)

// setBroadcast allows sending to broadcast addresses, which a UDP socket
// refuses by default.
func setBroadcast(c *net.UDPConn) {
	rc, err := c.SyscallConn()
	if err != nil {
		return
	}
	rc.Control(func(fd uintptr) {
		syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_BROADCAST, 1)
	})
}
