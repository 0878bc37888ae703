//go:build !linux

package pyro

import (
	"context"
	"net"
)

// blockingTransport is Linux only; elsewhere connections stay on Go's
// netpoller.
func blockingTransport(net.Conn) transport { return nil }

// dialBlocking is Linux only: elsewhere net.Dialer dials every address.
func dialBlocking(context.Context, string, int) (transport, bool, error) { return nil, false, nil }
