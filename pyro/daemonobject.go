package pyro

import (
	"context"
	"net"
	"strings"
)

// DaemonObjectID is the object every Pyro daemon serves about itself
// (Pyro4 and Pyro5 core.DaemonObject).
const DaemonObjectID = "Pyro.Daemon"

// IsDaemonAddress reports whether s is a daemon's address, HOST:PORT or
// [v6]:PORT, rather than a URI or a name-server name.
func IsDaemonAddress(s string) bool {
	if strings.HasPrefix(strings.ToUpper(s), "PYRO") {
		return false
	}
	_, port, err := net.SplitHostPort(s)
	return err == nil && port != ""
}

// RegisteredObject is one object a daemon has registered: its URI at
// that daemon and its metadata.
type RegisteredObject struct {
	URI      URI
	Metadata Metadata
}

// Registered lists every object the daemon behind p has registered (its
// own Pyro.Daemon included), in the daemon's order, each with its
// metadata, from the daemon object's registered() and get_metadata(id)
// (as Pyro4 and Pyro5 core.DaemonObject). p must be a proxy for the
// daemon object. It returns the first error of those calls.
func (p *Proxy) Registered(ctx context.Context) ([]RegisteredObject, error) {
	v, err := p.Call(ctx, "registered", nil, nil)
	if err != nil {
		return nil, err
	}
	var objs []RegisteredObject
	for _, id := range strs(v) {
		md, err := p.ObjectMetadata(ctx, id)
		if err != nil {
			return nil, err
		}
		u := *p.URI()
		u.Object = id
		objs = append(objs, RegisteredObject{URI: u, Metadata: md})
	}
	return objs, nil
}
