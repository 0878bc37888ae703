package demo

import (
	"context"
	"errors"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
)

func ctx10(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestStartFallsBackWhenThePortIsTaken(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := busy.Addr().(*net.TCPAddr).Port
	r, err := Start(ctx10(t), "127.0.0.1", port)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if !r.Fallback || strings.HasSuffix(r.Addr, ":"+strconv.Itoa(port)) {
		t.Errorf("Addr %s Fallback %v, want another port than %d", r.Addr, r.Fallback, port)
	}
	want := "PYRO:Showcase@" + r.Addr
	if got := r.URIs()[ShowcaseID]; got != want {
		t.Errorf("Showcase URI %s, want %s", got, want)
	}
	p, err := pyro.Dial(ctx10(t), r.URIs()[ExampleID])
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if v, err := p.Call(ctx10(t), "hello", nil, nil); err != nil || py.Repr(v) != "'hello'" {
		t.Errorf("hello = %v, %v", v, err)
	}
}

func TestStartStopsWithTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	r, err := Start(ctx, "127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	select {
	case <-r.Done():
		if r.Err() != nil {
			t.Errorf("Err = %v", r.Err())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("daemon still running after its context ended")
	}
}

func TestShowcaseFromGo(t *testing.T) {
	r := startTest(t)
	ctx := ctx10(t)
	p, err := pyro.Dial(ctx, r.URIs()[ShowcaseID])
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	call := func(method string, args []py.Value, kwargs *py.Dict) string {
		t.Helper()
		v, err := p.Call(ctx, method, args, kwargs)
		if err != nil {
			t.Fatalf("%s: %v", method, err)
		}
		return py.Repr(v)
	}
	// serpent carries a frozenset as a set literal, as it does for
	// Python.
	types := call("types", nil, nil)
	for _, want := range []string{"'big_int': 1180591620717411303424", "'negative_zero': -0.0", "'nan': nan", "'inf': inf",
		"'complex': (1-2.5j)", `'bytes': b'\x00\xffab'`, "'one_tuple': (1,)", "{1: 'one', 2: 'two'}", "{(1, 2): 'pair'}",
		"'set': {1, 2, 3}", "'frozenset': {'x', 'y'}", `\x00`, "é€😀"} {
		if !strings.Contains(types, want) {
			t.Errorf("types() lacks %s:\n%s", want, types)
		}
	}
	if got := call("greet", []py.Value{py.Str("ann")}, py.DictOf(py.Str("greeting"), py.Str("hi"))); got != "'hi, ann!'" {
		t.Errorf("greet = %s", got)
	}
	if got := call("big", []py.Value{py.Int(3)}, nil); !strings.HasPrefix(got, "[{'id': 0, 'name': 'item0', 'score': 0.0, 'tags': ['a', 'b']}, ") {
		t.Errorf("big(3) = %s", got)
	}
	_, err = p.Call(ctx, "divide", []py.Value{py.Int(1), py.Int(0)}, nil)
	var re *pyro.RemoteError
	if !errors.As(err, &re) || re.Exception.Class != "builtins.ZeroDivisionError" ||
		!strings.HasPrefix(re.Exception.Traceback[1], `  File "showcase.go", line `) || !strings.HasSuffix(re.Exception.Traceback[1], ", in divide\n") {
		t.Errorf("divide(1, 0): %v %q", err, re.Exception.Traceback)
	}
	v, err := p.Call(ctx, "slow_count", []py.Value{py.Int(2)}, py.DictOf(py.Str("delay"), py.Float(0.01)))
	s, ok := v.(*pyro.Stream)
	if err != nil || !ok {
		t.Fatalf("slow_count = %v, %v", v, err)
	}
	for want := range 2 {
		item, ok, err := s.Next(ctx)
		if err != nil || !ok || item != py.Int(want) {
			t.Fatalf("item %d = %v %v %v", want, item, ok, err)
		}
	}
	if _, ok, err := s.Next(ctx); ok || err != nil {
		t.Errorf("after the end: %v %v", ok, err)
	}
	if got := call("sleep", []py.Value{py.Float(0.01)}, nil); got != "0.01" {
		t.Errorf("sleep = %s", got)
	}
	if err := p.Set(ctx, "name", py.Str("x")); err == nil {
		t.Error("name is writable")
	}
}

func TestCloseInterruptsSleep(t *testing.T) {
	r := startTest(t)
	ctx := ctx10(t)
	p, err := pyro.Dial(ctx, r.URIs()[ShowcaseID])
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	errc := make(chan error, 1)
	go func() { _, err := p.Call(ctx, "sleep", []py.Value{py.Int(60)}, nil); errc <- err }()
	time.Sleep(50 * time.Millisecond)
	r.Close()
	select {
	case err := <-errc:
		if err == nil {
			t.Error("sleep(60) returned normally after Close")
		}
	case <-ctx.Done():
		t.Fatal("sleep(60) still running after Close")
	}
}

func TestMakeChildIsBounded(t *testing.T) {
	r, err := Start(ctx10(t), "127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	p, err := pyro.Dial(ctx10(t), r.URIs()[ShowcaseID])
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	for i := range maxChildren + 10 {
		if _, err := p.Call(ctx10(t), "make_child", []py.Value{py.Str(strconv.Itoa(i))}, nil); err != nil {
			t.Fatal(err)
		}
	}
	d, err := pyro.Dial(ctx10(t), "PYRO:Pyro.Daemon@"+r.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	v, err := d.Call(ctx10(t), "registered", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	ids, _ := v.(py.List)
	// Pyro.Daemon, Example, Showcase and the newest children.
	if len(ids) != 3+maxChildren {
		t.Fatalf("%d objects registered, want %d", len(ids), 3+maxChildren)
	}
	if !strings.Contains(py.Repr(v), "'child."+strconv.Itoa(maxChildren+9)+"'") || strings.Contains(py.Repr(v), "'child.0'") {
		t.Fatalf("the oldest children should have gone, the newest stayed")
	}
}
