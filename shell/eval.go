package shell

import (
	"context"
	"fmt"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/shell/lang"
)

// localError is an error of evaluation on this side (an unknown name, a
// bad subscript): shown like the Python exception it imitates, marked
// "(local)", with the status of a remote exception.
type localError struct {
	class, msg string
}

func (e *localError) Error() string { return e.class + ": " + e.msg }

func localf(class, format string, args ...any) error {
	return &localError{class: class, msg: fmt.Sprintf(format, args...)}
}

// onewayResult is what a oneway call returns.
type onewayResult struct{}

func (onewayResult) AppendRepr(dst []byte) []byte { return append(dst, "None"...) }

// remoteMethod is obj.method without the parentheses: callable later,
// printed as <remote method echo of PYRO:...>.
type remoteMethod struct {
	r    *remote
	name string
}

func (m *remoteMethod) AppendRepr(dst []byte) []byte {
	dst = append(dst, "<remote method "...)
	dst = append(dst, m.name...)
	dst = append(dst, " of "...)
	dst = append(dst, m.r.resolved().String()...)
	return append(dst, '>')
}

// PyType names the type in error messages.
func (m *remoteMethod) PyType() string { return "method" }

// exec runs one parsed statement.
func (s *session) exec(ctx context.Context, st lang.Stmt) error {
	switch st := st.(type) {
	case *lang.ExprStmt:
		if s.isBareExit(st.X) {
			return &quitRequest{}
		}
		v, err := s.eval(ctx, st.X)
		if err != nil {
			return err
		}
		return s.show(ctx, v)
	case *lang.Assign:
		switch t := st.Target.(type) {
		case *lang.Name:
			v, err := s.value(ctx, st.Value)
			if err != nil {
				return err
			}
			if _, ok := v.(onewayResult); ok {
				v = py.None
			}
			s.vars[t.Name] = v
			s.prefetch(v)
			return nil
		case *lang.Attr:
			v, err := s.value(ctx, st.Value)
			if err != nil {
				return err
			}
			return s.setAttr(ctx, t, v)
		}
	case *lang.AugAssign:
		return s.augAssign(ctx, st)
	case *lang.Del:
		for _, n := range st.Names {
			if _, ok := s.vars[n.Name]; !ok {
				return localf("NameError", "name '%s' is not defined", n.Name)
			}
		}
		for _, n := range st.Names {
			s.unbind(n.Name)
		}
		return nil
	}
	return fmt.Errorf("unsupported statement %T", st)
}

// setAttr writes the remote attribute t.
func (s *session) setAttr(ctx context.Context, t *lang.Attr, v py.Value) error {
	r, err := s.remoteOf(ctx, t.X)
	if err != nil {
		return err
	}
	p, err := s.dial(ctx, r)
	if err != nil {
		return err
	}
	w, err := wire(v)
	if err != nil {
		return err
	}
	cctx, cancel := s.callCtx(ctx)
	defer cancel()
	return p.Set(cctx, t.Name, w)
}

// augAssign is target OP= value: the target is read (a remote attribute
// with one call), combined locally, and written back (with another), as
// Python does with a proxy's attribute.
func (s *session) augAssign(ctx context.Context, st *lang.AugAssign) error {
	old, err := s.value(ctx, st.Target)
	if err != nil {
		return err
	}
	if _, ok := old.(*remoteMethod); ok {
		return localf("TypeError", "%s is a remote method, not an attribute", st.Target.(*lang.Attr).Name)
	}
	v, err := s.value(ctx, st.Value)
	if err != nil {
		return err
	}
	nv, err := binaryOp(st.Op, old, v)
	if err != nil {
		return err
	}
	switch t := st.Target.(type) {
	case *lang.Name:
		s.vars[t.Name] = nv
		return nil
	case *lang.Attr:
		return s.setAttr(ctx, t, nv)
	}
	return fmt.Errorf("unsupported target %T", st.Target)
}

