package demo

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/server"
)

// maxBig bounds big(n), so a typo cannot make the demo allocate gigabytes.
const maxBig = 1_000_000

// maxChildren bounds the objects make_child keeps registered: past it the
// oldest is unregistered, so a client calling it in a loop cannot grow the
// daemon without end.
const maxChildren = 1000

// showcase is the state behind the Showcase object.
type showcase struct {
	d        *server.Daemon
	mu       sync.Mutex
	value    py.Value
	fired    int64
	children []string // ids of make_child's objects, oldest first
}

// NewShowcase returns the Showcase object; d is the daemon it registers
// the children of make_child on.
func NewShowcase(d *server.Daemon) *server.Object {
	s := &showcase{d: d, value: py.Int(42)}
	return server.NewObject("demo.Showcase").
		Method("hello", hello).
		Method("echo", echo).
		Method("types", s.types).
		Method("divide", s.divide).
		Method("greet", s.greet).
		Oneway("fire", s.fire).
		Method("fired", s.firedCount).
		Method("count", s.count).
		Method("slow_count", s.slowCount).
		Method("sleep", s.sleep).
		Method("make_child", s.makeChild).
		Method("big", s.big).
		Attr("value", s.getValue, s.setValue).
		Attr("name", func() py.Value { return py.Str("showcase") }, nil)
}

func (s *showcase) types(_ context.Context, args []py.Value, kwargs *py.Dict) (py.Value, error) {
	if _, err := server.Bind("types", args, kwargs, 0); err != nil {
		return nil, err
	}
	return allTypes(), nil
}

// number reads an int or float argument.
func number(method, name string, v py.Value) (float64, error) {
	switch x := v.(type) {
	case py.Int:
		return float64(x), nil
	case py.Float:
		return float64(x), nil
	case py.Bool:
		if x {
			return 1, nil
		}
		return 0, nil
	}
	return 0, server.Raise("builtins.TypeError", py.Str(fmt.Sprintf("%s() argument %s must be a number, not %s", method, name, py.TypeName(v))))
}

// divide(a, b) is a / b; b == 0 raises ZeroDivisionError with a traceback.
func (s *showcase) divide(_ context.Context, args []py.Value, kwargs *py.Dict) (py.Value, error) {
	a, err := server.Bind("divide", args, kwargs, 2, "a", "b")
	if err != nil {
		return nil, err
	}
	x, err := number("divide", "a", a[0])
	if err != nil {
		return nil, err
	}
	y, err := number("divide", "b", a[1])
	if err != nil {
		return nil, err
	}
	if y == 0 {
		return nil, server.Raise("builtins.ZeroDivisionError", py.Str("division by zero"))
	}
	return py.Float(x / y), nil
}

// greet(name, greeting="hello", punctuation="!") shows keyword arguments.
func (s *showcase) greet(_ context.Context, args []py.Value, kwargs *py.Dict) (py.Value, error) {
	a, err := server.Bind("greet", args, kwargs, 1, "name", "greeting", "punctuation")
	if err != nil {
		return nil, err
	}
	if a[1] == nil {
		a[1] = py.Str("hello")
	}
	if a[2] == nil {
		a[2] = py.Str("!")
	}
	return py.Str(py.StrOf(a[1]) + ", " + py.StrOf(a[0]) + py.StrOf(a[2])), nil
}

func (s *showcase) getValue() py.Value {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.value
}

func (s *showcase) setValue(v py.Value) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.value = v
	return nil
}

// fire(n) is oneway: it adds n to the count fired() returns.
func (s *showcase) fire(_ context.Context, args []py.Value, kwargs *py.Dict) (py.Value, error) {
	a, err := server.Bind("fire", args, kwargs, 0, "n")
	if err != nil {
		return nil, err
	}
	n := int64(1)
	if v, ok := a[0].(py.Int); ok {
		n = int64(v)
	}
	s.mu.Lock()
	s.fired += n
	s.mu.Unlock()
	return py.None, nil
}

func (s *showcase) firedCount(_ context.Context, args []py.Value, kwargs *py.Dict) (py.Value, error) {
	if _, err := server.Bind("fired", args, kwargs, 0); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return py.Int(s.fired), nil
}

func intArg(method, name string, v py.Value) (int64, error) {
	i, ok := v.(py.Int)
	if !ok {
		return 0, server.Raise("builtins.TypeError", py.Str(fmt.Sprintf("%s() argument %s must be int, not %s", method, name, py.TypeName(v))))
	}
	return int64(i), nil
}

