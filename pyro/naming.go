package pyro

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// NameServerObject is the object id of Pyro4's name server.
const NameServerObject = "Pyro.NameServer"

// NameServer is a proxy to a Pyro4 name server.
type NameServer struct {
	*Proxy
}

// NSEntry is one registration: a name, its URI and its metadata.
type NSEntry struct {
	Name     string
	URI      string
	Metadata []string
}

// LocateNS connects to the name server at host:port; an empty host means
// Options.NSHost, else broadcast discovery when Options.BroadcastAddrs is
// set, else localhost. Port 0 means Options.NSPort, else 9090.
func LocateNS(ctx context.Context, host string, port int, o Options) (*NameServer, error) {
	if host == "" {
		host = o.NSHost
	}
	if port == 0 {
		port = o.NSPort
	}
	if port == 0 {
		port = DefaultNSPort
	}
	if host == "" && len(o.BroadcastAddrs) > 0 {
		uri, err := broadcastNS(ctx, o.BroadcastAddrs)
		if err != nil {
			return nil, err
		}
		u, err := ParseURI(uri)
		if err != nil {
			return nil, nsErr(uri, err)
		}
		return dialNS(ctx, u, uri, o)
	}
	if host == "" {
		host = "localhost"
	}
	u := &URI{Protocol: "PYRO", Object: NameServerObject, Host: host, Port: port}
	return dialNS(ctx, u, u.Location(), o)
}

// dialNS connects to the name server at u. The pickle serializer and an
// HMAC key are for the objects it names (a Pyro4 daemon may take both):
// a Pyro5 name server, which has neither, is asked in its own serializer
// without a key rather than refused.
func dialNS(ctx context.Context, u *URI, where string, o Options) (*NameServer, error) {
	p, err := DialURI(ctx, u, o)
	var oe *OptionError
	if errors.As(err, &oe) && oe.Protocol == Pyro5 {
		o.Serializer, o.HMACKey, o.Protocol = pyro5Dialect.nsSerializer, nil, Pyro5
		p, err = DialURI(ctx, u, o)
	}
	if err != nil {
		return nil, nsErr(where, err)
	}
	return nsProxy(ctx, p, where, o)
}

// nsProxy makes a name server of p, dialling again with the serializer
// the name server's protocol needs for its calls when p has another
// (a Pyro5 name server: serpent).
func nsProxy(ctx context.Context, p *Proxy, where string, o Options) (*NameServer, error) {
	need := p.dialect().nsSerializer
	if need == "" || need == p.Serializer() {
		return &NameServer{p}, nil
	}
	p.Close()
	o.Serializer = need
	o.Protocol = p.Protocol()
	p, err := DialURI(ctx, p.URI(), o)
	if err != nil {
		return nil, nsErr(where, err)
	}
	return &NameServer{p}, nil
}

// nsErr says that a connection failure was the name server's.
func nsErr(where string, err error) error {
	var ce *ConnError
	if errors.As(err, &ce) {
		return &ConnError{Op: "reach name server at", Addr: where, Err: ce.Err}
	}
	return err
}

// Resolve turns a PYRONAME or PYROMETA URI into the PYRO URI the name
// server has for it; a PYRO URI is returned as is.
func Resolve(ctx context.Context, u *URI, o Options) (*URI, error) {
	if u.Protocol == "PYRO" {
		return u, nil
	}
	ns, err := LocateNS(ctx, u.Host, u.Port, o)
	if err != nil {
		return nil, err
	}
	defer ns.Close()
	if u.Protocol == "PYRONAME" {
		return ns.LookupURI(ctx, u.Object)
	}
	entries, err := ns.List(ctx, ListOptions{MetadataAll: u.Meta})
	if err != nil {
		return nil, err
	}
	if len(entries) == 0 {
		return nil, &RemoteError{Exception: &py.Exception{Class: ns.dialect().errors + "NamingError",
			Args: py.Tuple{py.Str("no registrations available with desired metadata properties " + strings.Join(u.Meta, ", "))}}}
	}
	return ParseURI(entries[rand.IntN(len(entries))].URI)
}

