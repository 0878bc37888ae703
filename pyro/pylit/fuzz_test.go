package pylit

import (
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/py"
)

func addSeeds(f *testing.F) {
	for _, s := range literalTable {
		f.Add(s)
	}
	for _, s := range evalTable {
		f.Add(s)
	}
	for _, s := range []string{"(1, 2", "'''abc", "[[[[", "obj.echo(1, k=[2])", "x = obj.attr", "r[0] ** 2; y",
		"'a\x00'", "0x", "1e", "\\\n", "b'é'", "{[1]: 2}"} {
		f.Add(s)
	}
}

// FuzzParseLiteral checks that parsing never panics and that the repr of
// any value it accepts parses back to an equal value.
func FuzzParseLiteral(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		v, err := ParseLiteral(src)
		_ = Incomplete(src)
		if err != nil {
			if _, ok := err.(*SyntaxError); !ok {
				t.Fatalf("error %T %v is not a *SyntaxError", err, err)
			}
			return
		}
		r := py.Repr(v)
		w, err := ParseLiteral(r)
		if err != nil && (strings.Contains(r, "inf") || strings.Contains(r, "nan")) {
			return // Python's repr of inf and nan is no literal either
		}
		if err != nil {
			t.Fatalf("repr %s of %q does not parse: %v", r, src, err)
		}
		if !py.Equal(v, w) && py.Repr(w) != r {
			t.Fatalf("%q: %s re-parses as %s", src, r, py.Repr(w))
		}
	})
}

// FuzzScanner checks that the scanner never panics, that tokens move
// forward inside the source and that Text is the source between offsets.
func FuzzScanner(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src string) {
		s := NewScanner(src)
		last := -1
		for n := 0; n <= len(src)+1; n++ {
			tok, err := s.Next()
			if err != nil || tok.Kind == EOF {
				return
			}
			if tok.Off <= last || tok.End > len(src) || tok.Off >= tok.End || src[tok.Off:tok.End] != tok.Text {
				t.Fatalf("bad token %+v after offset %d in %q", tok, last, src)
			}
			last = tok.Off
		}
		t.Fatalf("scanner did not reach EOF in %q", src)
	})
}
