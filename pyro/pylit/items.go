package pylit

import (
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// Items reads the elements of a list or tuple display one at a time, so
// a caller can consume a large literal (a reply of 100,000 dicts) while
// only the element in hand is alive, not the whole list. Parser.Items
// starts one.
//
// Each element is parsed as the fast lane parses the elements of a
// display (Parser.elem: the lane, else the token grammar), and every
// check runs in the order the grammar runs it, so the elements, the
// errors (message, position, Incomplete) and where the parser stops are
// those of Literal; FuzzItems compares the two.
type Items struct {
	p       *Parser
	closer  byte     // ']' or ')'
	depth   int      // p.depth outside the display
	j       int      // offset of the next element, or of the closer
	first   py.Value // a tuple's first element, read ahead (see Parser.Items)
	hasNext bool     // first is waiting to be returned
	done    bool
	err     error
}

// Items starts reading the list or tuple display at the current token.
// It returns nil and no error, having consumed nothing, when there is no
// display to read this way; parse with Literal then. That is the case
// when the token is not '[' or '(', when the parser has failed, when the
// source holds a NUL byte or invalid UTF-8 (Literal reports it where it
// is), when the display would nest too deep, and for a parenthesised
// single value: (x) is x, not a tuple, so a '(' is read up to the comma
// after its first element before Items answers.
func (p *Parser) Items() (*Items, error) {
	t := p.tok
	if p.err != nil || p.noFast || p.sc.err != nil || !t.Is("[") && !t.Is("(") {
		return nil, nil
	}
	it := &Items{p: p, closer: ']', depth: p.depth}
	if t.Is("(") {
		it.closer = ')'
	}
	if !p.open() {
		return nil, nil
	}
	src := p.src
	it.j = skipBlank(src, t.Off+1)
	if it.closer == ')' && (it.j >= len(src) || src[it.j] != ')') {
		used := p.used()
		v, end, err := p.elem(it.j)
		if err != nil {
			return nil, it.fail(err)
		}
		if k := skipBlank(src, end); k < len(src) && src[k] == ')' {
			p.reset(used)
			p.depth = it.depth
			p.restart(t.Off)
			return nil, nil
		}
		if err := it.after(it.j, end, used); err != nil {
			return nil, err
		}
		p.charge(codec.ValueCost)
		if p.err != nil {
			return nil, it.fail(p.err)
		}
		it.first, it.hasNext = v, true
	}
	return it, nil
}

// IsTuple reports whether the display is a tuple, not a list.
func (it *Items) IsTuple() bool { return it.closer == ')' }

// Next returns the next element; ok is false after the last one, when
// the parser is on the token after the closing bracket, as after Literal.
// As after Literal, the caller checks Parser.Err and what that token is.
// An error ends the display: every later call returns it again.
func (it *Items) Next() (v py.Value, ok bool, err error) {
	if it.err != nil || it.done {
		return nil, false, it.err
	}
	if it.hasNext {
		v, it.first, it.hasNext = it.first, nil, false
		return v, true, nil
	}
	p, src := it.p, it.p.src
	if it.j < len(src) && src[it.j] == it.closer {
		return nil, false, it.finish()
	}
	used := p.used()
	v, end, err := p.elem(it.j)
	if err != nil {
		return nil, false, it.fail(err)
	}
	if err := it.after(it.j, end, used); err != nil {
		return nil, false, err
	}
	// The slot the element would take in the whole list, as Literal's
	// push charges it.
	p.charge(codec.ValueCost)
	if p.err != nil {
		return nil, false, it.fail(p.err)
	}
	return v, true, nil
}

// after moves past the comma or up to the closer that follows the
// element from byte offset start to end. Anything else is an error, and
// the grammar's to describe: the fast lane gives up on the display there
// and Literal re-reads it with the grammar, which may see more than the
// lane did (None + 1 is an error about the '+', not a missing comma).
func (it *Items) after(start, end int, used int64) error {
	p, src := it.p, it.p.src
	j := skipBlank(src, end)
	switch {
	case j < len(src) && src[j] == ',':
		it.j = skipBlank(src, j+1)
	case j < len(src) && src[j] == it.closer:
		it.j = j
	default:
		p.reset(used) // the grammar reads the element again
		p.restart(start)
		_, _, err := p.expr()
		if err == nil {
			err = p.expected("',' or '" + string(it.closer) + "'")
		}
		return it.fail(err)
	}
	return nil
}

// finish leaves the display at its closer. A sign after it is an error
// here, as in the grammar: Literal hands [1] + 2j to expr, which rejects
// a sum whose left side is no number.
func (it *Items) finish() error {
	p := it.p
	it.done = true
	p.depth = it.depth
	p.restart(it.j + 1)
	if p.err == nil && (p.tok.Is("+") || p.tok.Is("-")) {
		return it.fail(p.notSum(p.Next()))
	}
	return nil
}

func (it *Items) fail(err error) error {
	it.err, it.first, it.hasNext = err, nil, false
	return err
}
