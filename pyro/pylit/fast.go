package pylit

import (
	"errors"
	"strconv"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// The fast lane reads the forms serializers write most (short strs
// without escapes, decimal ints and floats, None, True, False, lists,
// tuples and dicts) straight from the source bytes, with no tokens. Any
// other form, and anything wrong, is handed to the token grammar: a value
// the lane does not recognise is parsed by p.expr from its first byte, and
// a container the lane gives up on is re-read whole the same way. Every
// check runs in the token grammar's order, so results and errors (message,
// position, Incomplete) are the grammar's own; FuzzFastLane compares the
// two on arbitrary input.

// errNotFast tells the caller to parse the same bytes with the grammar.
var errNotFast = errors.New("not a fast-lane form")

// fastValue parses the value starting at or after byte offset i (after
// blanks and comments) and returns it with the offset just past it.
func (p *Parser) fastValue(i int) (py.Value, int, error) {
	src := p.src
	i = skipBlank(src, i)
	if i >= len(src) {
		return nil, i, errNotFast
	}
	switch c := src[i]; {
	case c == '\'' || c == '"':
		return p.fastStr(i)
	case c >= '0' && c <= '9' || c == '-':
		return p.fastNumber(src, i)
	case c == '[':
		return p.fastSeq(i, ']')
	case c == '(':
		return p.fastSeq(i, ')')
	case c == '{':
		return p.fastDict(i)
	case c == 'N':
		return fastWord(src, i, "None", py.None)
	case c == 'T':
		return fastWord(src, i, "True", py.Bool(true))
	case c == 'F':
		return fastWord(src, i, "False", py.Bool(false))
	}
	return nil, i, errNotFast
}

// elem parses one element of a container: in the fast lane if it can,
// otherwise with the token grammar, whose error is then the answer.
func (p *Parser) elem(i int) (py.Value, int, error) {
	if p.err != nil {
		return nil, i, p.err // over budget
	}
	used := p.used()
	var v py.Value
	var end int
	var err error
	if i < len(p.src) && p.src[i] == '\'' {
		v, end, err = p.fastStr(i) // the commonest element, spared fastValue's dispatch
	} else {
		v, end, err = p.fastValue(i)
	}
	if err == nil && p.err != nil {
		err = p.err // over budget inside the value
	}
	if err != errNotFast {
		return v, end, err
	}
	p.reset(used)
	p.restart(i)
	v, _, err = p.expr()
	if err == nil {
		err = p.err // a bad token after the element
	}
	return v, p.tok.Off, err
}

// skipBlank skips whitespace, comments and backslash continuations, as
// Scanner.Next does.
func skipBlank(src string, i int) int {
	for i < len(src) {
		switch src[i] {
		case ' ', '\n', '\t', '\r', '\f':
			i++
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case '\\':
			if i+1 >= len(src) || src[i+1] != '\n' && src[i+1] != '\r' {
				return i
			}
			i += 2
		default:
			return i
		}
	}
	return i
}

// isWordByte reports bytes that may continue a name or a number; bytes of
// multi-byte characters count, to be safe.
func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func fastWord(src string, i int, word string, v py.Value) (py.Value, int, error) {
	end := i + len(word)
	if end > len(src) || src[i:end] != word || end < len(src) && isWordByte(src[end]) {
		return nil, i, errNotFast
	}
	return v, end, nil
}

// strStop marks the bytes fastStr's scan stops at: the quotes, the
// backslash and the line breaks. One table look-up a byte instead of
// four comparisons.
var strStop = [256]bool{'\'': true, '"': true, '\\': true, '\n': true, '\r': true}

// fastStr reads a single-quoted str with no prefix, escape or line break,
// not followed by another string to concatenate.
func (p *Parser) fastStr(i int) (py.Value, int, error) {
	src := p.src
	q := src[i]
	j := i + 1
	for ; j < len(src); j++ {
		if c := src[j]; strStop[c] {
			if c == q {
				break
			}
			if c != '\'' && c != '"' { // a backslash or a line break
				return nil, i, errNotFast
			}
		}
	}
	if j >= len(src) || j == i+1 && j+1 < len(src) && src[j+1] == q { // unterminated or '''
		return nil, i, errNotFast
	}
	if k := skipBlank(src, j+1); k < len(src) && (src[k] == '\'' || src[k] == '"' || isWordByte(src[k])) {
		return nil, i, errNotFast
	}
	return p.str(src[i+1 : j]), j + 1, nil
}

// fastNumber reads a number ScanNumber reads. Anything that might
// continue the number (j, _, another sign for a complex sum) is left to
// the grammar.
func (p *Parser) fastNumber(src string, i int) (py.Value, int, error) {
	n, j, ok := ScanNumber(src, i)
	if !ok {
		return nil, i, errNotFast
	}
	if k := skipBlank(src, j); k < len(src) && (isWordByte(src[k]) || src[k] == '.' || src[k] == '+' || src[k] == '-') {
		return nil, i, errNotFast
	}
	if n.IsFloat {
		return p.slab.Float(n.Float), j, nil
	}
	return p.slab.Int(n.Int), j, nil
}

// PlainNumber is a number ScanNumber read: an int or a float.
type PlainNumber struct {
	IsFloat bool
	Int     int64
	Float   float64
}

// ScanNumber reads the number at src[i] in the forms serializers write:
// -?digits with an optional fraction and exponent, an int of at most 18
// digits without leading zeros or a float (rounded as
// strconv.ParseFloat rounds it). It returns the offset just past it, and
// ok false for any other form and for a float out of range, which the
// grammar reads (or refuses). What follows the number is the caller's to
// check.
func ScanNumber(src string, i int) (n PlainNumber, end int, ok bool) {
	j := i
	if j < len(src) && src[j] == '-' {
		j++
	}
	// m gathers the digits as they are scanned, fraction too; it is
	// used only when they are few enough not to overflow.
	start := j
	var m uint64
	for j < len(src) && isDigit(src[j]) {
		m = m*10 + uint64(src[j]-'0')
		j++
	}
	nd := j - start
	if nd == 0 || nd > 1 && src[start] == '0' {
		return n, i, false
	}
	nFrac := 0
	if j < len(src) && src[j] == '.' {
		k := j + 1
		for j = k; j < len(src) && isDigit(src[j]); j++ {
			m = m*10 + uint64(src[j]-'0')
		}
		if j == k {
			return n, i, false
		}
		n.IsFloat, nFrac = true, j-k
	}
	exp := false
	if j < len(src) && src[j]|0x20 == 'e' {
		exp = true
		j++
		if j < len(src) && (src[j] == '+' || src[j] == '-') {
			j++
		}
		k := j
		for j < len(src) && isDigit(src[j]) {
			j++
		}
		if j == k {
			return n, i, false
		}
		n.IsFloat = true
	}
	neg := src[i] == '-'
	if n.IsFloat {
		f, ok := 0.0, false
		if !exp {
			f, ok = codec.DecimalFloat(m, nd+nFrac, nFrac) // "digits.digits"
		}
		if !ok {
			var err error
			if f, err = strconv.ParseFloat(src[start:j], 64); err != nil {
				return n, i, false // out of range: the grammar's rules apply
			}
		}
		if neg {
			f = -f
		}
		n.Float = f
		return n, j, true
	}
	if nd > 18 {
		return n, i, false
	}
	n.Int = int64(m) // at most 18 digits
	if neg {
		n.Int = -n.Int
	}
	return n, j, true
}

func keyOK(k py.Value) bool {
	if hashable(k) {
		return true
	}
	_, ok := py.HashKey(k)
	return ok
}

// open enters a container, or reports that the grammar must, to give its
// depth error.
func (p *Parser) open() bool {
	if p.depth >= p.lim.MaxDepth {
		return false
	}
	p.depth++
	return true
}

// The lane's containers are filled in place, not through p.stack: each
// list, tuple or dict starts with the room p.guess gives it, cut from
// p.slab, and doubles from there. Each slot is charged to the budget as
// it is filled (the grammar charges them as the container closes; a
// container the lane gives up on is uncharged again by elem's reset).
// Going through the stack stored every value three times (push, the copy
// out, the clear), each store a write barrier while the collector runs.

// fastSeq reads a list (closer ']') or a tuple (closer ')'). A
// parenthesised single value, (x) without a comma, is the grammar's: its
// meaning depends on what follows.
func (p *Parser) fastSeq(i int, closer byte) (py.Value, int, error) {
	src := p.src
	depth := p.depth
	if !p.open() {
		return nil, i, errNotFast
	}
	j := skipBlank(src, i+1)
	comma := false
	var items []py.Value
	for j >= len(src) || src[j] != closer {
		v, end, err := p.elem(j)
		if err != nil {
			p.depth = depth
			return nil, i, err
		}
		if items == nil {
			items = p.slab.Values(p.guess.For(codec.GuessList, p.depth))[:0]
		} else if len(items) == cap(items) {
			items = p.slab.MoreValues(items)
		}
		p.charge(codec.ValueCost)
		items = append(items, v)
		j = skipBlank(src, end)
		if j < len(src) && src[j] == ',' {
			comma = true
			j = skipBlank(src, j+1)
			continue
		}
		if j >= len(src) || src[j] != closer {
			p.depth = depth
			return nil, i, errNotFast
		}
	}
	if closer == ')' && !comma && len(items) > 0 {
		p.depth = depth
		return nil, i, errNotFast
	}
	if items == nil {
		items = []py.Value{}
	} else {
		p.guess.Remember(codec.GuessList, p.depth, len(items))
	}
	p.depth--
	items = items[:len(items):len(items)]
	if closer == ')' {
		return py.Tuple(items), j + 1, nil
	}
	return p.slab.List(items), j + 1, nil
}

// fastDict reads a dict display; a set display is the grammar's.
func (p *Parser) fastDict(i int) (py.Value, int, error) {
	src := p.src
	depth := p.depth
	if !p.open() {
		return nil, i, errNotFast
	}
	j := skipBlank(src, i+1)
	if j < len(src) && src[j] == '}' {
		p.depth--
		return py.NewDict(0), j + 1, nil
	}
	items := p.slab.Items(p.guess.For(codec.GuessDict, p.depth))[:0]
	for {
		k, end, err := p.elem(j)
		if err == nil {
			j = skipBlank(src, end)
			if j >= len(src) || src[j] != ':' || !keyOK(k) {
				err = errNotFast // a set, a syntax error or an unhashable key
			}
		}
		if err != nil {
			p.depth = depth
			return nil, i, err
		}
		v, end, err := p.elem(j + 1)
		if err != nil {
			p.depth = depth
			return nil, i, err
		}
		if len(items) == cap(items) {
			items = p.slab.MoreItems(items)
		}
		p.charge(2 * codec.ValueCost)
		items = append(items, py.Item{Key: k, Value: v})
		j = skipBlank(src, end)
		if j < len(src) && src[j] == '}' {
			break
		}
		if j >= len(src) || src[j] != ',' {
			p.depth = depth
			return nil, i, errNotFast
		}
		if j = skipBlank(src, j+1); j < len(src) && src[j] == '}' {
			break
		}
	}
	p.guess.Remember(codec.GuessDict, p.depth, len(items))
	p.depth--
	d, err := p.slab.Dict(items[:len(items):len(items)])
	if err != nil {
		p.depth = depth
		return nil, i, errNotFast
	}
	return p.hookDict(d), j + 1, nil
}
