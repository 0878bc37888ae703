package pylit

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

// literalTable holds sources ast.literal_eval accepts; each must parse to
// a value whose repr is Python's.
var literalTable = []string{
	"None", "True", "False", "0", "00", "0_0", "42", "-7", "+7", "- 1", "1_000_000",
	"9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
	"18446744073709551615", "123456789012345678901234567890", "-(123456789012345678901234567890)",
	"0x1F", "0XfF_ff", "0o17", "0O7_7", "0b101", "0B1_0", "0xffffffffffffffffffffffff", "-0x8000000000000000",
	"1.5", "1.", ".5", "1e10", "1E-7", "1_0.5", "1e+22", "1e16", "0.1", "-0.0", "5e-324", "1e309", "-1e30000",
	"1e-400", "3.141592653589793238462643", "1.e5", "0123.5", "0e0",
	"2j", "2J", "1.5j", "0j", "-2j", "+2j", "1e30000j", "1+2j", "1 - 2j", "-1-1j", "(1.0-2.5j)", "(1)+(2j)",
	"-(1)", "1.5+0j", "-0.0-0j", "0x10+1j", "10000000000000000000000+1j",
	"''", "'a'", `"a"`, `'it\'s'`, `"it's"`, `'a"b'`, `'\n\t\\\'\"\a\b\f\v\r'`, `'\0\7\77\101\777'`,
	`'\x41\xff'`, `'\u20ac\U0001F600'`, `'\q\d'`, `'é€😀 ñ 中'`, `"""tri"ple"""`, `'''a
b'''`, `'a\
b'`, `r'\n\''`, `R"\d+"`, `u'x'`, `U"x"`, `b''`, `b'\x00\xffab'`, `B"\n"`, `rb'\x00'`, `Rb'\d'`,
	`bR'\d'`, `br'\''`, `b'\777'`, `b'\u1234'`, `'a' 'b'`, `'a' "b" '''c'''`, `b'a' b'b'`, `'\udc80'`, `'a\udcffb'`, `'\ud800\udfff'`, `'\ud83d\ude00'`,
	`'\N{BULLET} \N{bullet} \N{Latin Small Letter E With Acute}'`, `'\N{LF}\N{line feed}\N{BYTE ORDER MARK}\N{NBSP}'`,
	`'\N{HANGUL SYLLABLE GAG}\N{HANGUL SYLLABLE A}\N{CJK UNIFIED IDEOGRAPH-4E00}\N{CJK UNIFIED IDEOGRAPH-20000}'`,
	`'\N{GRINNING FACE}\N{KHITAN SMALL SCRIPT CHARACTER-18B00}\N{CJK COMPATIBILITY IDEOGRAPH-F900}'`,
	`'\N{LATIN CAPITAL LETTER GHA}\N{VS1}\N{ZWJ}'`, `b'\N{BULLET}'`,
	"()", "(1,)", "(1, 2)", "(1,2,)", "((1))", "[]", "[1]", "[1, [2, [3]]]", "[1,]",
	"{}", "{'a': 1}", "{'a':1,'b':[2,3],}", "{1: 'one', 2.5: 'x', (1, 2): 'b', b'k': None, True: 0}",
	"{1: 2, 1: 3}", "{1: 'a', 1.0: 'b', True: 'c'}", "{None: 1}", "{(1,(2,3)): 4}",
	"{1}", "{1, 2, 3}", "{1, 1.0, True}", "{1,}", "{(1, 2)}", "set()",
	"[None, True, 1, 1.5, 'x', b'y', (1,), [], {}, {1}, 2j]",
	"# comment\n[1, # one\n 2]\n",
}

func TestLiteralsMatchPythonLiteralEval(t *testing.T) {
	exprs := make([]string, len(literalTable))
	for i, src := range literalTable {
		exprs[i] = "__import__('ast').literal_eval(" + string(py.AppendQuoted(nil, src)) + ")"
	}
	want := pyrotest.PyRepr(t, exprs...)
	for i, src := range literalTable {
		v, err := ParseLiteral(src)
		if err != nil {
			t.Errorf("ParseLiteral(%q): %v", src, err)
			continue
		}
		if got := py.Repr(v); got != want[i] {
			t.Errorf("ParseLiteral(%q) = %s, python says %s", src, got, want[i])
		}
	}
}

// evalTable holds the calls pyrosh accepts beyond literal_eval; each must
// give what Python's eval gives.
var evalTable = []string{
	"set([1, 2])", "set((1,))", "set({1: 2})", "frozenset()", "frozenset({1})", "frozenset([1, 2])",
	"frozenset(set())", "{frozenset({1}): 2}", "float('nan')", "float('-inf')", "float(' 1_0.5 ')",
	"float(3)", "complex(1, 2)", "complex(-1.5)", "complex()", "[float('inf'), complex(0, -1)]",
}

