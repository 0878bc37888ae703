package server

import (
	"errors"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// toWire replaces, in a copy of v, the values Pyro4 sends as class dicts:
// registered objects become proxies (autoproxy), *pyro.URI and
// *pyro.ProxyRef their dicts, exceptions exception dicts, batch failures
// _ExceptionWrapper dicts.
func (c *conn) toWire(v py.Value, depth int) (py.Value, error) {
	if depth > codec.MaxDepth {
		return nil, errors.New("result nested too deeply")
	}
	depth++
	switch x := v.(type) {
	case *Object:
		id, ok := x.idIn(c.d)
		if !ok {
			return nil, Raise("Pyro4.errors.DaemonError", py.Str("cannot return a "+x.class+" object that is not registered"))
		}
		methods, oneway, attrs := x.metadata()
		return proxyDict(c.dl, c.d.URI(id), oneway, methods, attrs), nil
	case *pyro.ProxyRef:
		return proxyDict(c.dl, x.URI.String(), x.Oneway, x.Methods, x.Attrs), nil
	case *pyro.URI:
		var sock, host py.Value = py.None, py.None
		if x.Socket != "" {
			sock = py.Str(x.Socket)
		}
		if x.Host != "" {
			host = py.Str(x.Host)
		}
		return py.DictOf(py.Str("__class__"), py.Str(c.dl.uri),
			py.Str("state"), py.Tuple{py.Str(x.Protocol), py.Str(x.Object), sock, host, py.Int(x.Port)}), nil
	case *py.Exception:
		return exceptionDict(x, c.dl), nil
	case exceptionWrapper:
		return py.DictOf(py.Str("__class__"), py.Str(c.dl.excWrapper),
			py.Str("exception"), exceptionDict(x.exc, c.dl)), nil
	case generator:
		x.it.Close()
		return nil, Raise("Pyro4.errors.PyroError", py.Str("a generator can only be returned on its own"))
	case py.List:
		out, err := c.seqToWire(x, depth)
		return py.List(out), err
	case py.Tuple:
		out, err := c.seqToWire(x, depth)
		return py.Tuple(out), err
	case *py.Set:
		out, err := c.seqToWire(x.Items, depth)
		return &py.Set{Items: out}, err
	case *py.FrozenSet:
		out, err := c.seqToWire(x.Items, depth)
		return &py.FrozenSet{Items: out}, err
	case *py.Dict:
		out := py.NewDict(x.Len())
		for _, it := range x.Items() {
			w, err := c.toWire(it.Value, depth)
			if err != nil {
				return nil, err
			}
			if err := out.Set(it.Key, w); err != nil {
				return nil, err
			}
		}
		return out, nil
	case nil:
		return py.None, nil
	}
	return v, nil
}

func (c *conn) seqToWire(items []py.Value, depth int) ([]py.Value, error) {
	out := make([]py.Value, len(items))
	for i, e := range items {
		w, err := c.toWire(e, depth)
		if err != nil {
			return nil, err
		}
		out[i] = w
	}
	return out, nil
}

// proxyDict is a proxy as the dialect's Pyro serializes it (Pyro4's
// core.Proxy, Pyro5's client.Proxy).
func proxyDict(dl *dialect, uri string, oneway, methods, attrs []string) *py.Dict {
	tup := func(names []string) py.Tuple {
		t := make(py.Tuple, len(names))
		for i, n := range names {
			t[i] = py.Str(n)
		}
		return t
	}
	return py.DictOf(py.Str("__class__"), py.Str(dl.proxy), py.Str("state"),
		dl.proxyState(uri, tup(oneway), tup(methods), tup(attrs)))
}
