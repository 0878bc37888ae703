package printer

import (
	"bytes"
	"errors"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// TestRecursiveValues: a value that holds itself prints as Python's repr
// in the repr and pretty formats, whole or element by element, and the
// json format refuses it with ErrRecursive, writing nothing of it.
func TestRecursiveValues(t *testing.T) {
	rec := py.List{py.Int(1), py.Int(2), &py.Recursive{Kind: "list"}}
	d := py.DictOf(py.Str("self"), &py.Recursive{Kind: "dict"})
	for _, c := range []struct {
		v    py.Value
		want string
	}{{rec, "[1, 2, [...]]\n"}, {d, "{'self': {...}}\n"}} {
		for _, f := range []Format{Repr, Pretty} {
			if got := render(t, c.v, f, 80, false); got != c.want {
				t.Errorf("-o %v: %q, want %q", f, got, c.want)
			}
		}
		var out bytes.Buffer
		if err := New(&out, JSON, 80, false).Value(c.v); !errors.Is(err, ErrRecursive) || out.Len() != 0 {
			t.Errorf("-o json: %v, wrote %q", err, out.String())
		}
		out.Reset()
		err := New(&out, JSON, 80, false).Items(&listSource{items: []py.Value{py.Int(0), c.v}})
		if !errors.Is(err, ErrRecursive) || out.Len() != 0 {
			t.Errorf("-o json element by element: %v, wrote %q", err, out.String())
		}
	}
}

// listSource hands out items one by one, as a codec's Items does.
type listSource struct{ items []py.Value }

func (s *listSource) IsTuple() bool { return false }

func (s *listSource) Next() (py.Value, bool, error) {
	if len(s.items) == 0 {
		return nil, false, nil
	}
	v := s.items[0]
	s.items = s.items[1:]
	return v, true, nil
}
