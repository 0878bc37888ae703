package demo

import (
	"errors"
	"net"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// locate connects the Go client to the demo's name server.
func locate(t *testing.T, r *Running) *pyro.NameServer {
	t.Helper()
	ns, err := pyro.LocateNS(ctx10(t), r.NS.Host, r.NS.Port, pyro.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ns.Close() })
	return ns
}

func names(entries []pyro.NSEntry) string {
	s := make([]string, len(entries))
	for i, e := range entries {
		s[i] = e.Name
	}
	return strings.Join(s, " ")
}

// remoteClass returns the Python class and message of a remote exception.
func remoteClass(err error) string {
	var re *pyro.RemoteError
	if !errors.As(err, &re) {
		return "not remote: " + err.Error()
	}
	return re.Exception.Class + ": " + re.Exception.Message()
}

func TestNameServerLookupAndList(t *testing.T) {
	r := startTest(t)
	ns := locate(t, r)
	ctx := ctx10(t)
	uris := r.URIs()
	e, err := ns.Lookup(ctx, ShowcaseName)
	if err != nil || e.URI != uris[ShowcaseID] || !slices.Equal(e.Metadata, []string{"class:demo.Showcase", "demo"}) {
		t.Errorf("Lookup(%s) = %+v, %v", ShowcaseName, e, err)
	}
	if e, err := ns.Lookup(ctx, pyro.NameServerObject); err != nil || e.URI != r.NS.URI() || !slices.Equal(e.Metadata, []string{nsClass}) {
		t.Errorf("Lookup(Pyro.NameServer) = %+v, %v; URI %s", e, err, r.NS.URI())
	}
	if _, err := ns.Lookup(ctx, "nobody"); remoteClass(err) != "Pyro4.errors.NamingError: unknown name: nobody" {
		t.Errorf("Lookup(nobody): %s", remoteClass(err))
	}
	for _, tc := range []struct {
		name string
		lo   pyro.ListOptions
		want string
	}{
		{"everything", pyro.ListOptions{}, "Pyro.NameServer demo.example demo.showcase"},
		{"prefix", pyro.ListOptions{Prefix: "demo."}, "demo.example demo.showcase"},
		{"regex matches at the start", pyro.ListOptions{Regex: `demo\.s`}, "demo.showcase"},
		{"regex is anchored", pyro.ListOptions{Regex: "show"}, ""},
		{"regex alternation stays anchored", pyro.ListOptions{Regex: "x|demo.e"}, "demo.example"},
		{"metadata_all", pyro.ListOptions{MetadataAll: []string{"demo", "class:demo.Example"}}, "demo.example"},
		{"metadata_all none", pyro.ListOptions{MetadataAll: []string{"demo", "nope"}}, ""},
		{"metadata_any", pyro.ListOptions{MetadataAny: []string{"nope", "class:demo.Showcase"}}, "demo.showcase"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ns.List(ctx, tc.lo)
			if err != nil || names(got) != tc.want {
				t.Errorf("List(%+v) = %q, %v; want %q", tc.lo, names(got), err, tc.want)
			}
		})
	}
	if _, err := ns.List(ctx, pyro.ListOptions{Regex: "("}); !strings.HasPrefix(remoteClass(err), "Pyro4.errors.NamingError: invalid regex: ") {
		t.Errorf("bad regex: %s", remoteClass(err))
	}
	_, err = ns.Call(ctx, "list", nil, py.DictOf(py.Str("prefix"), py.Str("a"), py.Str("regex"), py.Str("b")))
	if remoteClass(err) != "builtins.ValueError: you can only filter on one thing at a time" {
		t.Errorf("two filters: %s", remoteClass(err))
	}
	v, err := ns.Call(ctx, "lookup", []py.Value{py.Str(ExampleName)}, nil)
	if u, ok := v.(*pyro.URI); err != nil || !ok || u.String() != uris[ExampleID] {
		t.Errorf("lookup without metadata = %s, %v", py.Repr(v), err)
	}
	v, err = ns.Call(ctx, "list", nil, nil)
	if want := "{'Pyro.NameServer': '" + r.NS.URI() + "', 'demo.example': '" + uris[ExampleID] + "', 'demo.showcase': '" + uris[ShowcaseID] + "'}"; err != nil || py.Repr(v) != want {
		t.Errorf("list() = %s, %v\nwant %s", py.Repr(v), err, want)
	}
}