// count(n) is a generator of 0 .. n-1.
func (s *showcase) count(_ context.Context, args []py.Value, kwargs *py.Dict) (py.Value, error) {
	a, err := server.Bind("count", args, kwargs, 1, "n")
	if err != nil {
		return nil, err
	}
	n, err := intArg("count", "n", a[0])
	if err != nil {
		return nil, err
	}
	return server.Generate(counter(n, 0)), nil
}

// slow_count(n, delay=0.5) is count(n) waiting delay seconds before each
// item.
func (s *showcase) slowCount(_ context.Context, args []py.Value, kwargs *py.Dict) (py.Value, error) {
	a, err := server.Bind("slow_count", args, kwargs, 1, "n", "delay")
	if err != nil {
		return nil, err
	}
	n, err := intArg("slow_count", "n", a[0])
	if err != nil {
		return nil, err
	}
	delay := 0.5
	if a[1] != nil {
		if delay, err = number("slow_count", "delay", a[1]); err != nil {
			return nil, err
		}
	}
	return server.Generate(counter(n, time.Duration(delay*float64(time.Second)))), nil
}

func counter(n int64, delay time.Duration) server.Iterator {
	var i int64
	return &server.FuncIterator{NextFunc: func(ctx context.Context) (py.Value, bool, error) {
		if i >= n {
			return nil, false, nil
		}
		if delay > 0 {
			if err := wait(ctx, delay); err != nil {
				return nil, false, err
			}
		}
		i++
		return py.Int(i - 1), true, nil
	}}
}

// wait sleeps for d unless ctx ends first (the connection closed or the
// daemon stopped).
func wait(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return server.Raise("builtins.InterruptedError", py.Str("the daemon is shutting down"))
	}
}

// sleep(seconds) waits and returns seconds.
func (s *showcase) sleep(ctx context.Context, args []py.Value, kwargs *py.Dict) (py.Value, error) {
	a, err := server.Bind("sleep", args, kwargs, 1, "seconds")
	if err != nil {
		return nil, err
	}
	secs, err := number("sleep", "seconds", a[0])
	if err != nil {
		return nil, err
	}
	if secs < 0 || math.IsNaN(secs) || secs > 24*3600 {
		return nil, server.Raise("builtins.ValueError", py.Str("sleep length must be between 0 and 86400 seconds"))
	}
	if err := wait(ctx, time.Duration(secs*float64(time.Second))); err != nil {
		return nil, err
	}
	return a[0], nil
}

// make_child(name) registers a new child object and returns a proxy to
// it.
func (s *showcase) makeChild(_ context.Context, args []py.Value, kwargs *py.Dict) (py.Value, error) {
	a, err := server.Bind("make_child", args, kwargs, 1, "name")
	if err != nil {
		return nil, err
	}
	name := py.StrOf(a[0])
	child := server.NewObject("demo.Child").
		Method("hello", func(_ context.Context, args []py.Value, kwargs *py.Dict) (py.Value, error) {
			if _, err := server.Bind("hello", args, kwargs, 0); err != nil {
				return nil, err
			}
			return py.Str("hello from " + name), nil
		}).
		Attr("name", func() py.Value { return py.Str(name) }, nil)
	id := "child." + name
	s.d.Register(id, child)
	s.mu.Lock()
	s.children = append(slices.DeleteFunc(s.children, func(c string) bool { return c == id }), id)
	var drop []string
	if n := len(s.children) - maxChildren; n > 0 {
		drop = slices.Clone(s.children[:n])
		s.children = slices.Delete(s.children, 0, n)
	}
	s.mu.Unlock()
	for _, old := range drop {
		s.d.Unregister(old)
	}
	return child, nil
}

// big(n) returns n small dicts, for paging and benchmarks.
func (s *showcase) big(_ context.Context, args []py.Value, kwargs *py.Dict) (py.Value, error) {
	a, err := server.Bind("big", args, kwargs, 1, "n")
	if err != nil {
		return nil, err
	}
	n, err := intArg("big", "n", a[0])
	if err != nil {
		return nil, err
	}
	if n < 0 || n > maxBig {
		return nil, server.Raise("builtins.ValueError", py.Str(fmt.Sprintf("n must be between 0 and %d", maxBig)))
	}
	out := make(py.List, n)
	tags := py.List{py.Str("a"), py.Str("b")}
	for i := range out {
		out[i] = py.DictOf(py.Str("id"), py.Int(i), py.Str("name"), py.Str(fmt.Sprintf("item%d", i)),
			py.Str("score"), py.Float(float64(i)*0.5), py.Str("tags"), tags)
	}
	return out, nil
}
