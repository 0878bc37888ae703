package server

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// Raise returns a Python exception of class (qualified: "builtins.ValueError",
// "Pyro4.errors.NamingError") with args and a traceback in Pyro4's shape
// whose one frame is the Go function that called Raise:
//
//	Traceback (most recent call last):
//	  File "demo.go", line 42, in divide
//	ZeroDivisionError: division by zero
func Raise(class string, args ...py.Value) *Exception {
	e := &py.Exception{Class: class, Args: py.Tuple(args)}
	frame := "  File \"<go>\", line 0, in <unknown>\n"
	if pc, file, line, ok := runtime.Caller(1); ok {
		name := "<unknown>"
		if f := runtime.FuncForPC(pc); f != nil {
			name = funcName(f.Name())
		}
		frame = fmt.Sprintf("  File %q, line %d, in %s\n", filepath.Base(file), line, name)
	}
	e.Traceback = []string{"Traceback (most recent call last):\n", frame, lastLine(e)}
	return &Exception{e}
}

// Exception is an error that raises a particular Python exception in the
// caller; Raise makes one.
type Exception struct{ *py.Exception }

// Error returns "Name: message", as Python prints the exception's last
// traceback line.
func (e *Exception) Error() string { return strings.TrimSuffix(lastLine(e.Exception), "\n") }

// funcName shortens "github.com/x/demo.(*Showcase).divide.func1" to
// "divide", the way a Python frame names its function.
func funcName(full string) string {
	if i := strings.LastIndexByte(full, '/'); i >= 0 {
		full = full[i+1:]
	}
	parts := strings.Split(full, ".")
	for i := len(parts) - 1; i > 0; i-- {
		p := parts[i]
		if strings.HasPrefix(p, "func") || p == "" || p[0] >= '0' && p[0] <= '9' {
			continue
		}
		return strings.Trim(p, "()*")
	}
	return full
}

// lastLine is traceback.format_exception_only: "ValueError: msg\n", the
// module left off for builtins only.
func lastLine(e *py.Exception) string {
	name := e.Class
	if strings.HasPrefix(name, "builtins.") {
		name = e.Name()
	}
	if msg := e.Message(); msg != "" {
		return name + ": " + msg + "\n"
	}
	return name + "\n"
}

// exceptionOf turns a method's error into the exception to send. An
// *Exception is sent as it is (with a traceback made up if it has none);
// other errors become builtins.Exception with their text.
func exceptionOf(err error, method string) *py.Exception {
	var x *Exception
	var e *py.Exception
	if errors.As(err, &x) && x.Exception != nil {
		e = x.Exception
	} else {
		e = &py.Exception{Class: "builtins.Exception", Args: py.Tuple{py.Str(err.Error())}}
	}
	if e.Traceback == nil {
		frame := fmt.Sprintf("  File \"<go>\", line 0, in %s\n", method)
		return &py.Exception{Class: e.Class, Args: e.Args, Attrs: e.Attrs,
			Traceback: []string{"Traceback (most recent call last):\n", frame, lastLine(e)}}
	}
	return e
}

// exceptionDict is Pyro's serialized exception (Pyro4 util.py, Pyro5
// serializers.py class_to_dict): __class__ in the dialect's names,
// __exception__, args, and attributes holding _pyroTraceback. A nil
// traceback is sent as None, as for the stream marker.
func exceptionDict(e *py.Exception, dl *dialect) *py.Dict {
	n := 1
	if e.Attrs != nil {
		n += e.Attrs.Len()
	}
	attrs := py.NewDict(n)
	if e.Attrs != nil {
		for _, it := range e.Attrs.Items() {
			_ = attrs.Set(it.Key, it.Value)
		}
	}
	var tb py.Value = py.None
	if e.Traceback != nil {
		l := make(py.List, len(e.Traceback))
		for i, s := range e.Traceback {
			l[i] = py.Str(s)
		}
		tb = l
	}
	attrs.SetStr("_pyroTraceback", tb)
	args := e.Args
	if args == nil {
		args = py.Tuple{}
	}
	return py.DictOf(py.Str("__class__"), py.Str(dl.class(e.Class)), py.Str("__exception__"), py.Bool(true),
		py.Str("args"), args, py.Str("attributes"), attrs)
}