func TestPyroshCallsMatchPythonEval(t *testing.T) {
	want := pyrotest.PyRepr(t, evalTable...)
	for i, src := range evalTable {
		v, err := ParseLiteral(src)
		if err != nil {
			t.Errorf("ParseLiteral(%q): %v", src, err)
			continue
		}
		if got := py.Repr(v); got != want[i] {
			t.Errorf("ParseLiteral(%q) = %s, python says %s", src, got, want[i])
		}
	}
}

func TestPyroshExtensions(t *testing.T) {
	for src, want := range map[string]string{
		`float("nan")`:           "nan",
		`float('inf')`:           "inf",
		`float('-inf')`:          "-inf",
		`float(" +Infinity ")`:   "inf",
		`float('1_0.5')`:         "10.5",
		`float(2)`:               "2.0",
		`float()`:                "0.0",
		`complex(1, 2)`:          "(1+2j)",
		`complex(-1.5)`:          "(-1.5+0j)",
		`complex()`:              "0j",
		`[float('nan'), set()]`:  "[nan, set()]",
		`frozenset([1, 1, 2])`:   "frozenset({1, 2})",
		`set([(1, 2), (1, 2)])`:  "{(1, 2)}",
		"'a'\n'b'":               "'ab'",
		"[1,\\\n 2]":             "[1, 2]",
		`complex(float('inf'))`:  "(inf+0j)",
		`set(frozenset({3}))`:    "{3}",
		`frozenset({'k': None})`: "frozenset({'k'})",
		"{frozenset({1}): 2}":    "{frozenset({1}): 2}",
	} {
		v, err := ParseLiteral(src)
		if err != nil {
			t.Errorf("ParseLiteral(%q): %v", src, err)
			continue
		}
		if got := py.Repr(v); got != want {
			t.Errorf("ParseLiteral(%q) = %s, want %s", src, got, want)
		}
	}
	v, _ := ParseLiteral(`float("nan")`)
	if f, ok := v.(py.Float); !ok || !math.IsNaN(float64(f)) {
		t.Errorf("float('nan') = %#v", v)
	}
}

func TestBigIntsAreExact(t *testing.T) {
	src := "-" + strings.Repeat("9", 300)
	v, err := ParseLiteral(src)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := v.(*py.BigInt); !ok || py.Repr(v) != src {
		t.Errorf("got %T %s", v, py.Repr(v))
	}
	if _, err := ParseLiteral(strings.Repeat("1", 4301)); err == nil {
		t.Error("a 4301-digit int parsed; python refuses it")
	}
	if v, err := ParseLiteral("0x" + strings.Repeat("f", 5000)); err != nil {
		t.Errorf("long hex int: %v", err)
	} else if _, ok := v.(*py.BigInt); !ok {
		t.Errorf("long hex int is %T", v)
	}
}

