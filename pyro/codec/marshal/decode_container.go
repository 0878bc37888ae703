package marshal

import (
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

func (d *decoder) container(code byte, at int) (py.Value, error) {
	d.depth++
	if d.depth > codec.MaxDepth {
		return nil, d.errorf(at, "nesting deeper than %d", codec.MaxDepth)
	}
	var v py.Value
	var err error
	if code == typeDict {
		v, err = d.dict(at)
	} else {
		v, err = d.sequence(code, at)
	}
	d.depth--
	return v, err
}

// sequence reads a tuple, list, set or frozenset.
func (d *decoder) sequence(code byte, at int) (py.Value, error) {
	var n int
	if code == typeSmallTuple {
		b, err := d.byte1()
		if err != nil {
			return nil, err
		}
		n = int(b)
	} else {
		var err error
		if n, err = d.count(1); err != nil {
			return nil, err
		}
	}
	if n > len(d.data)-d.pos {
		// Every item takes at least one byte.
		return nil, d.errorf(at, "bad marshal data (size %d exceeds the data)", n)
	}
	if err := d.charge(n*codec.ValueCost, at); err != nil {
		return nil, err
	}
	items := d.slab.Values(n)
	for i := range items {
		v, err := d.object()
		if err != nil {
			return nil, err
		}
		if v == nil {
			return nil, d.errorf(at, "bad marshal data (NULL object in container)")
		}
		items[i] = v
	}
	switch code {
	case typeList:
		return d.slab.List(items), nil
	case typeSet, typeFrozenSet:
		items, err := d.uniq(items, at)
		if err != nil {
			return nil, err
		}
		if code == typeSet {
			return &py.Set{Items: items}, nil
		}
		return &py.FrozenSet{Items: items}, nil
	}
	return py.Tuple(items), nil
}

// uniq drops repeated set elements, as building a Python set would, and
// rejects unhashable ones.
func (d *decoder) uniq(items []py.Value, at int) ([]py.Value, error) {
	seen := make(map[string]bool, len(items))
	out := items[:0]
	for _, v := range items {
		k, ok := py.HashKey(v)
		if !ok {
			return nil, d.errorf(at, "unhashable type: '%s'", py.TypeName(v))
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, v)
		}
	}
	return out, nil
}

// dict reads key/value pairs up to the NULL that ends them. Marshal
// gives no count: the items start with the room guess gives them, cut
// from slab, and double from there.
func (d *decoder) dict(at int) (py.Value, error) {
	items := d.slab.Items(d.guess.For(codec.GuessDict, d.depth))[:0]
	for {
		k, err := d.object()
		if err != nil {
			return nil, err
		}
		if k == nil {
			break
		}
		v, err := d.object()
		if err != nil {
			return nil, err
		}
		if v == nil {
			return nil, d.errorf(at, "bad marshal data (NULL value in dict)")
		}
		if err := d.charge(2*codec.ValueCost, at); err != nil {
			return nil, err
		}
		if len(items) == cap(items) {
			items = d.slab.MoreItems(items)
		}
		items = append(items, py.Item{Key: k, Value: v})
	}
	d.guess.Remember(codec.GuessDict, d.depth, len(items))
	// A key given twice keeps its first place and its last value, as
	// marshal.loads's dict does.
	m, err := d.slab.Dict(items[:len(items):len(items)])
	if err != nil {
		return nil, d.errorf(at, "%v", err)
	}
	return m, nil
}
