package shell

import (
	"context"

	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/shell/lang"
)

// arguments evaluates a remote call's arguments in order, expanding *x
// (a local list, tuple, set, dict's keys, str or bytes) and **x (a
// local dict with str keys), as Python's call syntax does. The positional
// ones are appended to dst.
func (s *session) arguments(ctx context.Context, x *lang.Call, dst []py.Value) ([]py.Value, *py.Dict, error) {
	args, err := s.positional(ctx, dst, x.Args, true)
	if err != nil {
		return nil, nil, err
	}
	if len(x.Kwargs) == 0 {
		return args, nil, nil
	}
	kwargs := py.NewDict(len(x.Kwargs))
	add := func(name string, v py.Value) error {
		if _, dup := kwargs.GetStr(name); dup {
			return localf("TypeError", "got multiple values for keyword argument '%s'", name)
		}
		v, err := wire(v)
		if err != nil {
			return err
		}
		kwargs.SetStr(name, v)
		return nil
	}
	for _, kw := range x.Kwargs {
		v, err := s.value(ctx, kw.Value)
		if err != nil {
			return nil, nil, err
		}
		if kw.Name != "" {
			if err := add(kw.Name, v); err != nil {
				return nil, nil, err
			}
			continue
		}
		d, ok := v.(*py.Dict)
		if !ok {
			return nil, nil, localf("TypeError", "argument after ** must be a mapping, not %s", py.TypeName(v))
		}
		for _, it := range d.Items() {
			k, ok := it.Key.(py.Str)
			if !ok {
				return nil, nil, localf("TypeError", "keywords must be strings")
			}
			if err := add(string(k), it.Value); err != nil {
				return nil, nil, err
			}
		}
	}
	return args, kwargs, nil
}

// positional evaluates positional arguments, expanding *x, and appends
// them to dst (nil: a slice of their own); with toWire each is made ready
// for a remote call.
func (s *session) positional(ctx context.Context, dst []py.Value, exprs []lang.Expr, toWire bool) ([]py.Value, error) {
	args := dst
	if args == nil {
		args = make([]py.Value, 0, len(exprs))
	}
	for _, a := range exprs {
		star, isStar := a.(*lang.Starred)
		if isStar {
			a = star.X
		}
		v, err := s.value(ctx, a)
		if err != nil {
			return nil, err
		}
		if !isStar {
			if args, err = appendArg(args, v, toWire); err != nil {
				return nil, err
			}
			continue
		}
		items, ok := iterItems(v)
		if !ok {
			return nil, localf("TypeError", "argument after * must be an iterable, not %s", py.TypeName(v))
		}
		for _, v := range items {
			if args, err = appendArg(args, v, toWire); err != nil {
				return nil, err
			}
		}
	}
	return args, nil
}

// appendArg appends v to args, made ready for a remote call (wire) when
// toWire is set.
func appendArg(args []py.Value, v py.Value, toWire bool) ([]py.Value, error) {
	if toWire {
		var err error
		if v, err = wire(v); err != nil {
			return nil, err
		}
	}
	return append(args, v), nil
}

// exceptionAttr reads an attribute of a local exception (`_exc.code`):
// args, or one of the instance attributes the server set.
func exceptionAttr(e *py.Exception, name string) (py.Value, error) {
	if name == "args" {
		return e.Args, nil
	}
	if e.Attrs != nil {
		if v, ok := e.Attrs.GetStr(name); ok {
			return v, nil
		}
	}
	return nil, localf("AttributeError", "'%s' object has no attribute '%s'", e.Name(), name)
}
