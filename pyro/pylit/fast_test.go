package pylit

import (
	"fmt"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// parseBoth parses src with and without the fast lane and describes each
// outcome: the value's repr or the error, then the token after it.
func parseBoth(src string) (fast, slow string) {
	run := func(noFast bool) string {
		p := NewParser(src, Limits{MaxDepth: 8})
		p.noFast = noFast
		v, err := p.Literal()
		var inc bool
		if se, ok := err.(*SyntaxError); ok {
			inc = se.Incomplete
		}
		t := p.Peek()
		return fmt.Sprintf("%s | %v incomplete=%v | next %v@%d | err %v", py.Repr(v), err, inc, t.Kind, t.Off, p.Err())
	}
	return run(false), run(true)
}

var fastLaneCases = []string{
	"[{'id':0,'name':'item0','score':0.0,'tags':['a','b']},{'id':1,'name':'item1','score':0.5,'tags':['a','b']}]",
	"# serpent utf-8 python3.2\n(1, -2, 3.5e-3, -0.0, -0, None, True, False, 'x', \"y\", '')",
	"{'a': 1, 'a': 2, 'b': {}}", "{(1, 2): 'b', 1.0: 'c', 1: 'd'}", "[1+2j, (1)+2j, -(1), 1 - 2j]",
	"['a' 'b', 'a\\n', b'x', r'\\d', '''t''', u'u']", "[1, 2", "[1, 'ab", "{1: 2, [3]: 4}", "{[3]: 'a\\N{x}'}",
	"{1, 2, 1}", "(1)", "(1,)", "()", "[]", "[,]", "[1,,2]", "{1:}", "{:1}", "{1 2}", "[1] + 2j", "[1 2]",
	"[[[[[[[[[1]]]]]]]]]", "[[[[[[[[1]]]]]]]]", "0x1f", "[01]", "[00, 1_0, 1e, 1.e5, .5, 1.5.3, 9999999999999999999]",
	"[1e400, -1e400, 1e-400]", "[None(1)]", "[Nonex, Truex]", "[set(), frozenset({1}), float('nan'), complex(1, 2)]",
	"[1, # comment\n 2]", "[1, \\\n 2]", "['é', 'a\\x00']", "[1] x", "'a' @", "['a\\n' @]", "{'a\\n': @}", "[1\x00]",
	"{'data': 'AAE=', 'encoding': 'base64'}", "{1: 2,}", "{1: 2,,}", "[1,]", "(1,2,)", "[-, 1]", "[- 1]", "[1 j]",
}

func TestFastLaneMatchesGrammar(t *testing.T) {
	for _, src := range fastLaneCases {
		if fast, slow := parseBoth(src); fast != slow {
			t.Errorf("%q:\nfast lane %s\ngrammar   %s", src, fast, slow)
		}
	}
}

// FuzzFastLane checks that the fast lane and the token grammar agree on
// every input: the same value, or the same error at the same position.
func FuzzFastLane(f *testing.F) {
	addSeeds(f)
	for _, s := range fastLaneCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if fast, slow := parseBoth(src); fast != slow {
			t.Fatalf("%q:\nfast lane %s\ngrammar   %s", src, fast, slow)
		}
	})
}
