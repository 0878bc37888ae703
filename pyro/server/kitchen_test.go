package server

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// kitchen is the test object: one of each kind of member.
type kitchen struct {
	d      *Daemon
	mu     sync.Mutex
	level  py.Value
	fired  []py.Value
	closed int // iterators closed
	done   chan struct{}
}

func newKitchen(d *Daemon) (*kitchen, *Object) {
	k := &kitchen{d: d, level: py.Int(9), done: make(chan struct{}, 16)}
	o := NewObject("test.Kitchen").
		Method("hello", func(context.Context, []py.Value, *py.Dict) (py.Value, error) { return py.Str("hello"), nil }).
		Method("echo", func(_ context.Context, args []py.Value, _ *py.Dict) (py.Value, error) {
			return py.Tuple(slices.Clone(args)), nil
		}).
		Method("kw", func(_ context.Context, args []py.Value, kwargs *py.Dict) (py.Value, error) {
			a, err := Bind("kw", args, kwargs, 1, "a", "b")
			if err != nil {
				return nil, err
			}
			return py.Tuple(a), nil
		}).
		Method("divide", func(_ context.Context, args []py.Value, _ *py.Dict) (py.Value, error) {
			return nil, Raise("builtins.ZeroDivisionError", py.Str("division by zero"))
		}).
		Method("plain_error", func(context.Context, []py.Value, *py.Dict) (py.Value, error) {
			return nil, errors.New("disk on fire")
		}).
		Oneway("fire", func(_ context.Context, args []py.Value, _ *py.Dict) (py.Value, error) {
			k.mu.Lock()
			k.fired = append(k.fired, args...)
			k.mu.Unlock()
			select {
			case k.done <- struct{}{}:
			default:
			}
			return nil, errors.New("oneway errors go nowhere")
		}).
		Method("fired", func(context.Context, []py.Value, *py.Dict) (py.Value, error) {
			k.mu.Lock()
			defer k.mu.Unlock()
			return py.List(slices.Clone(k.fired)), nil
		}).
		Method("count", func(_ context.Context, args []py.Value, _ *py.Dict) (py.Value, error) {
			n := int64(args[0].(py.Int))
			var i int64
			return Generate(&FuncIterator{
				NextFunc: func(context.Context) (py.Value, bool, error) {
					if i == n {
						return nil, false, nil
					}
					i++
					return py.Int(i - 1), true, nil
				},
				CloseFunc: func() { k.mu.Lock(); k.closed++; k.mu.Unlock() },
			}), nil
		}).
		Method("make_child", func(_ context.Context, args []py.Value, _ *py.Dict) (py.Value, error) {
			name := py.StrOf(args[0])
			child := NewObject("test.Child").Method("hello", func(context.Context, []py.Value, *py.Dict) (py.Value, error) {
				return py.Str("child " + name), nil
			})
			d.Register("child."+name, child)
			return child, nil
		}).
		Attr("level", func() py.Value { k.mu.Lock(); defer k.mu.Unlock(); return k.level },
			func(v py.Value) error { k.mu.Lock(); defer k.mu.Unlock(); k.level = v; return nil }).
		Attr("name", func() py.Value { return py.Str("kitchen") }, nil)
	return k, o
}

func (k *kitchen) closedIters() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.closed
}

// waitClosedIters waits up to testDeadline for want iterators to have been
// closed and returns how many were.
func (k *kitchen) waitClosedIters(want int) int {
	for deadline := time.Now().Add(testDeadline); k.closedIters() != want && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	return k.closedIters()
}
