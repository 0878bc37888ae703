package shell

import (
	"context"
	"errors"
	"strings"
	"sync"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// remote is a live remote object in the shell: a name bound by :connect
// or a proxy that came back in a result. It is dialled on first use, with
// the session's options of that moment, and keeps its proxy (which
// re-dials by itself after a lost connection).
type remote struct {
	uri   *pyro.URI   // as given: PYRONAME and PYROMETA are resolved when dialled
	proxy *pyro.Proxy // used by the statement running only

	// mu guards meta and fetching: a background fetch (prefetch) fills
	// meta while completion reads it.
	mu       sync.Mutex
	meta     pyro.Metadata // last known: from the handshake, the result that held the proxy, or a prefetch
	fetching bool
}

// metaSnapshot returns the metadata last known.
func (r *remote) metaSnapshot() pyro.Metadata {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.meta
}

func (r *remote) setMeta(md pyro.Metadata) {
	r.mu.Lock()
	r.meta = md
	r.mu.Unlock()
}

func hasMeta(md pyro.Metadata) bool { return len(md.Methods) > 0 || len(md.Attrs) > 0 }

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
	md := r.metaSnapshot()
	return &pyro.ProxyRef{URI: r.resolved(), Methods: md.Methods, Oneway: md.Oneway, Attrs: md.Attrs}
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
	s.calls.Add(1)
	p, err := pyro.DialURI(ctx, r.uri, s.opts)
	if err != nil {
		return nil, nameServerAnswer(r.uri, err)
	}
	r.proxy = p
	r.setMeta(p.Metadata())
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

// bind dials uri and, once connected, makes name that remote object. A
// failed dial leaves every name as it was.
func (s *session) bind(ctx context.Context, name string, uri *pyro.URI) (*remote, error) {
	key := uri.String()
	r, ok := s.remotes[key]
	if !ok {
		r = &remote{uri: uri}
	}
	if _, err := s.dial(ctx, r); err != nil {
		return nil, err
	}
	s.remotes[key] = r
	s.vars[name] = r
	return r, nil
}

// bindLazily makes name the remote object for uri without dialling it:
// the first use dials. For the URI the shell was started with, so a
// daemon not up yet can be called once it is.
func (s *session) bindLazily(name string, uri *pyro.URI) *remote {
	key := uri.String()
	r, ok := s.remotes[key]
	if !ok {
		r = &remote{uri: uri}
		s.remotes[key] = r
	}
	s.vars[name] = r
	return r
}

// metadata returns what r exposes, dialling it when nothing is known yet.
func (s *session) metadata(ctx context.Context, r *remote) (pyro.Metadata, error) {
	if r.proxy == nil && !hasMeta(r.metaSnapshot()) {
		if _, err := s.dial(ctx, r); err != nil {
			return pyro.Metadata{}, err
		}
	}
	if r.proxy != nil {
		r.setMeta(r.proxy.Metadata())
	}
	return r.metaSnapshot(), nil
}

// prefetch starts fetching, in the background, the metadata of a proxy
// that arrived in a result and was bound to a name, so completion offers
// its methods at once. The fetch has its own connection and never blocks
// or races the statements.
func (s *session) prefetch(v py.Value) {
	if _, ok := v.(*pyro.ProxyRef); !ok {
		return
	}
	r := s.remoteFor(v)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fetching || r.proxy != nil || hasMeta(r.meta) {
		return
	}
	r.fetching = true
	uri, opts := r.uri, s.opts
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		timeout := opts.ConnectTimeout
		if timeout <= 0 {
			timeout = pyro.DefaultConnectTimeout
		}
		ctx, cancel := context.WithTimeout(s.bgCtx, timeout)
		defer cancel()
		var md pyro.Metadata
		if p, err := pyro.DialURI(ctx, uri, opts); err == nil {
			md = p.Metadata()
			p.Close()
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		r.fetching = false
		if !hasMeta(r.meta) {
			r.meta = md
		}
	}()
}

// unbind forgets the variable name. A remote object no other variable
// holds is closed, so a later bind dials it afresh.
func (s *session) unbind(name string) {
	v := s.vars[name]
	delete(s.vars, name)
	r := s.remoteFor(v)
	if r == nil {
		return
	}
	for _, w := range s.vars {
		if s.remoteFor(w) == r {
			return
		}
	}
	r.close()
	for k, x := range s.remotes {
		if x == r {
			delete(s.remotes, k)
		}
	}
}

// nameServerAnswer is err without the name server's traceback when the
// name server could not resolve a PYRONAME or PYROMETA URI (its
// NamingError: "unknown name: x"): the traceback is Pyro's own, the one
// line says it all, as `pyrosh call PYRONAME:x` prints it.
func nameServerAnswer(u *pyro.URI, err error) error {
	var remote *pyro.RemoteError
	if u.Protocol == "PYRO" || !errors.As(err, &remote) || remote.Exception.Name() != "NamingError" {
		return err
	}
	e := *remote.Exception
	e.Traceback = nil
	return &pyro.RemoteError{Exception: &e}
}
