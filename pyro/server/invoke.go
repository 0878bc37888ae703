package server

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/wire"
)

// invoke answers one INVOKE (core.py Daemon.handleRequest) and reports
// whether the connection may go on.
func (c *conn) invoke(m *message) bool {
	cd, ok := c.d.codecs[m.serializer]
	if !ok {
		// There is no serializer to answer in; Pyro4 fails the same way.
		c.d.log.Info("pyro daemon: invoke with a serializer not accepted", "id", m.serID)
		return false
	}
	oneway := m.oneway
	call, err := codec.DecodeCall(cd, m.data, c.budget.decodeBudget(len(m.data)))
	if err != nil {
		if oneway {
			return true
		}
		class := "Pyro4.errors.SerializeError"
		if errors.Is(err, codec.ErrTooLarge) {
			// The message was read whole, so the connection stays in step.
			class = "Pyro4.errors.MessageTooLargeError"
		}
		return c.sendException(cd, m, Raise(class, py.Str(err.Error())).Exception, "")
	}
	batch := m.batch
	if oneway {
		f, args, kwargs, exc := c.lookup(call, batch)
		if exc != nil {
			return true // oneway: no reply, not even for an error
		}
		run := func() {
			v, _ := f(context.WithValue(c.d.ctx, protocolKey{}, c.f.version()), args, kwargs)
			if g, ok := v.(generator); ok {
				g.it.Close()
			}
		}
		select {
		case c.d.oneway <- struct{}{}:
		default:
			// Every oneway slot is taken: run this one here, so a flood
			// of oneway calls waits on its own connection instead of
			// piling up goroutines.
			run()
			return true
		}
		// The call keeps its arguments: their memory stays charged to
		// the daemon until it returns.
		held := c.budget.detach()
		c.d.wg.Add(1)
		go func() {
			defer c.d.wg.Done()
			defer func() { <-c.d.oneway; c.d.mem.give(held) }()
			run()
		}()
		return true
	}
	f, args, kwargs, exc := c.lookup(call, batch)
	if exc != nil {
		return c.sendException(cd, m, exc.Exception, call.Method)
	}
	v, err := f(c.ctx, args, kwargs)
	if err != nil {
		return c.sendException(cd, m, exceptionOf(err, call.Method), call.Method)
	}
	if g, ok := v.(generator); ok {
		return c.sendStream(cd, m, g.it, call.Method)
	}
	if batch {
		if cd.Name() == "marshal" && hasWrapper(v) {
			// marshal cannot carry Pyro4.futures._ExceptionWrapper;
			// Pyro4 then fails the whole reply the same way.
			return c.sendException(cd, m, Raise("builtins.ValueError", py.Str("unmarshallable object")).Exception, call.Method)
		}
	}
	wv, err := c.toWire(v, 0)
	if err != nil {
		return c.sendException(cd, m, exceptionOf(err, call.Method), call.Method)
	}
	data, err := cd.Encode(nil, wv)
	if err != nil {
		exc := Raise("Pyro4.errors.SerializeError", py.Str(err.Error()))
		return c.sendException(cd, m, exc.Exception, call.Method)
	}
	return c.send(&message{typ: wire.Result, batch: batch, seq: m.seq, serializer: cd.Name(),
		corrID: corr(m), data: data}, true, call.Method)
}

// sendException sends exc as an exception reply (flag 0x01; Pyro4's
// framing leaves out the CORR annotation, as Pyro4 does). A Pyro5
// connection is closed after a SerializeError, SecurityError or
// CommunicationError, as Pyro5's daemon does.
func (c *conn) sendException(cd codec.Codec, m *message, exc *py.Exception, method string) bool {
	d := exceptionDict(exc, c.dl)
	data, err := cd.Encode(nil, d)
	if err != nil {
		d = exceptionDict(Raise("Pyro4.errors.PyroError", py.Str("Error serializing exception: "+err.Error())).Exception, c.dl)
		if data, err = cd.Encode(nil, d); err != nil {
			return false
		}
	}
	class, _ := d.GetStr("__class__")
	return c.send(&message{typ: wire.Result, exception: true, seq: m.seq, serializer: cd.Name(),
		corrID: corr(m), data: data}, true, method) && !c.dl.closes(py.StrOf(class))
}

// sendStream registers it on the connection and announces the stream:
// flags ITEMSTREAMRESULT|EXCEPTION, the STRM annotation, a ProtocolError
// payload with no traceback, no CORR.
func (c *conn) sendStream(cd codec.Codec, m *message, it Iterator, method string) bool {
	_, id := uuid4()
	c.mu.Lock()
	if c.streams == nil {
		c.mu.Unlock()
		it.Close()
		return false
	}
	c.streams[id] = it
	c.mu.Unlock()
	marker := &py.Exception{Class: "Pyro4.errors.ProtocolError", Args: py.Tuple{py.Str("result of call is an iterator")}}
	data, err := cd.Encode(nil, exceptionDict(marker, c.dl))
	if err != nil {
		return false
	}
	return c.send(&message{typ: wire.Result, stream: true, exception: true, seq: m.seq, serializer: cd.Name(),
		annotations: []wire.Annotation{{Key: "STRM", Value: []byte(id)}}, corrID: corr(m), data: data}, true, method)
}

