package pickle

import (
	"encoding/base64"
	"math/big"
	"strings"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// Pyro4 classes whose pickled state this package reshapes into serpent's
// class dicts, so the pyro package reads one shape from every serializer.
const (
	classURI   = "Pyro4.core.URI"
	classProxy = "Pyro4.core.Proxy"
	classUUID  = "uuid.UUID"
)

// build is BUILD: obj.__setstate__(state) for an instance class dict.
// On the values of the safe constructors (an OrderedDict subclass with
// instance attributes, say) the state has nowhere to go and is dropped.
func (d *decoder) build(target, state py.Value) error {
	m, o := d.instance(target)
	if o == nil {
		if _, isClass := target.(*classRef); isClass {
			return d.errf("BUILD on a class")
		}
		return nil
	}
	if _, isNone := state.(py.NoneType); isNone {
		return nil
	}
	switch o.class {
	case classUUID:
		if u, ok := uuidValue(state); ok {
			o.replace = u
			return nil
		}
	case classProxy:
		if t, ok := state.(py.Tuple); ok && len(t) >= 7 {
			m.SetStr(keyState, d.proxyState(t))
			return nil
		}
	}
	into := m
	if o.exception {
		a, _ := m.GetStr(keyAttributes)
		into, _ = a.(*py.Dict)
		if into == nil {
			into = py.NewDict(1)
			m.SetStr(keyAttributes, into)
		}
	}
	if dicts, ok := stateDicts(state); ok {
		for _, sd := range dicts {
			for _, it := range sd.Items() {
				if k, _ := it.Key.(py.Str); !o.exception && (k == keyClass || k == keyException) {
					continue // keep the class dict's shape honest
				}
				_ = into.Set(it.Key, it.Value)
			}
		}
		return nil
	}
	into.SetStr(keyState, d.done(state))
	return nil
}

// stateDicts returns the dicts of a state that is a dict, or a
// (dict-or-None, slots-dict-or-None) pair as objects with __slots__ give.
func stateDicts(state py.Value) ([]*py.Dict, bool) {
	if m, ok := state.(*py.Dict); ok {
		return []*py.Dict{m}, true
	}
	t, ok := state.(py.Tuple)
	if !ok || len(t) != 2 {
		return nil, false
	}
	var out []*py.Dict
	for _, e := range t {
		switch x := e.(type) {
		case *py.Dict:
			out = append(out, x)
		case py.NoneType:
		default:
			return nil, false
		}
	}
	return out, true
}

// uuidValue reads the state of a pickled uuid.UUID ({'int': n, ...}).
func uuidValue(state py.Value) (py.UUID, bool) {
	var u py.UUID
	m, ok := state.(*py.Dict)
	if !ok {
		return u, false
	}
	v, _ := m.GetStr("int")
	var n *big.Int
	switch x := v.(type) {
	case py.Int:
		n = big.NewInt(int64(x))
	case *py.BigInt:
		n = x.V
	default:
		return u, false
	}
	if n.Sign() < 0 || n.BitLen() > 128 {
		return u, false
	}
	n.FillBytes(u[:])
	return u, true
}

// proxyState turns the pickled Proxy.__getstate__ tuple (URI object,
// sets, raw HMAC key...) into serpent's __getstate_for_dict__ form:
// (uriString, oneway, methods, attrs, timeout, "b64:"-key or None,
// handshake, maxRetries, serializer) with tuples for the sets.
func (d *decoder) proxyState(t py.Tuple) py.Tuple {
	out := append(py.Tuple{}, t...)
	if s, ok := d.uriString(out[0]); ok {
		out[0] = py.Str(s)
	}
	for i := 1; i <= 3; i++ {
		switch x := out[i].(type) {
		case *py.Set:
			out[i] = append(py.Tuple{}, x.Items...)
		case *py.FrozenSet:
			out[i] = append(py.Tuple{}, x.Items...)
		}
	}
	if key, ok := out[5].(py.Bytes); ok {
		out[5] = py.Str("b64:" + base64.StdEncoding.EncodeToString(key))
	}
	return out
}

// uriString is URI.asString() of a URI instance class dict.
func (d *decoder) uriString(v py.Value) (string, bool) {
	m, o := d.instance(v)
	if o == nil || o.class != classURI {
		return "", false
	}
	sv, _ := m.GetStr(keyState)
	st, ok := sv.(py.Tuple)
	if !ok || len(st) != 5 {
		return "", false
	}
	proto, ok1 := st[0].(py.Str)
	obj, ok2 := st[1].(py.Str)
	if !ok1 || !ok2 {
		return "", false
	}
	s := string(proto) + ":" + string(obj)
	host, _ := st[3].(py.Str)
	sock, _ := st[2].(py.Str)
	switch {
	case host != "":
		port := py.Repr(st[4])
		if strings.Contains(string(host), ":") {
			s += "@[" + string(host) + "]:" + port
		} else {
			s += "@" + string(host) + ":" + port
		}
	case sock != "":
		s += "@./u:" + string(sock)
	}
	return s, true
}
