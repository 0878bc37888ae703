package serpent

import (
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pylit"
)

var _ codec.DictItemizer = Codec{}

// pairs reads a top-level dict display pair by pair
// (codec.DictItemizer).
type pairs struct {
	p    *pylit.Parser
	it   *pylit.DictItems
	n    int
	head [2]py.Item // the first two pairs, for special
	err  error
}

// DictPairs implements codec.DictItemizer: the reader of a top-level dict
// display, read as the parser reads one (pylit.DictItems); nil for any
// other value. A dict of two pairs that special turns into bytes or nan
// ends in codec.ErrWhole.
func (Codec) DictPairs(data []byte, b *codec.Budget) codec.Pairs {
	p := newParser(borrow(data), b) // data must stay unchanged while the pairs are read
	it := p.DictItems()
	if it == nil {
		return nil
	}
	return &pairs{p: p, it: it}
}

// Next implements codec.Pairs.
func (r *pairs) Next() (k, v py.Value, ok bool, err error) {
	if r.err != nil {
		return nil, nil, false, r.err
	}
	k, v, ok, err = r.it.Next()
	if err == nil && !ok {
		err = atEnd(r.p)
		if err == nil && r.n == 2 {
			d, derr := py.NewDictItems([]py.Item{r.head[0], r.head[1]})
			if derr == nil && special(d) != py.Value(d) {
				r.err = codec.ErrWhole
				return nil, nil, false, r.err
			}
		}
	}
	if err != nil {
		r.err = decodeError(err)
		return nil, nil, false, r.err
	}
	if ok {
		if r.n < 2 {
			r.head[r.n] = py.Item{Key: k, Value: v}
		} else {
			r.head = [2]py.Item{} // not special; let them go
		}
		r.n++
	}
	return k, v, ok, nil
}
