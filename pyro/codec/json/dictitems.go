package json

import (
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

var _ codec.DictItemizer = Codec{}

// pairs reads a top-level object pair by pair (codec.DictItemizer).
type pairs struct {
	d     *decoder
	first bool // no pair read yet
	done  bool
	err   error
}

// DictPairs implements codec.DictItemizer: the reader of a top-level
// object, read as object reads it; nil for any other value. The payload
// is checked as UTF-8 whole first, as Decode does.
func (Codec) DictPairs(data []byte, b *codec.Budget) codec.Pairs {
	d, err := newDecoder(data, b)
	if err != nil {
		return nil
	}
	if d.pos >= len(data) || data[d.pos] != '{' {
		return nil
	}
	it := &pairs{d: d, first: true}
	if err := d.enter(); err != nil {
		it.err = err
	}
	d.pos++
	d.skipSpace()
	return it
}

// Next implements codec.Pairs.
func (it *pairs) Next() (k, v py.Value, ok bool, err error) {
	if it.err != nil || it.done {
		return nil, nil, false, it.err
	}
	d := it.d
	if it.first {
		it.first = false
		if d.pos < len(d.data) && d.data[d.pos] == '}' {
			d.pos++
			it.done = true
			return it.fail(d.end())
		}
	}
	d.skipSpace()
	if d.pos >= len(d.data) || d.data[d.pos] != '"' {
		return it.fail(d.errorf("expecting property name enclosed in double quotes"))
	}
	if k, err = d.strValue(); err != nil {
		return it.fail(err)
	}
	d.skipSpace()
	if d.pos >= len(d.data) || d.data[d.pos] != ':' {
		return it.fail(d.errorf("expecting ':' delimiter"))
	}
	d.pos++
	d.skipSpace()
	if v, err = d.value(); err != nil {
		return it.fail(err)
	}
	if err := d.charge(2 * codec.ValueCost); err != nil {
		return it.fail(err)
	}
	closed, err := d.next('}')
	if err != nil {
		return it.fail(err)
	}
	if closed {
		// The end is checked now, as Decode checks it before returning
		// anything; the pair waits for the check.
		it.done = true
		if err := d.end(); err != nil {
			return it.fail(err)
		}
	}
	return k, v, true, nil
}

// fail ends the reader with err, or quietly after its last pair when err
// is nil.
func (it *pairs) fail(err error) (py.Value, py.Value, bool, error) {
	it.err = err
	return nil, nil, false, err
}
