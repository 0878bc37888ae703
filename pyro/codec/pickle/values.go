package pickle

import (
	"github.com/pyrosh/pyrosh/pyro/py"
)

// classRef is what GLOBAL and STACK_GLOBAL push: the name of a class or
// function, never the thing itself. Nothing is imported or looked up.
type classRef struct{ module, name string }

func (c *classRef) qualname() string { return c.module + "." + c.name }

// AppendRepr implements py.Value; a classRef left in a decoded value is
// replaced by a class dict in finalize, so this only shows in errors.
func (c *classRef) AppendRepr(dst []byte) []byte {
	dst = append(dst, "<class '"...)
	dst = append(dst, c.qualname()...)
	return append(dst, "'>"...)
}

// plist is a list under construction. py.List is a slice, so appending to
// it would not reach the copies already in the memo; the VM works on this
// box and finalize swaps every box for a py.List.
type plist struct{ items []py.Value }

// listItems returns the elements of a list, boxed or done.
func listItems(v py.Value) ([]py.Value, bool) {
	switch x := v.(type) {
	case *plist:
		return x.items, true
	case py.List:
		return x, true
	}
	return nil, false
}

// AppendRepr implements py.Value.
func (l *plist) AppendRepr(dst []byte) []byte { return py.List(l.items).AppendRepr(dst) }

// object records what the VM knows about a class dict it created for an
// instance (REDUCE, NEWOBJ, OBJ, INST): BUILD consults it, and finalize
// puts replace in its place when set (uuid.UUID becomes a str).
type object struct {
	class     string
	exception bool
	replace   py.Value
}

// Keys of the class dicts this package produces. "__class__",
// "__exception__", "args" and "attributes" are the shape every Pyro4
// serializer gives exceptions; "state" is serpent's for URI and Proxy.
const (
	keyClass      = "__class__"
	keyException  = "__exception__"
	keyArgs       = "args"
	keyKwargs     = "kwargs"
	keyAttributes = "attributes"
	keyState      = "state"
	keyItems      = "items"
	keyValue      = "value"
)

// newClassDict returns {'__class__': class}.
func newClassDict(class string) *py.Dict {
	d := py.NewDict(4)
	d.SetStr(keyClass, py.Str(class))
	return d
}