func TestSyntaxErrorPositions(t *testing.T) {
	for _, tc := range []struct {
		src       string
		line, col int
		msg       string
	}{
		{"(1, 2", 1, 6, "expected ',' or ')', found end of input"},
		{"(1 2)", 1, 4, "expected ',' or ')', found number 2"},
		{"[1,\n 2 3]", 2, 4, "expected ',' or ']'"},
		{"{'é': [1] 2}", 1, 11, "expected ',' or '}'"},
		{"{[1]: 2}", 1, 2, "unhashable type: 'list'"},
		{"{1: 2, {}: 3}", 1, 8, "unhashable type: 'dict'"},
		{"{[1], 2}", 1, 2, "unhashable type: 'list'"},
		{"x", 1, 1, "name 'x' is not a literal"},
		{"1 2", 1, 3, "expected end of input, found number 2"},
		{"'abc", 1, 1, "unterminated string"},
		{"'''abc", 1, 1, "unterminated triple-quoted string"},
		{"b'é'", 1, 3, "bytes can only contain ASCII literal characters"},
		{"'a' b'b'", 1, 5, "cannot mix bytes and nonbytes literals"},
		{`'\x4'`, 1, 2, `truncated \xXX escape`},
		{`'\N{DASH}'`, 1, 2, `unknown Unicode character name "DASH"`},
		{`'ab\N{NOPE}'`, 1, 4, `unknown Unicode character name "NOPE"`},
		{`'\N{hangul syllable gag}'`, 1, 2, `unknown Unicode character name`},
		{`'\N{CJK UNIFIED IDEOGRAPH-4e00}'`, 1, 2, `unknown Unicode character name`},
		{`'x\N'`, 1, 3, `malformed \N character escape`},
		{`'\N{}'`, 1, 2, `malformed \N character escape`},
		{`'\N{BULLET'`, 1, 2, `malformed \N character escape`},
		{"0123", 1, 1, "leading zeros in decimal integer literals are not permitted"},
		{"1__0", 1, 1, "invalid number literal"},
		{"0x", 1, 1, "invalid number literal"},
		{"1abc", 1, 1, "invalid number literal"},
		{"--1", 1, 1, "unary '-' applies only to a number"},
		{"-True", 1, 1, "unary '-' applies only to a number"},
		{"1+2", 1, 3, "expected an imaginary number after '+'"},
		{"1+-2j", 1, 3, "expected an imaginary number after '+'"},
		{"2j+1", 1, 3, "'+' applies only to a real number and an imaginary number"},
		{"[1] + 2j", 1, 5, "'+' applies only to a real number"},
		{"f'x'", 1, 1, "f-strings are not supported"},
		{"1 ? 2", 1, 3, "unexpected character '?'"},
		{"'a\x00'", 1, 3, "source contains a NUL byte"},
		{"'a\xff'", 1, 3, "source is not valid UTF-8"},
		{"set(1)", 1, 5, "set() takes a list, tuple, set or dict literal"},
		{"float('x')", 1, 7, "could not convert string to float: 'x'"},
		{"float", 1, 6, "expected '(' after float"},
		{"", 1, 1, "expected a literal, found end of input"},
		{"[1,,]", 1, 4, "expected a literal, found ','"},
	} {
		_, err := ParseLiteral(tc.src)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("ParseLiteral(%q) error = %v, want a SyntaxError", tc.src, err)
			continue
		}
		if se.Line != tc.line || se.Col != tc.col || !strings.Contains(se.Msg, tc.msg) {
			t.Errorf("ParseLiteral(%q) = %v, want line %d, column %d: %s", tc.src, err, tc.line, tc.col, tc.msg)
		}
	}
}

func TestErrorText(t *testing.T) {
	_, err := ParseLiteral("(1, 2 3)")
	if got, want := err.Error(), "line 1, column 7: expected ',' or ')', found number 3"; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
}

func TestDeepNestingFailsFast(t *testing.T) {
	for _, open := range []string{"[", "(", "{", "-(", "set(", "{1:"} {
		src := strings.Repeat(open, 1_000_000)
		_, err := ParseLiteral(src)
		var se *SyntaxError
		if !errors.As(err, &se) || !strings.Contains(se.Msg, "nesting deeper than 512 levels") {
			t.Errorf("%q x 1e6: error %v", open, err)
			continue
		}
		// It stops at the opener past the limit, whatever follows it: the
		// error is there, and parsing 1e6 openers allocates no more than
		// parsing 1e4 (a deterministic bound in place of a timed one).
		if want := 512 * len(open); se.Offset < want || se.Offset > want+len(open) {
			t.Errorf("%q x 1e6: error at offset %d, want the opener at %d", open, se.Offset, want)
		}
		short := strings.Repeat(open, 10_000)
		a1 := testing.AllocsPerRun(3, func() { _, _ = ParseLiteral(short) })
		a2 := testing.AllocsPerRun(3, func() { _, _ = ParseLiteral(src) })
		if a2 > a1 {
			t.Errorf("%q: %v allocations for 1e6 openers, %v for 1e4", open, a2, a1)
		}
	}
	// The limit is inclusive: 512 levels parse.
	if _, err := ParseLiteral(strings.Repeat("[", 512) + strings.Repeat("]", 512)); err != nil {
		t.Errorf("512 levels: %v", err)
	}
	p := NewParser("[[[1]]]", Limits{MaxDepth: 2})
	if _, err := p.Literal(); err == nil {
		t.Error("MaxDepth 2 accepted 3 levels")
	}
}

func TestMaxLen(t *testing.T) {
	p := NewParser("[1, 2, 3]", Limits{MaxLen: 4})
	if _, err := p.Literal(); err == nil || !strings.Contains(err.Error(), "longer than 4 bytes") {
		t.Errorf("MaxLen 4: %v", err)
	}
}

