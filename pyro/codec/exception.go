package codec

import "github.com/pyrosh/pyrosh/pyro/py"

// ExceptionDict returns the class dict Pyro4 writes for an exception
// (util.py SerializerBase.class_to_dict), in Pyro4's key order:
// "__class__", "__exception__" (True), "args" (an empty tuple when e has
// none) and "attributes" as ExceptionAttributes builds it. The
// serializers without a native exception form (serpent, json, marshal,
// msgpack) encode an exception as this dict.
func ExceptionDict(e *py.Exception) *py.Dict {
	args := e.Args
	if args == nil {
		args = py.Tuple{}
	}
	d := py.NewDict(4)
	d.SetStr("__class__", py.Str(e.Class))
	d.SetStr("__exception__", py.Bool(true))
	d.SetStr("args", args)
	d.SetStr("attributes", ExceptionAttributes(e))
	return d
}

// ExceptionAttributes returns a new dict holding e's instance attributes
// followed by "_pyroTraceback", the list of traceback lines, when e has a
// traceback: a Pyro4 daemon stores the remote traceback as that attribute
// before serializing (core.py Daemon._sendExceptionResponse). e.Attrs is not
// changed.
func ExceptionAttributes(e *py.Exception) *py.Dict {
	attrs := py.NewDict(0)
	if e.Attrs != nil {
		for _, it := range e.Attrs.Items() {
			_ = attrs.Set(it.Key, it.Value)
		}
	}
	if e.Traceback != nil {
		tb := make(py.List, len(e.Traceback))
		for i, line := range e.Traceback {
			tb[i] = py.Str(line)
		}
		attrs.SetStr("_pyroTraceback", tb)
	}
	return attrs
}