// value evaluates x and drains a remote iterator into a list, for
// assignments and arguments. A stream that passes the bound of collector
// is closed (close_stream) and is a usage error.
func (s *session) value(ctx context.Context, x lang.Expr) (py.Value, error) {
	v, err := s.eval(ctx, x)
	if err != nil {
		return nil, err
	}
	st, ok := v.(*pyro.Stream)
	if !ok {
		return v, nil
	}
	defer st.Close()
	defer s.o.IO.OnBrokenPipe(st.Close)() // `pyrosh -f script | head` stops it
	c := newCollector()
	for {
		item, ok, err := s.next(ctx, st)
		if err != nil {
			return nil, err
		}
		if !ok {
			return c.items, nil
		}
		if !c.add(item) {
			// The deferred Close sends close_stream, as Ctrl+C does.
			return nil, usagef("the generator passed %s, the most a name or an argument can hold: iterate it at the prompt to print its items", boundText())
		}
	}
}

func (s *session) next(ctx context.Context, st *pyro.Stream) (py.Value, bool, error) {
	cctx, cancel := s.callCtx(ctx)
	defer cancel()
	return st.Next(cctx)
}

// wire turns shell values into what a remote call can carry: a remote
// object goes as its proxy; a remote method cannot go at all.
func wire(v py.Value) (py.Value, error) {
	switch x := v.(type) {
	case *remote:
		return x.ref(), nil
	case onewayResult:
		return py.None, nil
	case *remoteMethod:
		return nil, localf("TypeError", "cannot send remote method %s; call it with ()", x.name)
	case *builtin:
		return nil, localf("TypeError", "cannot send the builtin %s; call it with ()", x.name)
	}
	return v, nil
}

func (s *session) eval(ctx context.Context, x lang.Expr) (py.Value, error) {
	switch x := x.(type) {
	case *lang.Lit:
		return x.Value, nil
	case *lang.Name:
		return s.lookup(x)
	case *lang.Attr:
		return s.attr(ctx, x)
	case *lang.Call:
		return s.call(ctx, x)
	case *lang.Index:
		v, err := s.value(ctx, x.X)
		if err != nil {
			return nil, err
		}
		if sl, ok := x.Index.(*lang.Slice); ok {
			var parts [3]py.Value
			for i, e := range []lang.Expr{sl.Lo, sl.Hi, sl.Step} {
				if e == nil {
					continue
				}
				if parts[i], err = s.value(ctx, e); err != nil {
					return nil, err
				}
			}
			return sliceOf(v, parts[0], parts[1], parts[2])
		}
		i, err := s.value(ctx, x.Index)
		if err != nil {
			return nil, err
		}
		return subscript(v, i)
	case *lang.Starred:
		return nil, localf("SyntaxError", "can't use starred expression here")
	}
	return nil, fmt.Errorf("unsupported expression %T", x)
}

// remoteOf evaluates x, which must be a remote object.
func (s *session) remoteOf(ctx context.Context, x lang.Expr) (*remote, error) {
	v, err := s.eval(ctx, x)
	if err != nil {
		return nil, err
	}
	if r := s.remoteFor(v); r != nil {
		return r, nil
	}
	return nil, localf("AttributeError", "'%s' object has no remote attributes", py.TypeName(v))
}

// attr reads obj.name: an exposed attribute is fetched, a method is
// returned uncalled.
func (s *session) attr(ctx context.Context, x *lang.Attr) (py.Value, error) {
	v, err := s.eval(ctx, x.X)
	if err != nil {
		return nil, err
	}
	r := s.remoteFor(v)
	if r == nil {
		if e, ok := v.(*py.Exception); ok {
			return exceptionAttr(e, x.Name)
		}
		return nil, localf("AttributeError", "'%s' object has no attribute '%s'", py.TypeName(v), x.Name)
	}
	md, err := s.metadata(ctx, r)
	if err != nil {
		return nil, err
	}
	if md.HasMethod(x.Name) && !md.HasAttr(x.Name) {
		return &remoteMethod{r: r, name: x.Name}, nil
	}
	p, err := s.dial(ctx, r)
	if err != nil {
		return nil, err
	}
	cctx, cancel := s.callCtx(ctx)
	defer cancel()
	return p.Get(cctx, x.Name)
}

