package serpent

import (
	"strings"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pylit"
)

// Items is a payload's top-level list or tuple decoded one element at a
// time (DecodeItems): a caller that prints each element and drops it
// holds the payload and one element, not the whole value, which for
// small elements is over four times the payload's size.
type Items struct {
	p   *pylit.Parser
	it  *pylit.Items
	err error
}

// DecodeItems implements codec.Itemizer. It decodes data as DecodeWithin does, except that a top-level list
// or tuple comes back as Items, to read element by element, and v is
// nil. Any other value is decoded whole into v, and so is a payload whose
// last non-blank byte is not the bracket closing its first: a truncated
// or garbled reply then fails before a caller has printed anything.
// That check is cheap, not complete: a payload broken in the middle is
// found only when Items reaches the break.
//
// The elements, and the error where the payload is broken, are the ones
// Decode gives (pylit.Items reads as Literal does; FuzzDecodeItems).
func (Codec) DecodeItems(data []byte, b *codec.Budget) (v py.Value, items codec.Items, err error) {
	src := borrow(data) // data must stay unchanged while the Items are read
	p := newParser(src, b)
	if closesDisplay(src, p.Peek()) {
		it, err := p.Items()
		if err != nil {
			return nil, nil, decodeError(err)
		}
		if it != nil {
			return nil, &Items{p: p, it: it}, nil
		}
	}
	v, err = decodeAll(p)
	return v, nil, err
}

// closesDisplay reports whether src ends with the bracket closing the
// list or tuple display that the token t opens. Serpent writes nothing
// after the value; whatever else ends a payload (a comment, a cut-off
// element) sends it down Decode's path.
func closesDisplay(src string, t pylit.Token) bool {
	var closer byte
	switch {
	case t.Is("["):
		closer = ']'
	case t.Is("("):
		closer = ')'
	default:
		return false
	}
	s := strings.TrimRight(src, " \t\n\r\f")
	return len(s) > t.Off+1 && s[len(s)-1] == closer
}

// IsTuple reports whether the value is a tuple, not a list.
func (it *Items) IsTuple() bool { return it.it.IsTuple() }

// Next returns the next element, or ok false after the last one. An
// error is Decode's for the same payload (a *codec.Error), and every
// later call returns it again.
func (it *Items) Next() (v py.Value, ok bool, err error) {
	if it.err != nil {
		return nil, false, it.err
	}
	v, ok, err = it.it.Next()
	if err == nil && !ok {
		err = atEnd(it.p)
	}
	if err != nil {
		it.err = decodeError(err)
		return nil, false, it.err
	}
	return v, ok, nil
}
