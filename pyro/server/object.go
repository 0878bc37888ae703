package server

import (
	"context"
	"sort"
	"sync"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// Func is a remote method: positional args and keyword args (kwargs may be
// nil) in, a value or an error out. Return a *py.Exception (see Raise) to
// raise a particular Python exception; any other error is raised as
// builtins.Exception. Return Generate(it) to stream items to the caller.
type Func func(ctx context.Context, args []py.Value, kwargs *py.Dict) (py.Value, error)

// Object is a remote object: its Python class name, exposed methods and
// attributes. Build it with NewObject and the Method, Oneway and Attr
// calls before registering it; it is then read-only and safe for
// concurrent use. A registered *Object inside a result travels as a Pyro4
// proxy to it (Pyro4's autoproxy).
type Object struct {
	class   string
	methods map[string]Func
	oneway  map[string]bool
	attrs   map[string]attr

	mu  sync.Mutex // guards ids
	ids map[*Daemon]string
}

type attr struct {
	get func() py.Value
	set func(py.Value) error // nil: read-only
}

// NewObject returns an object of the named Python class ("demo.Showcase"),
// with no methods yet. The class name appears in error messages.
func NewObject(class string) *Object {
	return &Object{class: class, methods: map[string]Func{}, oneway: map[string]bool{}, attrs: map[string]attr{}}
}

// Method exposes f as method name and returns o.
func (o *Object) Method(name string, f Func) *Object {
	o.methods[name] = f
	return o
}

// Oneway exposes f as a oneway method: callers get no reply, not even for
// an error, and f runs in its own goroutine as with Pyro4's
// ONEWAY_THREADED.
func (o *Object) Oneway(name string, f Func) *Object {
	o.methods[name] = f
	o.oneway[name] = true
	return o
}

// Attr exposes an attribute (a Python property); set nil makes it
// read-only, and writing it then raises AttributeError("can't set
// attribute").
func (o *Object) Attr(name string, get func() py.Value, set func(py.Value) error) *Object {
	o.attrs[name] = attr{get: get, set: set}
	return o
}

// Class returns the Python class name of the object.
func (o *Object) Class() string { return o.class }

// AppendRepr implements py.Value, so that a method can return an object;
// the daemon sends it as a proxy.
func (o *Object) AppendRepr(dst []byte) []byte {
	dst = append(dst, '<')
	dst = append(dst, o.class...)
	return append(dst, " object>"...)
}

// metadata lists the exposed names, sorted, as Pyro4's get_metadata.
func (o *Object) metadata() (methods, oneway, attrs []string) {
	for n := range o.methods {
		methods = append(methods, n)
		if o.oneway[n] {
			oneway = append(oneway, n)
		}
	}
	for n := range o.attrs {
		attrs = append(attrs, n)
	}
	sort.Strings(methods)
	sort.Strings(oneway)
	sort.Strings(attrs)
	return methods, oneway, attrs
}

func (o *Object) idIn(d *Daemon) (string, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	id, ok := o.ids[d]
	return id, ok
}

func (o *Object) setID(d *Daemon, id string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.ids == nil {
		o.ids = map[*Daemon]string{}
	}
	if id == "" {
		delete(o.ids, d)
		return
	}
	o.ids[d] = id
}

// Iterator is what a generator method returns (through Generate): the
// daemon streams its items to the caller one by one, on the caller's
// connection, and closes it when the stream ends, the caller closes it or
// the connection goes away.
type Iterator interface {
	// Next returns the next item, or ok false at the end. An error ends
	// the stream and is raised in the caller.
	Next(ctx context.Context) (v py.Value, ok bool, err error)
	// Close releases the iterator; it is called exactly once.
	Close()
}

// generator marks a method result as an Iterator to stream.
type generator struct{ it Iterator }

func (generator) AppendRepr(dst []byte) []byte { return append(dst, "<generator object>"...) }

// Generate wraps it as a method result: the caller receives a remote
// iterator (Pyro4 item streaming).
func Generate(it Iterator) py.Value { return generator{it} }

// FuncIterator adapts a next function to an Iterator; close may be nil.
type FuncIterator struct {
	NextFunc  func(ctx context.Context) (py.Value, bool, error)
	CloseFunc func()
}

// Next implements Iterator.
func (f *FuncIterator) Next(ctx context.Context) (py.Value, bool, error) { return f.NextFunc(ctx) }

// Close implements Iterator.
func (f *FuncIterator) Close() {
	if f.CloseFunc != nil {
		f.CloseFunc()
	}
}
