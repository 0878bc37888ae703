package codec

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/py"
)

func TestExceptionDict(t *testing.T) {
	tests := []struct {
		name string
		e    *py.Exception
		want string
	}{
		{"bare exception", &py.Exception{Class: "builtins.ValueError"},
			"{'__class__': 'builtins.ValueError', '__exception__': True, 'args': (), 'attributes': {}}"},
		{"args and attributes",
			&py.Exception{Class: "mymod.Oops", Args: py.Tuple{py.Str("bad"), py.Int(1)}, Attrs: py.DictOf(py.Str("code"), py.Int(7))},
			"{'__class__': 'mymod.Oops', '__exception__': True, 'args': ('bad', 1), 'attributes': {'code': 7}}"},
		{"traceback after the attributes",
			&py.Exception{Class: "builtins.KeyError", Args: py.Tuple{py.Str("k")}, Attrs: py.DictOf(py.Str("a"), py.None),
				Traceback: []string{"Traceback (most recent call last):\n", "KeyError: 'k'\n"}},
			"{'__class__': 'builtins.KeyError', '__exception__': True, 'args': ('k',), 'attributes': {'a': None, '_pyroTraceback': ['Traceback (most recent call last):\\n', \"KeyError: 'k'\\n\"]}}"},
		{"empty traceback kept", &py.Exception{Class: "builtins.OSError", Traceback: []string{}},
			"{'__class__': 'builtins.OSError', '__exception__': True, 'args': (), 'attributes': {'_pyroTraceback': []}}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := py.Repr(ExceptionDict(tt.e)); got != tt.want {
				t.Errorf("ExceptionDict =\n %s\nwant\n %s", got, tt.want)
			}
		})
	}
}

func TestExceptionAttributesLeavesAttrsAlone(t *testing.T) {
	attrs := py.DictOf(py.Str("code"), py.Int(7))
	e := &py.Exception{Class: "builtins.ValueError", Attrs: attrs, Traceback: []string{"tb\n"}}
	got := ExceptionAttributes(e)
	if want := "{'code': 7, '_pyroTraceback': ['tb\\n']}"; py.Repr(got) != want {
		t.Errorf("ExceptionAttributes = %s, want %s", py.Repr(got), want)
	}
	if py.Repr(attrs) != "{'code': 7}" || got == attrs {
		t.Errorf("e.Attrs changed to %s", py.Repr(attrs))
	}
}
