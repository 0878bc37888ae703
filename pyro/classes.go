package pyro

import (
	"slices"
	"strings"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// ProxyRef is a Pyro proxy inside a result: a live object the shell can
// call (child = obj.make_child(); child.hello()).
type ProxyRef struct {
	URI     *URI
	Methods []string
	Oneway  []string
	Attrs   []string
}

// AppendRepr implements py.Value: <Pyro proxy PYRO:obj@host:port>.
func (p *ProxyRef) AppendRepr(dst []byte) []byte {
	dst = append(dst, "<Pyro proxy "...)
	dst = append(dst, p.URI.String()...)
	return append(dst, '>')
}

// PyType implements the py.TypeName hook.
func (p *ProxyRef) PyType() string { return "Proxy" }

// JSONValue prints a proxy as its URI string in JSON output.
func (p *ProxyRef) JSONValue() any { return p.URI.String() }

// wrappedException marks the failed call of a batch (Pyro4 sends it as a
// futures._ExceptionWrapper in the result list).
type wrappedException struct{ *py.Exception }

// fromWire replaces, in place, the class dicts Pyro4 and Pyro5 use for
// exceptions, URIs and proxies by *py.Exception, *URI and *ProxyRef; both
// protocols' class names are read. Unknown class dicts stay dicts: they
// print as the data they are.
func fromWire(v py.Value) py.Value {
	switch x := v.(type) {
	case py.List:
		for i, e := range x {
			x[i] = fromWire(e)
		}
	case py.Tuple:
		for i, e := range x {
			x[i] = fromWire(e)
		}
	case *py.Dict:
		if c, ok := x.GetStr("__class__"); ok {
			if name, ok := c.(py.Str); ok {
				if conv := classDict(string(name), x); conv != nil {
					return conv
				}
			}
		}
		items := x.Items()
		for i := range items {
			items[i].Value = fromWire(items[i].Value)
		}
	}
	return v
}

func classDict(class string, d *py.Dict) py.Value {
	switch class {
	case pyro4Dialect.uri, pyro5Dialect.uri:
		if u := uriFromState(d); u != nil {
			return u
		}
	case pyro4Dialect.proxy, pyro5Dialect.proxy:
		st, _ := d.GetStr("state")
		state := seq(st)
		if len(state) < 4 {
			return nil
		}
		s, ok := state[0].(py.Str)
		if !ok {
			return nil
		}
		u, err := ParseURI(string(s))
		if err != nil {
			return nil
		}
		return &ProxyRef{URI: u, Oneway: strs(state[1]), Methods: strs(state[2]), Attrs: strs(state[3])}
	case pyro4Dialect.excWrapper, pyro5Dialect.excWrapper:
		if e, ok := d.GetStr("exception"); ok {
			if ed, ok := e.(*py.Dict); ok {
				if exc := exceptionFromDict(ed); exc != nil {
					return &wrappedException{exc}
				}
			}
		}
	}
	if _, ok := d.GetStr("__exception__"); ok {
		if exc := exceptionFromDict(d); exc != nil {
			return exc
		}
	}
	return nil
}

func uriFromState(d *py.Dict) *URI {
	st, _ := d.GetStr("state")
	state := seq(st)
	if len(state) != 5 {
		return nil
	}
	proto, _ := state[0].(py.Str)
	obj, _ := state[1].(py.Str)
	u := &URI{Protocol: strings.ToUpper(string(proto)), Object: string(obj)}
	if s, ok := state[2].(py.Str); ok {
		u.Socket = string(s)
	}
	if h, ok := state[3].(py.Str); ok {
		u.Host = string(h)
	}
	if p, ok := state[4].(py.Int); ok {
		u.Port = int(p)
	}
	if u.Protocol == "PYROMETA" {
		u.Meta = strings.Split(u.Object, ",")
	}
	return u
}

// exceptionFromDict reads Pyro4's exception dict: __class__, args, and
// attributes holding _pyroTraceback.
func exceptionFromDict(d *py.Dict) *py.Exception {
	c, _ := d.GetStr("__class__")
	class, ok := c.(py.Str)
	if !ok {
		return nil
	}
	e := &py.Exception{Class: string(class)}
	if a, ok := d.GetStr("args"); ok {
		e.Args = py.Tuple(seq(a))
	}
	if a, ok := d.GetStr("attributes"); ok {
		if attrs, ok := a.(*py.Dict); ok {
			rest := py.NewDict(attrs.Len())
			for _, it := range attrs.Items() {
				if k, ok := it.Key.(py.Str); ok && k == "_pyroTraceback" {
					e.Traceback = strs(it.Value)
					continue
				}
				_ = rest.Set(it.Key, fromWire(it.Value))
			}
			e.Attrs = rest
		}
	}
	return e
}

// needsWire reports whether v holds a URI or proxy that toWire must turn
// into a class dict; most arguments hold none and go out as they are,
// without a copy.
func needsWire(v py.Value) bool {
	switch x := v.(type) {
	case *URI, *ProxyRef:
		return true
	case py.List:
		return slices.ContainsFunc(x, needsWire)
	case py.Tuple:
		return slices.ContainsFunc(x, needsWire)
	case *py.Dict:
		for _, it := range x.Items() {
			if needsWire(it.Key) || needsWire(it.Value) {
				return true
			}
		}
	}
	return false
}

// toWire turns the values pyrosh adds to the model back into the class
// dicts the daemon expects in arguments, with the connection's protocol's
// class names (a Pyro5 daemon refuses Pyro4's, and closes).
func toWire(v py.Value, n *dialect) py.Value {
	switch x := v.(type) {
	case *URI:
		return uriDict(x, n)
	case *ProxyRef:
		return py.DictOf(py.Str("__class__"), py.Str(n.proxy), py.Str("state"), n.proxyState(x))
	case py.List:
		out := make(py.List, len(x))
		for i, e := range x {
			out[i] = toWire(e, n)
		}
		return out
	case py.Tuple:
		out := make(py.Tuple, len(x))
		for i, e := range x {
			out[i] = toWire(e, n)
		}
		return out
	case *py.Dict:
		out := py.NewDict(x.Len())
		for _, it := range x.Items() {
			_ = out.Set(toWire(it.Key, n), toWire(it.Value, n))
		}
		return out
	}
	return v
}

func uriDict(u *URI, n *dialect) *py.Dict {
	var sock, host py.Value = py.None, py.None
	if u.Socket != "" {
		sock = py.Str(u.Socket)
	}
	if u.Host != "" {
		host = py.Str(u.Host)
	}
	return py.DictOf(py.Str("__class__"), py.Str(n.uri),
		py.Str("state"), py.Tuple{py.Str(u.Protocol), py.Str(u.Object), sock, host, py.Int(u.Port)})
}

// seq returns the items of a tuple, list, set or frozenset.
func seq(v py.Value) []py.Value {
	switch x := v.(type) {
	case py.Tuple:
		return x
	case py.List:
		return x
	case *py.Set:
		return x.Items
	case *py.FrozenSet:
		return x.Items
	}
	return nil
}

// strs returns the str items of a sequence, skipping anything else.
func strs(v py.Value) []string {
	var out []string
	for _, e := range seq(v) {
		if s, ok := e.(py.Str); ok {
			out = append(out, string(s))
		}
	}
	return out
}
