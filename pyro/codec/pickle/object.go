package pickle

import (
	"strings"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// py2Modules is the part of CPython's _compat_pickle.IMPORT_MAPPING that a
// Python 2 Pyro4 peer's pickles use (fix_imports, protocols 0-2).
var py2Modules = map[string]string{
	"__builtin__": "builtins",
	"exceptions":  "builtins",
	"copy_reg":    "copyreg",
}

// py2Names is the part of _compat_pickle.NAME_MAPPING for the classes
// this package decodes: Python 3 writes range as __builtin__.xrange.
var py2Names = map[string][2]string{
	"__builtin__.xrange":  {"builtins", "range"},
	"__builtin__.unicode": {"builtins", "str"},
	"__builtin__.long":    {"builtins", "int"},
}

// object runs the opcodes that involve classes. None of them imports or
// calls anything: a class is only a name (classRef), and applying one
// goes through construct, which knows a fixed set of safe constructors
// and otherwise records the call as a class dict.
func (d *decoder) object(op byte) error {
	switch op {
	case opGlobal, opInst:
		mod, err := d.line()
		if err != nil {
			return err
		}
		name, err := d.line()
		if err != nil {
			return err
		}
		c := d.classRef(string(mod), string(name))
		if op == opGlobal {
			return d.push(c)
		}
		args, err := d.popMark()
		if err != nil {
			return err
		}
		v, err := d.construct(c, py.Tuple(d.values(args)))
		if err != nil {
			return err
		}
		return d.push(v)
	case opStackGlobal:
		name, err := d.pop()
		if err != nil {
			return err
		}
		mod, err := d.pop()
		if err != nil {
			return err
		}
		ms, ok1 := mod.(py.Str)
		ns, ok2 := name.(py.Str)
		if !ok1 || !ok2 {
			return d.errf("STACK_GLOBAL needs two str, got %s and %s", typeName(mod), typeName(name))
		}
		return d.push(d.classRef(string(ms), string(ns)))
	case opObj:
		items, err := d.popMark()
		if err != nil {
			return err
		}
		if len(items) == 0 {
			return d.errf("OBJ without a class")
		}
		c, ok := items[0].(*classRef)
		if !ok {
			return d.errf("OBJ on %s", typeName(items[0]))
		}
		v, err := d.construct(c, py.Tuple(d.values(items[1:])))
		if err != nil {
			return err
		}
		return d.push(v)
	case opReduce:
		args, err := d.pop()
		if err != nil {
			return err
		}
		callable, err := d.pop()
		if err != nil {
			return err
		}
		c, ok := callable.(*classRef)
		if !ok {
			return d.errf("REDUCE on %s", typeName(callable))
		}
		t, ok := args.(py.Tuple)
		if !ok {
			return d.errf("REDUCE arguments are a %s, not a tuple", typeName(args))
		}
		v, err := d.construct(c, t)
		if err != nil {
			return err
		}
		return d.push(v)
	case opNewObj, opNewObjEx:
		var kwargs py.Value
		if op == opNewObjEx {
			var err error
			if kwargs, err = d.pop(); err != nil {
				return err
			}
		}
		args, err := d.pop()
		if err != nil {
			return err
		}
		cls, err := d.pop()
		if err != nil {
			return err
		}
		c, ok := cls.(*classRef)
		if !ok {
			return d.errf("NEWOBJ on %s", typeName(cls))
		}
		t, ok := args.(py.Tuple)
		if !ok {
			return d.errf("NEWOBJ arguments are a %s, not a tuple", typeName(args))
		}
		return d.push(d.newObject(c, t, kwargs))
	case opBuild:
		state, err := d.pop()
		if err != nil {
			return err
		}
		target, err := d.top()
		if err != nil {
			return err
		}
		return d.build(target, state)
	}
	return d.errf("unknown opcode 0x%02x", op)
}

func (d *decoder) classRef(mod, name string) *classRef {
	if d.proto < 3 {
		if n, ok := py2Names[mod+"."+name]; ok {
			mod, name = n[0], n[1]
		} else if m, ok := py2Modules[mod]; ok {
			mod = m
		}
	}
	return &classRef{module: mod, name: name}
}

// newObject is cls.__new__(cls, *args, **kwargs) for any class: a class
// dict that BUILD may fill in later. An exception class gets the
// exception shape.
func (d *decoder) newObject(c *classRef, args py.Tuple, kwargs py.Value) py.Value {
	if isException(c) {
		return d.newException(c, args)
	}
	m := newClassDict(c.qualname())
	if len(args) > 0 {
		m.SetStr(keyArgs, args)
	}
	if kw, ok := kwargs.(*py.Dict); ok && kw.Len() > 0 {
		m.SetStr(keyKwargs, kw)
	}
	d.track(m, &object{class: c.qualname()})
	return m
}

// newException returns the class dict every Pyro4 serializer gives an
// exception: {'__class__', '__exception__': True, 'args', 'attributes'}.
func (d *decoder) newException(c *classRef, args py.Tuple) py.Value {
	m := newClassDict(c.qualname())
	m.SetStr(keyException, py.Bool(true))
	m.SetStr(keyArgs, args)
	m.SetStr(keyAttributes, py.NewDict(1))
	d.track(m, &object{class: c.qualname(), exception: true})
	return m
}

func (d *decoder) track(m *py.Dict, o *object) {
	if d.objs == nil {
		d.objs = make(map[*py.Dict]*object)
	}
	d.objs[m] = o
}

// isException guesses from its name alone whether a class is an
// exception: builtins' exception classes, everything in Pyro4.errors, and
// names ending in Error, Exception or Warning.
func isException(c *classRef) bool {
	if c.module == "Pyro4.errors" || c.module == "builtins" && builtinExceptions[c.name] {
		return true
	}
	return strings.HasSuffix(c.name, "Error") || strings.HasSuffix(c.name, "Exception") ||
		strings.HasSuffix(c.name, "Warning")
}

// builtinExceptions are CPython 3.11's builtin exception classes whose
// names do not say so; the *Error, *Exception and *Warning ones are
// matched by suffix.
var builtinExceptions = map[string]bool{
	"BaseException": true, "Exception": true, "StopIteration": true,
	"StopAsyncIteration": true, "GeneratorExit": true, "KeyboardInterrupt": true,
	"SystemExit": true, "BaseExceptionGroup": true, "ExceptionGroup": true,
}
