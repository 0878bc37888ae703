package py

import "strings"

// Exception is a Python exception as Pyro4 serializes it: the qualified
// class name ("builtins.ValueError", "Pyro4.errors.NamingError",
// "mymod.MyError"), its args, its instance attributes, and the remote
// traceback lines Pyro4 attached (each ending in "\n").
type Exception struct {
	Class     string
	Args      Tuple
	Attrs     *Dict // may be nil
	Traceback []string
}

// Name returns the class name without its module: "ValueError".
func (e *Exception) Name() string {
	if i := strings.LastIndexByte(e.Class, '.'); i >= 0 {
		return e.Class[i+1:]
	}
	return e.Class
}

// Message returns str(exception) as Python prints it after "Name: ".
func (e *Exception) Message() string {
	switch len(e.Args) {
	case 0:
		return ""
	case 1:
		if e.Name() == "KeyError" {
			return Repr(e.Args[0])
		}
		return StrOf(e.Args[0])
	}
	return Repr(e.Args)
}

// AppendRepr implements Value: ValueError('bad', 42).
func (e *Exception) AppendRepr(dst []byte) []byte {
	dst = append(dst, e.Name()...)
	dst = append(dst, '(')
	dst = appendItems(dst, e.Args)
	return append(dst, ')')
}

// StrOf returns Python's str(v): the text itself for a str, repr otherwise.
func StrOf(v Value) string {
	if s, ok := v.(Str); ok {
		return string(s)
	}
	if e, ok := v.(*Exception); ok {
		return e.Message()
	}
	return Repr(v)
}

// TypeName returns the Python type name of v: "int", "str", "dict"...
// Kinds defined outside this package report their Go type unless they
// implement interface{ PyType() string }.
func TypeName(v Value) string {
	switch x := v.(type) {
	case nil, NoneType:
		return "NoneType"
	case Bool:
		return "bool"
	case Int, *BigInt:
		return "int"
	case Float:
		return "float"
	case Complex:
		return "complex"
	case Str:
		return "str"
	case Bytes:
		return "bytes"
	case Tuple:
		return "tuple"
	case List:
		return "list"
	case *Dict:
		return "dict"
	case *Set:
		return "set"
	case *FrozenSet:
		return "frozenset"
	case *Exception:
		return x.Name()
	case interface{ PyType() string }:
		return x.PyType()
	}
	return "object"
}