// lookup finds what a call runs: a method, an attribute access, a batch,
// or a method of the daemon object.
func (c *conn) lookup(call *codec.Call, batch bool) (Func, []py.Value, *py.Dict, *Exception) {
	args, kwargs := call.Args, call.Kwargs
	if call.Object == DaemonObjectID {
		f, exc := c.daemonMethod(call.Method)
		return f, args, kwargs, exc
	}
	obj, ok := c.d.object(call.Object)
	if !ok {
		return nil, nil, nil, Raise("Pyro4.errors.DaemonError", py.Str("unknown object"))
	}
	if batch {
		return func(ctx context.Context, args []py.Value, _ *py.Dict) (py.Value, error) {
			return c.runBatch(ctx, obj, args), nil
		}, args, nil, nil
	}
	switch call.Method {
	case "__getattr__", "__setattr__":
		return c.attrAccess(obj, call.Method), args, nil, nil
	}
	f, exc := obj.method(call.Method)
	return f, args, kwargs, exc
}

// method finds an exposed method, with Pyro4's AttributeError wording.
func (o *Object) method(name string) (Func, *Exception) {
	if strings.HasPrefix(name, "_") {
		return nil, Raise("builtins.AttributeError", py.Str(fmt.Sprintf("attempt to access private attribute '%s'", name)))
	}
	f, ok := o.methods[name]
	if !ok {
		return nil, Raise("builtins.AttributeError", py.Str(fmt.Sprintf("'%s' object has no attribute '%s'", o.shortClass(), name)))
	}
	return f, nil
}

func (o *Object) shortClass() string {
	if i := strings.LastIndexByte(o.class, '.'); i >= 0 {
		return o.class[i+1:]
	}
	return o.class
}

// attrAccess serves __getattr__(name) and __setattr__(name, value)
// (util.py get/set_exposed_property_value).
func (c *conn) attrAccess(obj *Object, method string) Func {
	return func(ctx context.Context, args []py.Value, _ *py.Dict) (py.Value, error) {
		want := 1
		if method == "__setattr__" {
			want = 2
		}
		if len(args) != want {
			return nil, Raise("builtins.TypeError", py.Str(fmt.Sprintf("%s expected %d arguments, got %d", method, want, len(args))))
		}
		name, _ := args[0].(py.Str)
		a, ok := obj.attrs[string(name)]
		if method == "__getattr__" {
			if !ok {
				return nil, Raise("builtins.AttributeError", py.Str(fmt.Sprintf("type object '%s' has no attribute '%s'", obj.shortClass(), name)))
			}
			return a.get(), nil
		}
		if !ok || a.set == nil {
			return nil, Raise("builtins.AttributeError", py.Str(fmt.Sprintf("attempt to access unexposed or unknown remote attribute '%s'", name)))
		}
		return py.None, a.set(args[1])
	}
}

// runBatch runs the calls of a batch in order and stops at the first
// that raises, whose exception ends the list wrapped as Pyro4's
// futures._ExceptionWrapper.
func (c *conn) runBatch(ctx context.Context, obj *Object, calls []py.Value) py.Value {
	results := make(py.List, 0, len(calls))
	for _, raw := range calls {
		v, err := c.batchCall(ctx, obj, raw)
		if err != nil {
			return append(results, exceptionWrapper{exceptionOf(err, "<batch>")})
		}
		results = append(results, v)
	}
	return results
}

func (c *conn) batchCall(ctx context.Context, obj *Object, raw py.Value) (py.Value, error) {
	var parts []py.Value
	switch x := raw.(type) {
	case py.Tuple:
		parts = x
	case py.List:
		parts = x
	}
	if len(parts) != 3 {
		return nil, Raise("builtins.ValueError", py.Str("a batch call is not (method, args, kwargs)"))
	}
	name, _ := parts[0].(py.Str)
	var args []py.Value
	switch a := parts[1].(type) {
	case py.Tuple:
		args = a
	case py.List:
		args = a
	}
	kwargs, _ := parts[2].(*py.Dict)
	f, exc := obj.method(string(name))
	if exc != nil {
		return nil, exc
	}
	v, err := f(ctx, args, kwargs)
	if err != nil {
		return nil, err
	}
	if g, ok := v.(generator); ok {
		g.it.Close()
		return nil, Raise("Pyro4.errors.PyroError", py.Str("streams are not supported in batch calls"))
	}
	return v, nil
}

// exceptionWrapper is a failed call inside a batch result.
type exceptionWrapper struct{ exc *py.Exception }

func (w exceptionWrapper) AppendRepr(dst []byte) []byte { return w.exc.AppendRepr(dst) }

func hasWrapper(v py.Value) bool {
	l, _ := v.(py.List)
	for _, e := range l {
		if _, ok := e.(exceptionWrapper); ok {
			return true
		}
	}
	return false
}