func TestNameServerRegisterAndRemove(t *testing.T) {
	r := startTest(t)
	ns := locate(t, r)
	ctx := ctx10(t)
	call := func(method string, args []py.Value, kwargs *py.Dict) string {
		t.Helper()
		v, err := ns.Call(ctx, method, args, kwargs)
		if err != nil {
			return "!" + remoteClass(err)
		}
		return py.Repr(v)
	}
	meta := py.List{py.Str("b"), py.Str("a"), py.Str("b")}
	steps := []struct {
		method string
		args   []py.Value
		kwargs *py.Dict
		want   string
	}{
		{"register", []py.Value{py.Str("x.one"), py.Str("PYRO:one@127.0.0.1:1")}, py.DictOf(py.Str("metadata"), meta), "None"},
		{"register", []py.Value{py.Str("x.one"), py.Str("PYRO:other@127.0.0.1:1"), py.Bool(true)}, nil, "!Pyro4.errors.NamingError: name already registered: x.one"},
		{"register", []py.Value{py.Str("x.two"), py.Str("nonsense")}, nil, `!Pyro4.errors.PyroError: invalid uri "nonsense": expected PYRO:, PYRONAME: or PYROMETA:`},
		{"register", []py.Value{py.Int(1), py.Str("PYRO:one@127.0.0.1:1")}, nil, "!builtins.TypeError: name must be a str"},
		{"register", []py.Value{py.Str("x.two"), py.Int(1)}, nil, "!builtins.TypeError: only URIs or strings can be registered"},
		{"register", []py.Value{py.Str("x.two"), py.Str("PYRO:two@127.0.0.1:2")}, py.DictOf(py.Str("metadata"), py.Int(3)), "!builtins.TypeError: 'int' object is not iterable"},
		{"register", []py.Value{py.Str("x.two"), py.Str("PYRO:two@127.0.0.1:2")}, py.DictOf(py.Str("metadata"), py.List{py.Int(3)}), "!builtins.TypeError: metadata items must be str, not int"},
		{"register", []py.Value{py.Str("x.two")}, nil, "!builtins.TypeError: register() missing 1 required positional argument: 'uri'"},
		{"lookup", []py.Value{py.Str("x.one")}, py.DictOf(py.Str("return_metadata"), py.Bool(true)), "(<Pyro URI PYRO:one@127.0.0.1:1>, ['b', 'a'])"},
		{"set_metadata", []py.Value{py.Str("x.one"), py.Tuple{}}, nil, "None"},
		{"set_metadata", []py.Value{py.Str("nobody"), py.Tuple{}}, nil, "!Pyro4.errors.NamingError: unknown name: nobody"},
		{"list", nil, py.DictOf(py.Str("prefix"), py.Str("x."), py.Str("return_metadata"), py.Bool(true)), "{'x.one': ('PYRO:one@127.0.0.1:1', [])}"},
		{"count", nil, nil, "4"},
		{"ping", nil, nil, "None"},
		{"remove", []py.Value{py.Str(pyro.NameServerObject)}, nil, "0"},
		{"remove", nil, py.DictOf(py.Str("regex"), py.Str(".*")), "3"},
		{"count", nil, nil, "1"},
		{"remove", nil, nil, "0"},
	}
	for _, s := range steps {
		if got := call(s.method, s.args, s.kwargs); got != s.want {
			t.Errorf("%s(%s, %s) = %s, want %s", s.method, py.Repr(py.Tuple(s.args)), py.Repr(s.kwargs), got, s.want)
		}
	}
	// The name server still answers, and re-registering keeps the order.
	if err := r.NS.Names.Register("a.later", "PYRO:a@h:1", "m"); err != nil {
		t.Fatal(err)
	}
	if err := r.NS.Names.Register("a.later", "nonsense"); err == nil {
		t.Error("Register accepted an invalid uri")
	}
	if got := call("list", nil, nil); got != "{'Pyro.NameServer': '"+r.NS.URI()+"', 'a.later': 'PYRO:a@h:1'}" {
		t.Errorf("list() = %s", got)
	}
}

