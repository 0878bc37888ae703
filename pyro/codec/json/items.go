package json

import (
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// items reads a top-level array element by element (codec.Itemizer).
type items struct {
	d     *decoder
	first bool // no element read yet
	done  bool
	err   error
}

// DecodeItems implements codec.Itemizer: a top-level array comes back as
// codec.Items. The payload is checked as UTF-8 whole first, as Decode
// does; a payload whose last non-blank byte is not ']' is decoded whole,
// so a truncated reply fails before a caller has printed anything.
func (Codec) DecodeItems(data []byte, b *codec.Budget) (py.Value, codec.Items, error) {
	d, err := newDecoder(data, b)
	if err != nil {
		return nil, nil, err
	}
	if d.pos >= len(data) || data[d.pos] != '[' || lastNonBlank(data) != ']' {
		v, err := d.value()
		if err != nil {
			return nil, nil, err
		}
		return v, nil, d.end()
	}
	if err := d.enter(); err != nil {
		return nil, nil, err
	}
	d.pos++
	d.skipSpace()
	return nil, &items{d: d, first: true}, nil
}

func lastNonBlank(data []byte) byte {
	for i := len(data) - 1; i >= 0; i-- {
		switch c := data[i]; c {
		case ' ', '\t', '\n', '\r':
		default:
			return c
		}
	}
	return 0
}

// IsTuple implements codec.Items: JSON has no tuples.
func (*items) IsTuple() bool { return false }

// Next implements codec.Items.
func (it *items) Next() (py.Value, bool, error) {
	if it.err != nil || it.done {
		return nil, false, it.err
	}
	d := it.d
	if it.first {
		it.first = false
		if d.pos < len(d.data) && d.data[d.pos] == ']' {
			d.pos++
			return it.finish()
		}
	}
	d.skipSpace()
	v, err := d.value()
	if err == nil {
		err = d.charge(codec.ValueCost) // its slot, as array() charges it
	}
	if err != nil {
		return it.fail(err)
	}
	closed, err := d.next(']')
	if err != nil {
		return it.fail(err)
	}
	if closed {
		// Check the end now, as Decode would before returning anything
		// more; the element is still handed out, the error next time.
		d.depth--
		if err := d.end(); err != nil {
			it.err = err
		}
		it.done = it.err == nil
	}
	return v, true, nil
}

func (it *items) finish() (py.Value, bool, error) {
	it.done = true
	it.d.depth--
	if err := it.d.end(); err != nil {
		return it.fail(err)
	}
	return nil, false, nil
}

func (it *items) fail(err error) (py.Value, bool, error) {
	it.err = err
	return nil, false, err
}
