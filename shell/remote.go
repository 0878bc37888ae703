package shell

import (
	"context"
	"strings"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// remote is a live remote object in the shell: a name bound by :connect
// or a proxy that came back in a result. It is dialled on first use, with
// the session's options of that moment, and keeps its proxy (which
// re-dials by itself after a lost connection).
type remote struct {
	uri   *pyro.URI // as given: PYRONAME and PYROMETA are resolved when dialled
	proxy *pyro.Proxy
	meta  pyro.Metadata // last known: from the handshake, or from the result that held the proxy
}

// AppendRepr implements py.Value: <Pyro proxy PYRO:obj@host:port>.
func (r *remote) AppendRepr(dst []byte) []byte {
	dst = append(dst, "<Pyro proxy "...)
	dst = append(dst, r.resolved().String()...)
	return append(dst, '>')
}

// PyType names the type in error messages, as pyro.ProxyRef does.
func (r *remote) PyType() string { return "Proxy" }

// JSONValue prints the object as its URI in json output.
func (r *remote) JSONValue() any { return r.resolved().String() }

func (r *remote) resolved() *pyro.URI {
	if r.proxy != nil {
		return r.proxy.URI()
	}
	return r.uri
}

// ref is the object as an argument of a remote call: Pyro4 receives a
// proxy.
func (r *remote) ref() *pyro.ProxyRef {
	return &pyro.ProxyRef{URI: r.resolved(), Methods: r.meta.Methods, Oneway: r.meta.Oneway, Attrs: r.meta.Attrs}
}

func (r *remote) close() {
	if r.proxy != nil {
		r.proxy.Close()
		r.proxy = nil
	}
}

// dial connects r unless it is connected.
func (s *session) dial(ctx context.Context, r *remote) (*pyro.Proxy, error) {
	if r.proxy != nil {
		return r.proxy, nil
	}
	s.mu.Lock()
	s.calls++
	s.mu.Unlock()
	p, err := pyro.DialURI(ctx, r.uri, s.opts)
	if err != nil {
		return nil, err
	}
	r.proxy, r.meta = p, p.Metadata()
	return p, nil
}

// remoteFor returns the remote object a value stands for, or nil when it
// is a local value. A proxy inside a result becomes a remote object the
// first time it is used, shared by every value naming the same URI.
func (s *session) remoteFor(v py.Value) *remote {
	switch x := v.(type) {
	case *remote:
		return x
	case *pyro.ProxyRef:
		key := x.URI.String()
		if r, ok := s.remotes[key]; ok {
			return r
		}
		r := &remote{uri: x.URI, meta: pyro.Metadata{Methods: x.Methods, Oneway: x.Oneway, Attrs: x.Attrs}}
		s.remotes[key] = r
		return r
	}
	return nil
}

// parseTarget reads the URI argument of :connect and of Options.URI: a
// bare name with no scheme means PYRONAME:name.
func parseTarget(s string) (*pyro.URI, error) {
	up := strings.ToUpper(s)
	if !strings.HasPrefix(up, "PYRO:") && !strings.HasPrefix(up, "PYRONAME:") && !strings.HasPrefix(up, "PYROMETA:") {
		s = "PYRONAME:" + s
	}
	return pyro.ParseURI(s)
}

// bind makes name a remote object for uri, replacing what name held, and
// dials it.
func (s *session) bind(ctx context.Context, name string, uri *pyro.URI) (*remote, error) {
	key := uri.String()
	r, ok := s.remotes[key]
	if !ok {
		r = &remote{uri: uri}
		s.remotes[key] = r
	}
	s.vars[name] = r
	_, err := s.dial(ctx, r)
	return r, err
}

// metadata returns what r exposes, dialling it when nothing is known yet.
func (s *session) metadata(ctx context.Context, r *remote) (pyro.Metadata, error) {
	if r.proxy == nil && len(r.meta.Methods) == 0 && len(r.meta.Attrs) == 0 {
		if _, err := s.dial(ctx, r); err != nil {
			return pyro.Metadata{}, err
		}
	}
	if r.proxy != nil {
		r.meta = r.proxy.Metadata()
	}
	return r.meta, nil
}