func TestNameServerIsBounded(t *testing.T) {
	ns := NewNameServer()
	for i := range MaxNames {
		if err := ns.Register("n"+strconv.Itoa(i), "PYRO:x@h:1"); err != nil {
			t.Fatalf("name %d: %v", i, err)
		}
	}
	if err := ns.Register("one.more", "PYRO:x@h:1"); err == nil || !strings.Contains(err.Error(), "name server is full") {
		t.Errorf("name %d: %v", MaxNames+1, err)
	}
	if err := ns.Register("n0", "PYRO:y@h:1"); err != nil {
		t.Errorf("replacing a name when full: %v", err)
	}
}

func TestNamesResolveThroughTheDemoNameServer(t *testing.T) {
	r := startTest(t)
	ctx := ctx10(t)
	loc := net.JoinHostPort(r.NS.Host, strconv.Itoa(r.NS.Port))
	for _, tc := range []struct{ uri, method, want string }{
		{"PYRONAME:" + ExampleName + "@" + loc, "hello", "'hello'"},
		{"PYROMETA:class:demo.Showcase@" + loc, "hello", "'hello'"},
		{"PYROMETA:demo,class:demo.Example@" + loc, "hello", "'hello'"},
	} {
		p, err := pyro.Dial(ctx, tc.uri)
		if err != nil {
			t.Errorf("Dial(%s): %v", tc.uri, err)
			continue
		}
		v, err := p.Call(ctx, tc.method, nil, nil)
		if err != nil || py.Repr(v) != tc.want {
			t.Errorf("%s.%s() = %v, %v", tc.uri, tc.method, v, err)
		}
		p.Close()
	}
	// Without a location the name server comes from the options.
	p, err := pyro.Dial(ctx, "PYRONAME:"+ShowcaseName, pyro.WithNameServer(r.NS.Host, r.NS.Port))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if got := p.URI().String(); got != r.URIs()[ShowcaseID] {
		t.Errorf("PYRONAME:%s resolved to %s", ShowcaseName, got)
	}
	if _, err := pyro.Dial(ctx, "PYROMETA:nope@"+loc); err == nil || !strings.Contains(err.Error(), "no registrations available") {
		t.Errorf("PYROMETA:nope: %v", err)
	}
}

func TestNameServerFallsBackWhenThePortIsTaken(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := busy.Addr().(*net.TCPAddr).Port
	r, err := StartWithNameServer(ctx10(t), "127.0.0.1", 0, port)
	if err != nil {
		t.Fatal(err)
	}
	if !r.NS.Fallback || r.NS.Port == port || r.NS.Host != "127.0.0.1" || r.Fallback {
		t.Errorf("NS %+v, daemon fallback %v; want another port than %d", r.NS, r.Fallback, port)
	}
	if e, err := locate(t, r).Lookup(ctx10(t), ExampleName); err != nil || e.URI != r.URIs()[ExampleID] {
		t.Errorf("Lookup = %+v, %v", e, err)
	}
	r.Close()
	select {
	case <-r.Done():
	default:
		t.Error("Done not closed after Close")
	}
	if _, err := pyro.LocateNS(ctx10(t), r.NS.Host, r.NS.Port, pyro.Options{}); err == nil {
		t.Error("the name server still answers after Close")
	}
	if _, err := StartWithNameServer(ctx10(t), "127.0.0.1", 0, -1); err == nil {
		t.Error("StartWithNameServer accepted port -1")
	}
}
