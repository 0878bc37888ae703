package shell

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// TestSubscriptThroughACycle: indexing reaches the container a
// py.Recursive stands for, as d['self'] is d in Python.
func TestSubscriptThroughACycle(t *testing.T) {
	d := py.DictOf(py.Str("a"), py.Int(1))
	d.SetStr("self", &py.Recursive{Kind: "dict", Target: d})
	v, err := subscript(d, py.Str("self"))
	if err != nil || v != py.Value(d) {
		t.Fatalf("d['self'] = %v, %v; want d", v, err)
	}
	if got := py.Repr(v); got != "{'a': 1, 'self': {...}}" {
		t.Errorf("repr(d['self']) = %s", got)
	}
	if v, err := subscript(v, py.Str("a")); err != nil || v != py.Int(1) {
		t.Errorf("d['self']['a'] = %v, %v", v, err)
	}
}
