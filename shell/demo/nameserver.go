package demo

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/server"
)

// MaxNames bounds the registrations of a NameServer, so that a client in
// a loop cannot exhaust memory.
const MaxNames = 100_000

// nsClass is the metadata Pyro4's name server registers itself with.
const nsClass = "class:Pyro4.naming.NameServer"

// nsClass5 is the one Pyro5's registers itself with, shown to Pyro5
// callers instead.
const nsClass5 = "class:Pyro5.nameserver.NameServer"

const namingError = "Pyro4.errors.NamingError"

// NameServer is an in-memory Pyro4 name server (naming.py NameServer with
// MemoryStorage): a flat map of names to URIs with metadata, listed in
// registration order. Object serves it as Pyro.NameServer. Regular
// expressions are Go's RE2 anchored at the start (Python's re.match), so
// back-references and look-arounds are refused as invalid.
type NameServer struct {
	mu      sync.Mutex
	names   []string // registration order
	entries map[string]nsEntry
}

type nsEntry struct {
	uri  string
	meta []string // deduplicated, in the order given
}

// NewNameServer returns an empty name server.
func NewNameServer() *NameServer {
	return &NameServer{entries: map[string]nsEntry{}}
}

// Register registers name as uri with metadata, replacing an existing
// registration; the uri must parse.
func (ns *NameServer) Register(name, uri string, metadata ...string) error {
	if _, err := pyro.ParseURI(uri); err != nil {
		return err
	}
	ns.mu.Lock()
	defer ns.mu.Unlock()
	return ns.set(name, uri, dedup(metadata))
}

// Len returns the number of registrations.
func (ns *NameServer) Len() int {
	ns.mu.Lock()
	defer ns.mu.Unlock()
	return len(ns.names)
}

// set stores a registration; ns.mu is held.
func (ns *NameServer) set(name, uri string, meta []string) error {
	if _, ok := ns.entries[name]; !ok {
		if len(ns.names) >= MaxNames {
			return server.Raise(namingError, py.Str(fmt.Sprintf("name server is full (%d names)", MaxNames)))
		}
		ns.names = append(ns.names, name)
	}
	ns.entries[name] = nsEntry{uri: uri, meta: meta}
	return nil
}

// removeNames deletes registrations, never the name server's own; ns.mu
// is held. It returns how many it removed.
func (ns *NameServer) removeNames(names []string) int {
	n := 0
	for _, name := range names {
		if _, ok := ns.entries[name]; ok && name != pyro.NameServerObject {
			delete(ns.entries, name)
			n++
		}
	}
	ns.names = slices.DeleteFunc(ns.names, func(s string) bool { _, ok := ns.entries[s]; return !ok })
	return n
}

// Object returns the remote object serving ns, with Pyro4's methods
// count, list, lookup, ping, register, remove and set_metadata.
func (ns *NameServer) Object() *server.Object {
	return server.NewObject("Pyro4.naming.NameServer").
		Method("count", ns.count).
		Method("list", ns.list).
		Method("lookup", ns.lookup).
		Method("ping", ns.ping).
		Method("register", ns.register).
		Method("remove", ns.remove).
		Method("set_metadata", ns.setMetadata).
		Method("yplookup", ns.yplookup)
}

func (ns *NameServer) ping(_ context.Context, args []py.Value, kwargs *py.Dict) (py.Value, error) {
	if _, err := server.Bind("ping", args, kwargs, 0); err != nil {
		return nil, err
	}
	return py.None, nil
}

func (ns *NameServer) count(_ context.Context, args []py.Value, kwargs *py.Dict) (py.Value, error) {
	if _, err := server.Bind("count", args, kwargs, 0); err != nil {
		return nil, err
	}
	return py.Int(ns.Len()), nil
}

