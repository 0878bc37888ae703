package marshal

import (
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

var _ codec.DictItemizer = Codec{}

// pairs reads a top-level dict pair by pair (codec.DictItemizer).
type pairs struct {
	d    *decoder
	done bool
	err  error
}

// DictPairs implements codec.DictItemizer: the reader of a top-level
// dict, read as dict reads it; nil for any other value. A reference to
// the dict itself from inside stands for it, as in DecodeItems.
func (Codec) DictPairs(data []byte, b *codec.Budget) codec.Pairs {
	if len(data) == 0 || data[0]&^flagRef != typeDict {
		return nil
	}
	d := newDecoder(data, b)
	d.pos = 1
	if data[0]&flagRef != 0 {
		d.refs = append(d.refs, pending(typeDict))
		d.sizes = append(d.sizes, 0)
	}
	d.depth++
	return &pairs{d: d}
}

// Next implements codec.Pairs.
func (it *pairs) Next() (k, v py.Value, ok bool, err error) {
	if it.err != nil || it.done {
		return nil, nil, false, it.err
	}
	d := it.d
	k, err = d.object()
	if err == nil && k == nil {
		// The NULL after the last pair; the dict counts once, as
		// object counts it.
		it.done = true
		if d.nodes++; d.nodes > d.maxNodes {
			err = d.errorf(0, "data expands to more than %d values", d.maxNodes)
		}
	}
	if err == nil && !it.done {
		v, err = d.object()
		if err == nil && v == nil {
			err = d.errorf(0, "bad marshal data (NULL value in dict)")
		}
		if err == nil {
			err = d.charge(2*codec.ValueCost, 0)
		}
	}
	if err != nil {
		it.err = err
		return nil, nil, false, err
	}
	return k, v, !it.done, nil
}
