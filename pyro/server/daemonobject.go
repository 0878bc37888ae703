package server

import (
	"context"
	"fmt"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// daemonMethods are the methods of the Pyro.Daemon object (core.py
// DaemonObject); close_stream is not oneway in its metadata, though
// Python proxies send it oneway.
var daemonMethods = []string{"close_stream", "get_metadata", "get_next_stream_item", "info", "ping", "registered"}

func (c *conn) daemonMethod(name string) (Func, *Exception) {
	switch name {
	case "ping":
		return func(context.Context, []py.Value, *py.Dict) (py.Value, error) { return py.None, nil }, nil
	case "info":
		return func(context.Context, []py.Value, *py.Dict) (py.Value, error) {
			return py.Str(fmt.Sprintf("Pyro.Daemon bound on %s, NAT None, %d objects registered. Servertype: <pyrosh Go daemon on %s>",
				c.d.Location(), len(c.d.registered()), c.d.Location())), nil
		}, nil
	case "registered":
		return func(context.Context, []py.Value, *py.Dict) (py.Value, error) {
			ids := c.d.registered()
			l := make(py.List, len(ids))
			for i, id := range ids {
				l[i] = py.Str(id)
			}
			return l, nil
		}, nil
	case "get_metadata":
		return c.getMetadata, nil
	case "get_next_stream_item":
		return c.nextStreamItem, nil
	case "close_stream":
		return c.closeStream, nil
	}
	if len(name) > 0 && name[0] == '_' {
		return nil, Raise("builtins.AttributeError", py.Str(fmt.Sprintf("attempt to access private attribute '%s'", name)))
	}
	return nil, Raise("builtins.AttributeError", py.Str(fmt.Sprintf("'DaemonObject' object has no attribute '%s'", name)))
}

// Bind matches positional and keyword arguments to parameter names as a
// Python function would, raising TypeError with Python's wording for too
// many arguments, unknown or repeated keywords, or a missing one of the
// first required parameters. Optional parameters not given are nil.
func Bind(method string, args []py.Value, kwargs *py.Dict, required int, names ...string) ([]py.Value, error) {
	if len(args) > len(names) {
		return nil, Raise("builtins.TypeError", py.Str(fmt.Sprintf("%s() takes %d positional arguments but %d were given", method, len(names), len(args))))
	}
	out := make([]py.Value, len(names))
	copy(out, args)
	if kwargs != nil {
		for _, it := range kwargs.Items() {
			k, _ := it.Key.(py.Str)
			i := indexOf(names, string(k))
			if i < 0 {
				return nil, Raise("builtins.TypeError", py.Str(fmt.Sprintf("%s() got an unexpected keyword argument '%s'", method, k)))
			}
			if out[i] != nil {
				return nil, Raise("builtins.TypeError", py.Str(fmt.Sprintf("%s() got multiple values for argument '%s'", method, k)))
			}
			out[i] = it.Value
		}
	}
	for i := 0; i < required && i < len(names); i++ {
		if out[i] == nil {
			return nil, Raise("builtins.TypeError", py.Str(fmt.Sprintf("%s() missing 1 required positional argument: '%s'", method, names[i])))
		}
	}
	return out, nil
}

func indexOf(names []string, s string) int {
	for i, n := range names {
		if n == s {
			return i
		}
	}
	return -1
}

func (c *conn) getMetadata(_ context.Context, args []py.Value, kwargs *py.Dict) (py.Value, error) {
	a, err := Bind("get_metadata", args, kwargs, 1, "objectId", "as_lists")
	if err != nil {
		return nil, err
	}
	id, _ := a[0].(py.Str)
	asLists, _ := a[1].(py.Bool)
	meta, exc := c.metadata(string(id), bool(asLists))
	if exc != nil {
		return nil, exc
	}
	return meta, nil
}

// metadata is get_metadata: methods, oneway and attrs of an object, as
// lists or (Pyro4's default) sets.
func (c *conn) metadata(id string, asLists bool) (py.Value, *Exception) {
	var methods, oneway, attrs []string
	if id == DaemonObjectID {
		methods = daemonMethods
	} else {
		obj, ok := c.d.object(id)
		if !ok {
			return nil, Raise("Pyro4.errors.DaemonError", py.Str("unknown object"))
		}
		methods, oneway, attrs = obj.metadata()
	}
	conv := func(names []string) py.Value {
		items := make([]py.Value, len(names))
		for i, n := range names {
			items[i] = py.Str(n)
		}
		if asLists {
			return py.List(items)
		}
		return &py.Set{Items: items}
	}
	return py.DictOf(py.Str("methods"), conv(methods), py.Str("oneway"), conv(oneway), py.Str("attrs"), conv(attrs)), nil
}

func (c *conn) stream(args []py.Value, kwargs *py.Dict, method string) (string, Iterator, error) {
	a, err := Bind(method, args, kwargs, 1, "streamId")
	if err != nil {
		return "", nil, err
	}
	id, _ := a[0].(py.Str)
	c.mu.Lock()
	defer c.mu.Unlock()
	return string(id), c.streams[string(id)], nil
}

func (c *conn) dropStream(id string) {
	c.mu.Lock()
	it, ok := c.streams[id]
	delete(c.streams, id)
	c.mu.Unlock()
	if ok {
		it.Close()
	}
}

// nextStreamItem is get_next_stream_item: the next item, StopIteration at
// the end; the end or an error drops the stream.
func (c *conn) nextStreamItem(ctx context.Context, args []py.Value, kwargs *py.Dict) (py.Value, error) {
	id, it, err := c.stream(args, kwargs, "get_next_stream_item")
	if err != nil {
		return nil, err
	}
	if it == nil {
		return nil, Raise("Pyro4.errors.PyroError", py.Str("item stream terminated"))
	}
	v, ok, err := it.Next(ctx)
	if err != nil {
		c.dropStream(id)
		return nil, err
	}
	if !ok {
		c.dropStream(id)
		return nil, Raise("builtins.StopIteration")
	}
	return v, nil
}

// closeStream is close_stream: drop the stream, if there is one.
func (c *conn) closeStream(_ context.Context, args []py.Value, kwargs *py.Dict) (py.Value, error) {
	id, _, err := c.stream(args, kwargs, "close_stream")
	if err != nil {
		return nil, err
	}
	c.dropStream(id)
	return py.None, nil
}