// call makes a remote call (a oneway call yields onewayResult) or calls
// a builtin.
func (s *session) call(ctx context.Context, x *lang.Call) (py.Value, error) {
	var m *remoteMethod
	if a, ok := x.Fn.(*lang.Attr); ok {
		r, err := s.remoteOf(ctx, a.X)
		if err != nil {
			return nil, err
		}
		m = &remoteMethod{r: r, name: a.Name}
	} else {
		if n, ok := x.Fn.(*lang.Name); ok && (n.Name == "exit" || n.Name == "quit") {
			if _, shadowed := s.vars[n.Name]; !shadowed {
				return s.callBuiltin(ctx, builtins[n.Name], x)
			}
		}
		fn, err := s.eval(ctx, x.Fn)
		if err != nil {
			return nil, err
		}
		if b, ok := fn.(*builtin); ok {
			return s.callBuiltin(ctx, b, x)
		}
		if m, ok = fn.(*remoteMethod); !ok {
			return nil, localf("TypeError", "'%s' object is not callable", py.TypeName(fn))
		}
	}
	// The positional arguments go into the session's scratch slice,
	// taken while in use (a call among the arguments gets its own) and
	// given back cleared: the proxy keeps nothing of them.
	scratch := s.argScratch
	s.argScratch = nil
	args, kwargs, err := s.arguments(ctx, x, scratch[:0])
	var v py.Value
	if err == nil {
		v, err = s.callRemote(ctx, m, args, kwargs)
	}
	// No defer gives the slice back: a function with two defers and this
	// many returns gets no open-coded defers, and the runtime's deferred
	// calls cost ~250 instructions a statement.
	if cap(args) <= maxArgScratch {
		clear(args)
		s.argScratch = args[:0]
	}
	return v, err
}

// callRemote calls the remote method m with args and kwargs (a oneway
// method yields onewayResult).
func (s *session) callRemote(ctx context.Context, m *remoteMethod, args []py.Value, kwargs *py.Dict) (py.Value, error) {
	p, err := s.dial(ctx, m.r)
	if err != nil {
		return nil, err
	}
	md := p.Metadata()
	oneway := md.IsOneway(m.name)
	cctx, cancel := s.callCtx(ctx)
	defer cancel()
	v, err := p.Call(cctx, m.name, args, kwargs)
	if err != nil {
		return nil, err
	}
	if v == nil && oneway {
		return onewayResult{}, nil
	}
	return v, nil
}

// show prints a statement's value and makes it `_`. A remote iterator is
// printed item by item as the items arrive; `_` is then the list of them,
// or None with a note when they passed the bound of collector.
func (s *session) show(ctx context.Context, v py.Value) error {
	if _, ok := v.(onewayResult); ok {
		s.infof("(oneway, no result)")
		return nil
	}
	s.pr.SetWidth(s.o.IO.TerminalWidth())
	st, ok := v.(*pyro.Stream)
	if !ok {
		s.vars["_"] = v
		s.prefetch(v)
		return s.pr.Value(v)
	}
	defer st.Close()
	defer s.o.IO.OnBrokenPipe(st.Close)() // `pyrosh -f script | head` stops it
	c := newCollector()
	defer func() {
		if c.over {
			s.vars["_"] = py.None
			s.infof("(_ not set: the stream passed %s)", boundText())
			return
		}
		s.vars["_"] = c.items
	}()
	for {
		s.flushOut() // the items so far show while the next is awaited
		item, ok, err := s.next(ctx, st)
		if err != nil || !ok {
			return err
		}
		c.add(item)
		if err := s.pr.Value(item); err != nil {
			return err
		}
	}
}
