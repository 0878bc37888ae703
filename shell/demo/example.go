package demo

import (
	"context"
	"slices"

	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/server"
)

// NewExample returns the seed's Example object: hello() returns "hello",
// echo(*args) returns its arguments as a tuple.
func NewExample() *server.Object {
	return server.NewObject("demo.Example").
		Method("hello", hello).
		Method("echo", echo)
}

func hello(_ context.Context, args []py.Value, kwargs *py.Dict) (py.Value, error) {
	if _, err := server.Bind("hello", args, kwargs, 0); err != nil {
		return nil, err
	}
	return py.Str("hello"), nil
}

func echo(_ context.Context, args []py.Value, kwargs *py.Dict) (py.Value, error) {
	if kwargs != nil && kwargs.Len() > 0 {
		if _, err := server.Bind("echo", nil, kwargs, 0); err != nil {
			return nil, err
		}
	}
	return py.Tuple(slices.Clone(args)), nil
}
