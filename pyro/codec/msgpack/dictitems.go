package msgpack

import (
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

var _ codec.DictItemizer = Codec{}

// pairs reads a top-level map pair by pair (codec.DictItemizer).
type pairs struct {
	d    *decoder
	left int // pairs still to read
	err  error
}

// DictPairs implements codec.DictItemizer: the reader of a top-level
// map, whose length is checked against the data and charged to the
// budget first, as mapN does; nil for any other value.
func (Codec) DictPairs(data []byte, b *codec.Budget) codec.Pairs {
	if len(data) == 0 {
		return nil
	}
	d := newDecoder(data, b)
	var n int
	var err error
	switch c := data[0]; {
	case c >= 0x80 && c <= 0x8f:
		d.pos++
		n = int(c & 0x0f)
	case c == 0xde || c == 0xdf:
		d.pos++
		n, err = d.length(2<<(c-0xde), 2)
	default:
		return nil
	}
	if err == nil {
		err = d.enter(0)
	}
	if err == nil && 2*n > len(d.data)-d.pos {
		err = d.errorf(0, "length %d exceeds the data", n)
	}
	if err == nil {
		err = d.charge(2*n*codec.ValueCost, 0)
	}
	if err == nil && n == 0 {
		err = d.end()
	}
	return &pairs{d: d, left: n, err: err}
}

// Next implements codec.Pairs: each key as mapN reads it (an array key
// becomes a tuple, a map key is refused).
func (it *pairs) Next() (k, v py.Value, ok bool, err error) {
	if it.err != nil || it.left == 0 {
		return nil, nil, false, it.err
	}
	d := it.d
	kat := d.pos
	k, err = d.value()
	if err == nil {
		k = hashable(k)
		if unhashable(k) {
			err = d.errorf(kat, "%v", &py.UnhashableError{Value: k})
		}
	}
	if err == nil {
		v, err = d.value()
	}
	if err == nil {
		if it.left--; it.left == 0 {
			err = d.end()
		}
	}
	if err != nil {
		it.err = err
		return nil, nil, false, err
	}
	return k, v, true, nil
}