// Lookup returns the registration of name, with its metadata. Pyro4's
// marshal cannot carry lookup's (URI, metadata) pair (ValueError:
// unmarshallable object): in marshal the URI comes from lookup(name) and
// the metadata from list(prefix=name), whose URIs are strings.
func (ns *NameServer) Lookup(ctx context.Context, name string) (NSEntry, error) {
	if ns.Protocol() == Pyro4 && ns.Serializer() == "marshal" {
		u, err := ns.LookupURI(ctx, name)
		if err != nil {
			return NSEntry{}, err
		}
		e := NSEntry{Name: name, URI: u.String()}
		entries, err := ns.List(ctx, ListOptions{Prefix: name})
		if err != nil {
			return NSEntry{}, err
		}
		for _, x := range entries {
			if x.Name == name {
				e.Metadata = x.Metadata
			}
		}
		return e, nil
	}
	v, err := ns.Call(ctx, "lookup", []py.Value{py.Str(name)}, py.DictOf(py.Str("return_metadata"), py.Bool(true)))
	if err != nil {
		return NSEntry{}, err
	}
	pair := seq(v)
	if len(pair) != 2 {
		return NSEntry{}, &ProtocolError{Addr: ns.uri.String(), Err: fmt.Errorf("lookup returned %s", py.Repr(v))}
	}
	e := NSEntry{Name: name, Metadata: strs(pair[1])}
	switch u := pair[0].(type) {
	case *URI:
		e.URI = u.String()
	case py.Str:
		e.URI = string(u)
	default:
		return NSEntry{}, &ProtocolError{Addr: ns.uri.String(), Err: fmt.Errorf("lookup returned %s", py.Repr(v))}
	}
	sort.Strings(e.Metadata)
	return e, nil
}

// LookupURI returns the URI registered for name, asking without its
// metadata as Pyro4's and Pyro5's PYRONAME resolution do: the URI alone is
// a reply every serializer carries (Pyro4's marshal cannot carry the
// (URI, metadata) pair of Lookup).
func (ns *NameServer) LookupURI(ctx context.Context, name string) (*URI, error) {
	v, err := ns.Call(ctx, "lookup", []py.Value{py.Str(name)}, nil)
	if err != nil {
		return nil, err
	}
	s := uriString(v)
	if s == "" {
		return nil, &ProtocolError{Addr: ns.uri.String(), Err: fmt.Errorf("lookup returned %s", py.Repr(v))}
	}
	return ParseURI(s)
}

// ListOptions filter a name server listing; Pyro4 allows one filter.
type ListOptions struct {
	Prefix      string
	Regex       string
	MetadataAll []string
	MetadataAny []string
}

