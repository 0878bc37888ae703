//go:build !unix

package pyro

import "net"

// setBroadcast does nothing where sockets need no option to broadcast, or
// where pyrosh does not know how to set it; discovery then relies on the
// platform's default.
func setBroadcast(*net.UDPConn) {}
