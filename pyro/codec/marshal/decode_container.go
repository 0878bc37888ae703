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
	defer func() { d.depth-- }()
	if code == typeDict {
		return d.dict(at)
	}
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

// dict reads key/value pairs up to the NULL that ends them; marshal
// gives no count, so they gather on a stack and the dict gets one
// allocation of its exact size at the end.
func (d *decoder) dict(at int) (py.Value, error) {
	mark := len(d.pairs)
	defer func() {
		clear(d.pairs[mark:])
		d.pairs = d.pairs[:mark]
	}()
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
		d.pairs = append(d.pairs, py.Item{Key: k, Value: v})
	}
	items := d.slab.Items(len(d.pairs) - mark)
	copy(items, d.pairs[mark:])
	// A key given twice keeps its first place and its last value, as
	// marshal.loads's dict does.
	m, err := d.slab.Dict(items)
	if err != nil {
		return nil, d.errorf(at, "%v", err)
	}
	return m, nil
}
