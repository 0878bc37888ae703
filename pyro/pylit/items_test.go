package pylit

import (
	"fmt"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// parseItems parses src with Items (falling back to Literal when Items
// declines) and with Literal alone, and describes each outcome as
// parseBoth does: the value's repr or the error, then the token after it.
// streamed says Items took the source (read it or reported its error).
func parseItems(src string) (items, literal string, streamed bool) {
	describe := func(p *Parser, v py.Value, err error) string {
		var inc bool
		if se, ok := err.(*SyntaxError); ok {
			inc = se.Incomplete
		}
		t := p.Peek()
		return fmt.Sprintf("%s | %v incomplete=%v | next %v@%d | err %v", py.Repr(v), err, inc, t.Kind, t.Off, p.Err())
	}
	p := NewParser(src, Limits{MaxDepth: 8})
	it, err := p.Items()
	streamed = it != nil || err != nil
	var v py.Value
	switch {
	case err != nil:
	case it == nil:
		v, err = p.Literal()
	default:
		var elems []py.Value
		for {
			e, ok, err2 := it.Next()
			if err2 != nil || !ok {
				err = err2
				break
			}
			elems = append(elems, e)
		}
		switch {
		case err != nil:
		case it.IsTuple():
			v = py.Tuple(append([]py.Value{}, elems...))
		default:
			v = py.List(append([]py.Value{}, elems...))
		}
	}
	items = describe(p, v, err)
	q := NewParser(src, Limits{MaxDepth: 8})
	w, err := q.Literal()
	return items, describe(q, w, err), streamed
}

var itemsCases = []string{
	"[]", "()", "[1]", "(1,)", "(1)", "((1))", "(1, 2)", "(1,2,)", "[1,]", "[,]", "[1,,2]", "(,)", "( )",
	"[1 2]", "(1 2)", "[1, 2", "(1, 2", "[1,", "(1,", "[", "(", "[1] + 2j", "(1,) - 2j", "(1)+2j", "[1]+",
	"[1] + 'x", "[1] x", "[1] @", "[1]]", "[1\x00]", "[1, 'é\xff']", "[1+2j, -(1), 'a' 'b', b'x']",
	"[{'a': 1}, {1, 2}, {[1]: 2}]", "[[[[[[[[1]]]]]]]]", "[[[[[[[[[1]]]]]]]]]", "([[[[[[[1]]]]]]],)",
	"# serpent utf-8 python3.2\n[{'id':0,'name':'item0','score':0.0,'tags':['a','b']}]",
	"[1, # c\n 2]", "[1, \\\n 2]", "[1e400, 9999999999999999999, -0]", "x", "1", "{'a': [1]}",
	"['a\\N{x}']", "[1 j]", "[(1), (2,)]", "(None, True, float('nan'))", "([1, 2])", "[1]\n",
	"(None+0)", "[1, None - 1]", "(True+1j,)",
}

func TestItemsMatchLiteral(t *testing.T) {
	for _, src := range itemsCases {
		if items, literal, _ := parseItems(src); items != literal {
			t.Errorf("%q:\nitems   %s\nliteral %s", src, items, literal)
		}
	}
}

// TestItemsDeclines checks what Items leaves to Literal, and that it
// streams the rest (a test that could not fail would only prove the
// fallback).
func TestItemsDeclines(t *testing.T) {
	for src, want := range map[string]bool{
		"[1, 2]": true, "(1, 2)": true, "()": true, "(1,)": true, "[1, 2": true, "(1 2)": true,
		"(1)": false, "([1, 2])": false, "1": false, "{1: [2]}": false, "[1\x00]": false,
		"[[[[[[[[[1]]]]]]]]]": true, // the depth error is the inner list's
	} {
		if _, _, streamed := parseItems(src); streamed != want {
			t.Errorf("%q: streamed %v, want %v", src, streamed, want)
		}
	}
}

// FuzzItems checks that reading a display element by element gives what
// Literal gives: the same elements, or the same error at the same place.
func FuzzItems(f *testing.F) {
	addSeeds(f)
	for _, s := range itemsCases {
		f.Add(s)
	}
	for _, s := range fastLaneCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if items, literal, _ := parseItems(src); items != literal {
			t.Fatalf("%q:\nitems   %s\nliteral %s", src, items, literal)
		}
	})
}
