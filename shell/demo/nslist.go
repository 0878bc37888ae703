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
func (ns *NameServer) list(_ context.Context, args []py.Value, kwargs *py.Dict) (py.Value, error) {
	a, err := server.Bind("list", args, kwargs, 0, "prefix", "regex", "metadata_all", "metadata_any", "return_metadata")
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
			out.SetStr(name, py.Tuple{py.Str(e.uri), strList(e.meta)})
		} else {
			out.SetStr(name, py.Str(e.uri))
		}
	}
	return out, nil
}
