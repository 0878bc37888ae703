package msgpack

import (
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// items reads a top-level array element by element (codec.Itemizer).
type items struct {
	d    *decoder
	left int // elements still to read
	err  error
}

// DecodeItems implements codec.Itemizer: a top-level array comes back as
// codec.Items. Its length is checked against the data and charged to the
// budget first, as Decode does.
func (Codec) DecodeItems(data []byte, b *codec.Budget) (py.Value, codec.Items, error) {
	d := newDecoder(data, b)
	n, ok, err := d.arrayHeader()
	if err != nil {
		return nil, nil, err
	}
	if !ok {
		v, err := d.value()
		if err != nil {
			return nil, nil, err
		}
		return v, nil, d.end()
	}
	it := &items{d: d, left: n}
	if n == 0 {
		if err := d.end(); err != nil {
			return nil, nil, err
		}
	}
	return nil, it, nil
}

// arrayHeader reads the header of an array at the start of the data and
// enters it as arrayN does; ok is false, with nothing read, for any
// other value.
func (d *decoder) arrayHeader() (n int, ok bool, err error) {
	if len(d.data) == 0 {
		return 0, false, nil
	}
	c := d.data[0]
	switch {
	case c >= 0x90 && c <= 0x9f:
		d.pos++
		n = int(c & 0x0f)
	case c == 0xdc || c == 0xdd:
		d.pos++
		if n, err = d.length(2<<(c-0xdc), 1); err != nil {
			return 0, false, err
		}
	default:
		return 0, false, nil
	}
	if err := d.enter(0); err != nil {
		return 0, false, err
	}
	if n > len(d.data)-d.pos {
		return 0, false, d.errorf(0, "length %d exceeds the data", n)
	}
	if err := d.charge(n*codec.ValueCost, 0); err != nil {
		return 0, false, err
	}
	return n, true, nil
}

// IsTuple implements codec.Items: Pyro4's msgpack result arrays are lists.
func (*items) IsTuple() bool { return false }

// Next implements codec.Items.
func (it *items) Next() (py.Value, bool, error) {
	if it.err != nil || it.left == 0 {
		return nil, false, it.err
	}
	v, err := it.d.value()
	if err == nil {
		it.left--
		if it.left == 0 {
			err = it.d.end()
		}
	}
	if err != nil {
		it.err = err
		return nil, false, err
	}
	return v, true, nil
}