func TestIncomplete(t *testing.T) {
	for src, want := range map[string]bool{
		"[1, 2":             true,
		"obj.echo(1,":       true,
		"{'a': (1,\n":       true,
		"'''abc":            true,
		"x = \"\"\"a\nb":    true,
		"[1, \\":            true,
		"1 + \\\n":          false, // a blank line ends it, as in Python's REPL
		"1 + \\":            true,
		"f('a\\":            true, // the string goes on on the next line
		"f('a\\\nb":         false,
		"f('a\\\\":          false,
		"[1, 2]":            false,
		"'abc":              false,
		"obj.echo(1)":       false,
		"]":                 false,
		"[1, 2]]":           false,
		"f(1, (2,\n 3, ]":   false,
		"f([1, 2)":          false,
		"{'a': [1}\n":       false,
		"f([1, {2: (3)}],":  true,
		"'''a''' + '''b":    true,
		"[1 # open bracket": true,
		"'[' + '('":         false,
		"":                  false,
	} {
		if got := Incomplete(src); got != want {
			t.Errorf("Incomplete(%q) = %v, want %v", src, got, want)
		}
	}
	_, err := ParseLiteral("[1, 2")
	var se *SyntaxError
	if !errors.As(err, &se) || !se.Incomplete {
		t.Errorf("ParseLiteral of an open list: %v, want Incomplete", err)
	}
	_, err = ParseLiteral("[1 2")
	if !errors.As(err, &se) || se.Incomplete {
		t.Errorf("ParseLiteral(\"[1 2\"): %v, want a complete error", err)
	}
}

func TestUnclosed(t *testing.T) {
	for src, want := range map[string]string{
		"print(1":            "line 1, column 6: '(' was never closed",
		"print(1, (2":        "line 1, column 10: '(' was never closed",
		"print(1,\n[2,\n":    "line 2, column 1: '[' was never closed",
		"{'a': 1, # '('\n b": "line 1, column 1: '{' was never closed",
		"f(1)":               "",
		"f(1, ']'":           "line 1, column 2: '(' was never closed",
		"f([1)":              "", // the wrong closer is the parser's to report
		"f('''a":             "", // the open string is
		"":                   "",
	} {
		got := ""
		if e := Unclosed(src); e != nil {
			got = e.Error()
		}
		if got != want {
			t.Errorf("Unclosed(%q) = %q, want %q", src, got, want)
		}
	}
}

// Carried line by line, ContinueLine answers as Incomplete does on the
// whole source, or says it cannot (a backslash continuation).
func TestContinueLineAgreesWithIncomplete(t *testing.T) {
	exactAll := 0
	srcs := []string{
		"f(1,\n2,\n3)",
		"{'a': (1,\n [2, 3],\n # ) comment\n 'b': ')'}",
		"f([1,\n2)\n",
		"f(1,\n'''a\nb''')",
		"f(1, \\\n2)",
		"f(1,\n$)",
		"f(\n)]\n",
		"]\n[1,\n",
		"x = (\n\"a\" \"b\"\n",
		"f(1,\n'open\n2)",
		"f('''a\nb\n''')",
		"f(1, \"\"\"a (\n[b\\\"\"\"\n c\"\"\" + '''d\n''', [2,\n3])",
		"f('''a\\\n''' )",
		"x = '''\n\n",
		"f(r'''a\n''', (\n",
		"f(b'''\\\\'''\n)",
		"f('''a''\n''')",
		"f('''a'''\n)",
		"'''a\n''' + '''b\n''')",
	}
	for _, src := range srcs {
		lines := strings.Split(src, "\n")
		var st LineState
		exact := true
		for i := range lines {
			whole := strings.Join(lines[:i+1], "\n")
			var inc, ok bool
			st, inc, ok = ContinueLine(st, lines[i])
			if !ok {
				exact = false
				break
			}
			if want := Incomplete(whole); inc != want {
				t.Errorf("%q, line %d: ContinueLine says incomplete %v, Incomplete %v", src, i+1, inc, want)
			}
			if !inc {
				break
			}
		}
		if exact {
			exactAll++
		}
	}
	if exactAll < len(srcs)-2 {
		t.Errorf("ContinueLine answered %d of %d sources alone, want all but the backslash continuations", exactAll, len(srcs))
	}
}

// Over sources of brackets, quotes, backslashes and comments, whatever
// the lines, ContinueLine agrees with Incomplete wherever it answers.
func TestContinueLineAgreesOnRandomSources(t *testing.T) {
	const alphabet = "()[]{}'\"\\#a1, \n\n\n"
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 20000; n++ {
		b := make([]byte, 1+rng.IntN(24))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		lines := strings.Split(string(b), "\n")
		var st LineState
		for i := range lines {
			var inc, ok bool
			st, inc, ok = ContinueLine(st, lines[i])
			if !ok {
				break
			}
			if whole := strings.Join(lines[:i+1], "\n"); inc != Incomplete(whole) {
				t.Fatalf("%q, line %d: ContinueLine says incomplete %v, Incomplete %v", b, i+1, inc, !inc)
			}
			if !inc {
				break
			}
		}
	}
}
