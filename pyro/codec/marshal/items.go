package marshal

import (
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// items reads a top-level list or tuple element by element
// (codec.Itemizer).
type items struct {
	d     *decoder
	at    int // offset of the container's type code
	left  int // elements still to read
	tuple bool
	err   error
}

// DecodeItems implements codec.Itemizer: a top-level list or tuple comes
// back as codec.Items. Its count is checked against the data and charged
// to the budget first, as Decode does; a reference to the container
// itself from inside is refused, as there.
func (Codec) DecodeItems(data []byte, b *codec.Budget) (py.Value, codec.Items, error) {
	d := newDecoder(data, b)
	if len(data) == 0 {
		_, err := d.object()
		return nil, nil, err
	}
	switch data[0] &^ flagRef {
	case typeList, typeTuple, typeSmallTuple:
	default:
		v, err := decodeWith(d)
		return v, nil, err
	}
	code := data[0] &^ flagRef
	d.pos = 1
	if data[0]&flagRef != 0 {
		// The container is never built: a reference to it from one of its
		// items stands for it (it holds itself).
		d.refs = append(d.refs, pending(code))
		d.sizes = append(d.sizes, 0)
	}
	d.depth++
	var n int
	var err error
	if code == typeSmallTuple {
		var c byte
		c, err = d.byte1()
		n = int(c)
	} else {
		n, err = d.count(1)
	}
	if err == nil && n > len(d.data)-d.pos {
		err = d.errorf(0, "bad marshal data (size %d exceeds the data)", n)
	}
	if err == nil {
		err = d.charge(n*codec.ValueCost, 0)
	}
	if err != nil {
		return nil, nil, err
	}
	it := &items{d: d, left: n, tuple: code != typeList}
	if n == 0 {
		it.err = it.end()
	}
	return nil, it, it.err
}

// IsTuple implements codec.Items.
func (it *items) IsTuple() bool { return it.tuple }

// Next implements codec.Items.
func (it *items) Next() (py.Value, bool, error) {
	if it.err != nil || it.left == 0 {
		return nil, false, it.err
	}
	v, err := it.d.object()
	if err == nil && v == nil {
		err = it.d.errorf(it.at, "bad marshal data (NULL object in container)")
	}
	if err == nil {
		if it.left--; it.left == 0 {
			err = it.end()
		}
	}
	if err != nil {
		it.err = err
		return nil, false, err
	}
	return v, true, nil
}

// end counts the container itself once its elements are read, as object
// does after value.
func (it *items) end() error {
	d := it.d
	d.nodes++
	if d.nodes > d.maxNodes {
		return d.errorf(it.at, "data expands to more than %d values", d.maxNodes)
	}
	return nil
}
