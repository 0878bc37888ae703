//go:build !linux

package pyro

import "net"

// blockingTransport is Linux only; elsewhere connections stay on Go's
// netpoller.
func blockingTransport(net.Conn) transport { return nil }
