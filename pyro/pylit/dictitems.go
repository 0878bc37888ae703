package pylit

import (
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// DictItems reads the key/value pairs of a dict display one at a time,
// so a caller can consume a large literal while only the pair in hand is
// alive. Parser.DictItems starts one.
//
// It is a raw reader (codec.DictItemizer): each key and value is parsed
// as the fast lane parses the pairs of a dict (Parser.elem: the lane,
// else the token grammar), a key given twice is handed out twice, and
// keys are not checked for hashability. Where Literal gives a dict, it
// gives that dict's pairs and charges the budget what Literal charges;
// wherever Literal fails it fails too, though not always with Literal's
// error (a set display, {1, 2}, is an error here): codec.StreamDict
// decodes such payloads whole.
type DictItems struct {
	p     *Parser
	depth int // p.depth outside the display
	j     int // offset of the next key, or of the closer
	done  bool
	err   error
}

// DictItems starts reading the dict display at the current token. It
// returns nil, having consumed nothing, when there is no display to read
// this way; parse with Literal then. That is the case when the token is
// not '{', when the parser has failed, when the source holds a NUL byte
// or invalid UTF-8, and when the display would nest too deep.
func (p *Parser) DictItems() *DictItems {
	t := p.tok
	if p.err != nil || p.noFast || p.sc.err != nil || !t.Is("{") {
		return nil
	}
	depth := p.depth
	if !p.open() {
		return nil
	}
	return &DictItems{p: p, depth: depth, j: skipBlank(p.src, t.Off+1)}
}

// Next returns the next key and value; ok is false after the last pair,
// when the parser is on the token after the closing brace, as after
// Literal. As after Literal, the caller checks Parser.Err and what that
// token is. An error ends the display: every later call returns it again.
func (it *DictItems) Next() (k, v py.Value, ok bool, err error) {
	if it.err != nil || it.done {
		return nil, nil, false, it.err
	}
	p, src := it.p, it.p.src
	j := it.j
	if j < len(src) && src[j] == '}' {
		it.done = true
		p.depth = it.depth
		p.restart(j + 1)
		return nil, nil, false, nil
	}
	k, end, err := p.elem(j)
	if err != nil {
		return it.fail(err)
	}
	if j = skipBlank(src, end); j >= len(src) || src[j] != ':' {
		return it.fail(p.Errorf(j, "expected ':'"))
	}
	if v, end, err = p.elem(j + 1); err != nil {
		return it.fail(err)
	}
	// The two slots the pair takes in the whole dict, as makeDict charges.
	if p.charge(2 * codec.ValueCost); p.err != nil {
		return it.fail(p.err)
	}
	switch j = skipBlank(src, end); {
	case j < len(src) && src[j] == '}':
		it.j = j
	case j < len(src) && src[j] == ',':
		it.j = skipBlank(src, j+1)
	default:
		return it.fail(p.Errorf(j, "expected ',' or '}'"))
	}
	return k, v, true, nil
}

func (it *DictItems) fail(err error) (py.Value, py.Value, bool, error) {
	it.err = err
	return nil, nil, false, err
}