// lookup(name, return_metadata=False) returns the URI, or (URI, [meta]).
func (ns *NameServer) lookup(ctx context.Context, args []py.Value, kwargs *py.Dict) (py.Value, error) {
	a, err := server.Bind("lookup", args, kwargs, 1, "name", "return_metadata")
	if err != nil {
		return nil, err
	}
	name := py.StrOf(a[0])
	ns.mu.Lock()
	e, ok := ns.entries[name]
	ns.mu.Unlock()
	if !ok {
		return nil, server.Raise(namingError, py.Str("unknown name: "+name))
	}
	u, err := pyro.ParseURI(e.uri)
	if err != nil {
		return nil, server.Raise("Pyro4.errors.PyroError", py.Str(err.Error()))
	}
	if truthy(a[1]) {
		return py.Tuple{u, metaValue(ctx, e.meta)}, nil
	}
	return u, nil
}

// register(name, uri, safe=False, metadata=None).
func (ns *NameServer) register(_ context.Context, args []py.Value, kwargs *py.Dict) (py.Value, error) {
	a, err := server.Bind("register", args, kwargs, 2, "name", "uri", "safe", "metadata")
	if err != nil {
		return nil, err
	}
	uri, err := uriArg(a[1])
	if err != nil {
		return nil, err
	}
	name, ok := a[0].(py.Str)
	if !ok {
		return nil, server.Raise("builtins.TypeError", py.Str("name must be a str"))
	}
	meta, err := metadataArg("metadata", a[3])
	if err != nil {
		return nil, err
	}
	ns.mu.Lock()
	defer ns.mu.Unlock()
	if _, exists := ns.entries[string(name)]; exists && truthy(a[2]) {
		return nil, server.Raise(namingError, py.Str("name already registered: "+string(name)))
	}
	if err := ns.set(string(name), uri, meta); err != nil {
		return nil, err
	}
	return py.None, nil
}

// set_metadata(name, metadata) replaces the metadata of a registration.
func (ns *NameServer) setMetadata(_ context.Context, args []py.Value, kwargs *py.Dict) (py.Value, error) {
	a, err := server.Bind("set_metadata", args, kwargs, 2, "name", "metadata")
	if err != nil {
		return nil, err
	}
	name, ok := a[0].(py.Str)
	if !ok {
		return nil, server.Raise("builtins.TypeError", py.Str("name must be a str"))
	}
	meta, err := metadataArg("metadata", a[1])
	if err != nil {
		return nil, err
	}
	ns.mu.Lock()
	defer ns.mu.Unlock()
	e, ok := ns.entries[string(name)]
	if !ok {
		return nil, server.Raise(namingError, py.Str("unknown name: "+string(name)))
	}
	e.meta = meta
	ns.entries[string(name)] = e
	return py.None, nil
}

// remove(name=None, prefix=None, regex=None) returns how many
// registrations it removed; the name server's own stays.
func (ns *NameServer) remove(_ context.Context, args []py.Value, kwargs *py.Dict) (py.Value, error) {
	a, err := server.Bind("remove", args, kwargs, 0, "name", "prefix", "regex")
	if err != nil {
		return nil, err
	}
	ns.mu.Lock()
	defer ns.mu.Unlock()
	if name, ok := a[0].(py.Str); ok && name != "" {
		if _, ok := ns.entries[string(name)]; ok && name != pyro.NameServerObject {
			return py.Int(ns.removeNames([]string{string(name)})), nil
		}
	}
	var match func(string) bool
	switch {
	case truthy(a[1]):
		prefix := py.StrOf(a[1])
		match = func(s string) bool { return strings.HasPrefix(s, prefix) }
	case truthy(a[2]):
		re, err := compileRegex(py.StrOf(a[2]))
		if err != nil {
			return nil, err
		}
		match = re.MatchString
	default:
		return py.Int(0), nil
	}
	return py.Int(ns.removeNames(slices.DeleteFunc(slices.Clone(ns.names), func(s string) bool { return !match(s) }))), nil
}

// compileRegex compiles re for Python's re.match: anchored at the start.
func compileRegex(re string) (*regexp.Regexp, error) {
	if _, err := regexp.Compile(re); err != nil {
		return nil, server.Raise(namingError, py.Str("invalid regex: "+err.Error()))
	}
	return regexp.MustCompile("^(?:" + re + ")"), nil
}

