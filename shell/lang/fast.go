package lang

import (
	"strings"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// The fast lane parses the statements a script repeats most, a name with
// attributes and at most one call of plain arguments (obj.echo(1),
// obj.method("a", x, None), obj.attr, f()), straight from the source
// bytes: no pylit scanner or parser is set up and no token is made, which
// was most of a piped statement's parse (docs/performance.md). Anything
// else — another byte, a keyword argument, a float, an escape, a second
// call, a trailing '=' — and the lane gives up before building anything
// the grammar would not, and the grammar parses the source from its first
// byte. Its nodes, spans and values are the grammar's own; FuzzFastLane
// compares the two on arbitrary input.

// fastMaxLen bounds the sources the lane reads: a statement longer than
// this is no common shape.
const fastMaxLen = 1 << 10

// fastMaxAttrs bounds the chain obj.a.b... the lane reads, far below the
// grammar's bound on chains (maxDepth).
const fastMaxAttrs = 8

// fast parses src when it has one of the lane's shapes; ok is false when
// it does not, and p is then as fast found it (zero) for the grammar.
func (p *parser) fast(src string) (Stmt, bool) {
	if len(src) > fastMaxLen {
		return nil, false
	}
	i := skipSpaces(src, 0)
	off := i
	first, i, ok := fastIdent(src, i)
	if !ok || first == "del" || isLiteralWord(first) {
		return nil, false
	}
	n := node(p.names[:], &p.nNames)
	*n = Name{Off: off, End: i, Name: first}
	var x Expr = n
	for attrs := 0; ; attrs++ {
		i = skipSpaces(src, i)
		if i >= len(src) || src[i] != '.' || attrs == fastMaxAttrs {
			break
		}
		nameOff := skipSpaces(src, i+1)
		name, end, ok := fastIdent(src, nameOff)
		if !ok {
			return nil, false
		}
		a := node(p.attrs[:], &p.nAttrs)
		*a = Attr{X: x, Name: name, Off: off, End: end, NameOff: nameOff}
		x, i = a, end
	}
	if i < len(src) && src[i] == '(' {
		c, end, ok := p.fastCall(src, x, off, i)
		if !ok {
			return nil, false
		}
		x, i = c, skipSpaces(src, end)
	}
	if i != len(src) {
		return nil, false
	}
	p.stmt = ExprStmt{X: x}
	return &p.stmt, true
}

// fastCall reads the call whose '(' is at src[i]: arguments that are
// names, ints, plain strs, None, True or False, separated by commas, with
// an optional trailing comma. It returns the offset past the ')'.
func (p *parser) fastCall(src string, fn Expr, off, i int) (*Call, int, bool) {
	c := node(p.calls[:], &p.nCalls)
	*c = Call{Fn: fn, Off: off}
	if c == &p.calls[0] {
		c.Args = p.args[:0]
	}
	i = skipSpaces(src, i+1)
	for {
		if i >= len(src) {
			return nil, 0, false
		}
		if src[i] == ')' {
			c.End = i + 1
			return c, i + 1, true
		}
		arg, next, ok := p.fastArg(src, i)
		if !ok {
			return nil, 0, false
		}
		c.Args = append(c.Args, arg)
		if i = next; src[i] == ',' { // else ')'
			i = skipSpaces(src, i+1)
		}
	}
}

// fastArg reads one argument at src[i]; what follows it, after blanks,
// must be ',' or ')', whose offset it returns.
func (p *parser) fastArg(src string, i int) (Expr, int, bool) {
	var v py.Value
	end := i
	switch c := src[i]; {
	case c == '\'' || c == '"':
		j := i + 1
		for ; j < len(src) && src[j] != c; j++ {
			if b := src[j]; b < ' ' || b > '~' || b == '\\' {
				return nil, 0, false
			}
		}
		if j >= len(src) {
			return nil, 0, false
		}
		end = j + 1
		if j == i+1 {
			v = py.Str("")
		} else {
			v = py.Str(strings.Clone(src[i+1 : j]))
		}
	case c >= '0' && c <= '9' || c == '-':
		n, j, ok := fastInt(src, i)
		if !ok {
			return nil, 0, false
		}
		v, end = py.Int(n), j
	default:
		word, j, ok := fastIdent(src, i)
		if !ok {
			return nil, 0, false
		}
		end = j
		switch word {
		case "None":
			v = py.None
		case "True":
			v = py.Bool(true)
		case "False":
			v = py.Bool(false)
		default:
			next, ok := argEnd(src, end)
			if !ok || isLiteralWord(word) {
				return nil, 0, false
			}
			// name=value is a keyword argument: argEnd refused the '='.
			n := node(p.names[:], &p.nNames)
			*n = Name{Off: i, End: end, Name: word}
			return n, next, true
		}
	}
	next, ok := argEnd(src, end)
	if !ok {
		return nil, 0, false
	}
	l := node(p.lits[:], &p.nLits)
	*l = Lit{Off: i, End: end, Value: v}
	return l, next, true
}

// argEnd returns the offset of the ',' or ')' that follows, after blanks,
// an argument ending at src[end]; ok is false when there is none.
func argEnd(src string, end int) (int, bool) {
	end = skipSpaces(src, end)
	return end, end < len(src) && (src[end] == ',' || src[end] == ')')
}

// fastInt reads -?digits: at most 18 digits, without a leading zero, not
// followed by anything that continues a number (the grammar reads 1.5,
// 1e3, 1j, 1_000 and 0x1f).
func fastInt(src string, i int) (int64, int, bool) {
	j := i
	if src[j] == '-' {
		j++
	}
	start := j
	var n int64
	for j < len(src) && src[j] >= '0' && src[j] <= '9' {
		n = n*10 + int64(src[j]-'0')
		j++
	}
	if nd := j - start; nd == 0 || nd > 18 || nd > 1 && src[start] == '0' {
		return 0, 0, false
	}
	if j < len(src) && isIdentByte(src[j]) || j < len(src) && src[j] == '.' {
		return 0, 0, false
	}
	if src[i] == '-' {
		n = -n
	}
	return n, j, true
}

// fastIdent reads an ASCII identifier at src[i]. It fails when none is
// there, or when the byte after it is not one the lane reads after a name
// (a quote would make it a string prefix, a non-ASCII byte part of it).
func fastIdent(src string, i int) (string, int, bool) {
	if i >= len(src) || !identBytes[src[i]] || src[i] <= '9' {
		return "", 0, false
	}
	j := i + 1
	for j < len(src) && isIdentByte(src[j]) {
		j++
	}
	if j < len(src) {
		switch src[j] {
		case ' ', '\t', '.', '(', ')', ',', '=':
		default:
			return "", 0, false
		}
	}
	return src[i:j], j, true
}

// isIdentByte reports the ASCII bytes that continue an identifier.
func isIdentByte(c byte) bool { return identBytes[c] }

// identBytes marks the ASCII bytes that continue an identifier: one
// look-up a byte instead of four range checks.
var identBytes = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return t
}()

// isLiteralWord reports the names that start a literal rather than name
// a variable, as pylit's IsLiteralStart does.
func isLiteralWord(s string) bool {
	switch s {
	case "None", "True", "False", "set", "frozenset", "float", "complex":
		return true
	}
	return false
}

// skipSpaces skips the blanks the lane allows between tokens: spaces and
// tabs (line breaks, form feeds and comments are the grammar's).
func skipSpaces(src string, i int) int {
	for i < len(src) && blankBytes[src[i]] {
		i++
	}
	return i
}

// blankBytes marks the blanks skipSpaces skips.
var blankBytes = [256]bool{' ': true, '\t': true}
