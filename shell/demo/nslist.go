package demo

import (
	"context"
	"slices"
	"strings"

	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/server"
)

// list(prefix=None, regex=None, metadata_all=None, metadata_any=None,
// return_metadata=False) returns a dict of name to URI string, or to
// (URI string, [metadata]) with return_metadata, in registration order.
// At most one filter may be given (not None); an empty one lists all, as
// in Pyro4.
//
// Pyro5's list has no metadata filters (yplookup has them): a Pyro5
// caller gets Python's TypeError for them, and metadata as sets.
func (ns *NameServer) list(ctx context.Context, args []py.Value, kwargs *py.Dict) (py.Value, error) {
	var a []py.Value
	var err error
	if server.Protocol(ctx) == server.Pyro5 {
		a, err = server.Bind("list", args, kwargs, 0, "prefix", "regex", "return_metadata")
		if err == nil {
			a = []py.Value{a[0], a[1], nil, nil, a[2]}
		}
	} else {
		a, err = server.Bind("list", args, kwargs, 0, "prefix", "regex", "metadata_all", "metadata_any", "return_metadata")
	}
	if err != nil {
		return nil, err
	}
	filters := 0
	for _, f := range a[:4] {
		if f != nil && f != py.None {
			filters++
		}
	}
	if filters > 1 {
		return nil, server.Raise("builtins.ValueError", py.Str("you can only filter on one thing at a time"))
	}
	match := func(string, []string) bool { return true }
	switch {
	case truthy(a[0]):
		prefix := py.StrOf(a[0])
		match = func(name string, _ []string) bool { return strings.HasPrefix(name, prefix) }
	case truthy(a[1]):
		re, err := compileRegex(py.StrOf(a[1]))
		if err != nil {
			return nil, err
		}
		match = func(name string, _ []string) bool { return re.MatchString(name) }
	case truthy(a[2]):
		want, err := metadataArg("metadata_all", a[2])
		if err != nil {
			return nil, err
		}
		match = func(_ string, meta []string) bool {
			for _, m := range want {
				if !slices.Contains(meta, m) {
					return false
				}
			}
			return true
		}
	case truthy(a[3]):
		want, err := metadataArg("metadata_any", a[3])
		if err != nil {
			return nil, err
		}
		match = func(_ string, meta []string) bool {
			for _, m := range want {
				if slices.Contains(meta, m) {
					return true
				}
			}
			return false
		}
	}
	withMeta := truthy(a[4])
	ns.mu.Lock()
	defer ns.mu.Unlock()
	out := py.NewDict(0)
	for _, name := range ns.names {
		e := ns.entries[name]
		if !match(name, e.meta) {
			continue
		}
		if withMeta {
			out.SetStr(name, py.Tuple{py.Str(e.uri), metaValue(ctx, e.meta)})
		} else {
			out.SetStr(name, py.Str(e.uri))
		}
	}
	return out, nil
}

// yplookup(meta_all=None, meta_any=None, return_metadata=True) is Pyro5's
// metadata search (nameserver.py NameServer.yplookup): the registrations
// that have all, or any, of the tags, as name to (URI string, {metadata})
// or to the URI string; no filter gives {}.
func (ns *NameServer) yplookup(ctx context.Context, args []py.Value, kwargs *py.Dict) (py.Value, error) {
	a, err := server.Bind("yplookup", args, kwargs, 0, "meta_all", "meta_any", "return_metadata")
	if err != nil {
		return nil, err
	}
	if truthy(a[0]) && truthy(a[1]) {
		return nil, server.Raise("builtins.ValueError", py.Str("you can't use meta_all or meta_any at the same time"))
	}
	var want []string
	all := truthy(a[0])
	switch {
	case all:
		want, err = metadataArg("metadata_all", a[0])
	case truthy(a[1]):
		want, err = metadataArg("metadata_any", a[1])
	default:
		return py.NewDict(0), nil
	}
	if err != nil {
		return nil, err
	}
	withMeta := a[2] == nil || truthy(a[2])
	ns.mu.Lock()
	defer ns.mu.Unlock()
	out := py.NewDict(0)
	for _, name := range ns.names {
		e := ns.entries[name]
		hits := 0
		for _, m := range want {
			if slices.Contains(e.meta, m) {
				hits++
			}
		}
		if all && hits < len(want) || !all && hits == 0 {
			continue
		}
		if withMeta {
			out.SetStr(name, py.Tuple{py.Str(e.uri), metaValue(ctx, e.meta)})
		} else {
			out.SetStr(name, py.Str(e.uri))
		}
	}
	return out, nil
}

// metaValue is a registration's metadata as the caller's protocol gives
// it: a list for Pyro4 (as lists travel in every serializer), a set for
// Pyro5, whose name server answers with its stored frozensets; there the
// name server's own tag names Pyro5's class.
func metaValue(ctx context.Context, meta []string) py.Value {
	if server.Protocol(ctx) != server.Pyro5 {
		return strList(meta)
	}
	items := make([]py.Value, len(meta))
	for i, m := range meta {
		if m == nsClass {
			m = nsClass5
		}
		items[i] = py.Str(m)
	}
	return &py.Set{Items: items}
}