// truthy is Python's bool(v) for the values a flag argument can be.
func truthy(v py.Value) bool {
	switch x := v.(type) {
	case nil, py.NoneType:
		return false
	case py.Bool:
		return bool(x)
	case py.Int:
		return x != 0
	case py.Float:
		return x != 0
	case py.Str:
		return x != ""
	case py.Bytes:
		return len(x) > 0
	case py.List:
		return len(x) > 0
	case py.Tuple:
		return len(x) > 0
	case *py.Dict:
		return x.Len() > 0
	case *py.Set:
		return len(x.Items) > 0
	case *py.FrozenSet:
		return len(x.Items) > 0
	}
	return true
}

// uriArg reads a URI given as a string or as a Pyro4.core.URI or
// Pyro5.core.URI class dict.
func uriArg(v py.Value) (string, error) {
	var s string
	switch x := v.(type) {
	case py.Str:
		s = string(x)
	case *py.Dict:
		u, ok := uriFromDict(x)
		if !ok {
			return "", server.Raise("builtins.TypeError", py.Str("only URIs or strings can be registered"))
		}
		s = u.String()
	default:
		return "", server.Raise("builtins.TypeError", py.Str("only URIs or strings can be registered"))
	}
	u, err := pyro.ParseURI(s)
	if err != nil {
		return "", server.Raise("Pyro4.errors.PyroError", py.Str(err.Error()))
	}
	return u.String(), nil
}

// uriFromDict reads {'__class__':'Pyro4.core.URI','state':(protocol,
// object, sockname, host, port)}.
func uriFromDict(d *py.Dict) (*pyro.URI, bool) {
	if c, _ := d.GetStr("__class__"); c != py.Str("Pyro4.core.URI") && c != py.Str("Pyro5.core.URI") {
		return nil, false
	}
	st, _ := d.GetStr("state")
	var state []py.Value
	switch x := st.(type) {
	case py.Tuple:
		state = x
	case py.List:
		state = x
	}
	if len(state) != 5 {
		return nil, false
	}
	proto, ok1 := state[0].(py.Str)
	obj, ok2 := state[1].(py.Str)
	if !ok1 || !ok2 {
		return nil, false
	}
	u := &pyro.URI{Protocol: string(proto), Object: string(obj)}
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
	return u, true
}

// metadataArg reads a metadata argument: None or an empty collection for
// none, else a list, tuple, set or frozenset of strings; a str is refused
// as Pyro4 refuses it.
func metadataArg(param string, v py.Value) ([]string, error) {
	if !truthy(v) {
		return nil, nil
	}
	var items []py.Value
	switch x := v.(type) {
	case py.Str:
		return nil, server.Raise("builtins.TypeError", py.Str(param+" should not be a str, but another iterable (set, list, etc)"))
	case py.List:
		items = x
	case py.Tuple:
		items = x
	case *py.Set:
		items = x.Items
	case *py.FrozenSet:
		items = x.Items
	case *py.Dict:
		for _, it := range x.Items() {
			items = append(items, it.Key)
		}
	default:
		return nil, server.Raise("builtins.TypeError", py.Str(fmt.Sprintf("'%s' object is not iterable", py.TypeName(v))))
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		s, ok := it.(py.Str)
		if !ok {
			return nil, server.Raise("builtins.TypeError", py.Str(fmt.Sprintf("%s items must be str, not %s", param, py.TypeName(it))))
		}
		out = append(out, string(s))
	}
	return dedup(out), nil
}

// dedup drops repeated strings, keeping the first of each.
func dedup(s []string) []string {
	seen := make(map[string]bool, len(s))
	out := make([]string, 0, len(s))
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func strList(s []string) py.List {
	l := make(py.List, len(s))
	for i, x := range s {
		l[i] = py.Str(x)
	}
	return l
}