// List returns the registrations matching the filter, sorted by name.
func (ns *NameServer) List(ctx context.Context, lo ListOptions) ([]NSEntry, error) {
	method, kw := ns.dialect().nsList(lo)
	v, err := ns.Call(ctx, method, nil, kw)
	if err != nil {
		return nil, err
	}
	d, ok := v.(*py.Dict)
	if !ok {
		return nil, &ProtocolError{Addr: ns.uri.String(), Err: fmt.Errorf("list returned a %s", py.TypeName(v))}
	}
	out := make([]NSEntry, 0, d.Len())
	for _, it := range d.Items() {
		name, _ := it.Key.(py.Str)
		e := NSEntry{Name: string(name)}
		pair := seq(it.Value)
		if len(pair) == 2 {
			e.URI = uriString(pair[0])
			e.Metadata = strs(pair[1])
			sort.Strings(e.Metadata)
		} else {
			e.URI = uriString(it.Value)
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// uriString is a URI given as a string or a URI object; "" for anything
// else.
func uriString(v py.Value) string {
	switch u := v.(type) {
	case py.Str:
		return string(u)
	case *URI:
		return u.String()
	}
	return ""
}

func strList(s []string) py.Value {
	l := make(py.List, len(s))
	for i, x := range s {
		l[i] = py.Str(x)
	}
	return l
}

// broadcastPort is where Pyro4 name servers listen for discovery
// (NS_BCPORT).
const broadcastPort = 9091

// broadcastNS asks for the name server's URI over UDP, as Pyro4's
// _locateNS does: GET_NSURI to each address, three rounds of 0.7 s.
func broadcastNS(ctx context.Context, addrs []string) (string, error) {
	pc, err := net.ListenPacket("udp4", ":0")
	if err != nil {
		return "", &ConnError{Op: "broadcast for", Addr: "the name server", Err: err}
	}
	defer pc.Close()
	if uc, ok := pc.(*net.UDPConn); ok {
		setBroadcast(uc)
	}
	buf := make([]byte, 100)
	for round := 0; round < 3; round++ {
		for _, a := range addrs {
			host, port := a, broadcastPort
			if h, p, err := net.SplitHostPort(a); err == nil {
				host = h
				if n, err := strconv.Atoi(p); err == nil {
					port = n
				}
			}
			if host == "<broadcast>" {
				host = "255.255.255.255"
			}
			dst, err := net.ResolveUDPAddr("udp4", net.JoinHostPort(host, strconv.Itoa(port)))
			if err != nil {
				continue
			}
			pc.WriteTo([]byte("GET_NSURI"), dst)
		}
		deadline := time.Now().Add(700 * time.Millisecond)
		if dl, ok := ctx.Deadline(); ok && dl.Before(deadline) {
			deadline = dl
		}
		pc.SetReadDeadline(deadline)
		n, _, err := pc.ReadFrom(buf)
		if err == nil {
			if uri := strings.TrimSpace(string(buf[:n])); strings.HasPrefix(uri, "PYRO:") {
				return uri, nil
			}
		}
		if ctx.Err() != nil {
			break
		}
	}
	return "", &ConnError{Op: "locate", Addr: "the name server", Err: fmt.Errorf("no answer to a broadcast to %s", strings.Join(addrs, ", "))}
}

// Register registers name as uri with metadata, replacing an existing
// registration (Pyro4 and Pyro5 `NameServer.register(name, uri,
// safe=False, metadata)`). The metadata goes as a list, which every
// serializer carries and the name server turns into a set.
func (ns *NameServer) Register(ctx context.Context, name, uri string, metadata []string) error {
	kw := py.NewDict(1)
	kw.SetStr("metadata", strList(metadata))
	_, err := ns.Call(ctx, "register", []py.Value{py.Str(name), py.Str(uri)}, kw)
	return err
}

// Remove removes the registration of name and reports whether there was
// one (`NameServer.remove(name)`, which returns the number removed). The
// name server's own registration is never removed.
func (ns *NameServer) Remove(ctx context.Context, name string) (bool, error) {
	v, err := ns.Call(ctx, "remove", []py.Value{py.Str(name)}, nil)
	if err != nil {
		return false, err
	}
	n, ok := v.(py.Int)
	if !ok {
		return false, &ProtocolError{Addr: ns.uri.String(), Err: fmt.Errorf("remove returned %s", py.Repr(v))}
	}
	return n > 0, nil
}

// SetMetadata replaces the metadata of name's registration (empty: none),
// as `NameServer.set_metadata(name, metadata)`; an unknown name is the
// name server's NamingError.
func (ns *NameServer) SetMetadata(ctx context.Context, name string, metadata []string) error {
	_, err := ns.Call(ctx, "set_metadata", []py.Value{py.Str(name), strList(metadata)}, nil)
	return err
}

// Names returns the names the filter matches, sorted, without the name
// server's own (which Remove never removes): what a remove by prefix or
// regex would take, for a caller to show and confirm first.
func (ns *NameServer) Names(ctx context.Context, lo ListOptions) ([]string, error) {
	entries, err := ns.List(ctx, lo)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if e.Name != NameServerObject {
			names = append(names, e.Name)
		}
	}
	return names, nil
}

// RemoveNames removes each of names, one call each (so exactly the
// entries a user confirmed go, even if the name server changed since),
// and returns how many there were. It stops at the first error.
func (ns *NameServer) RemoveNames(ctx context.Context, names []string) (int, error) {
	removed := 0
	for _, n := range names {
		ok, err := ns.Remove(ctx, n)
		if err != nil {
			return removed, err
		}
		if ok {
			removed++
		}
	}
	return removed, nil
}
