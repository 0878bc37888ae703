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
	// Every item takes at least one byte, so n is bounded by the input.
	items := make([]py.Value, 0, min(n, len(d.data)-d.pos))
	for range n {
		v, err := d.object()
		if err != nil {
			return nil, err
		}
		if v == nil {
			return nil, d.errorf(at, "bad marshal data (NULL object in container)")
		}
		items = append(items, v)
	}
	switch code {
	case typeList:
		return py.List(items), nil
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

func (d *decoder) dict(at int) (py.Value, error) {
	m := py.NewDict(0)
	for {
		k, err := d.object()
		if err != nil {
			return nil, err
		}
		if k == nil {
			return m, nil
		}
		v, err := d.object()
		if err != nil {
			return nil, err
		}
		if v == nil {
			return nil, d.errorf(at, "bad marshal data (NULL value in dict)")
		}
		if err := m.Set(k, v); err != nil {
			return nil, d.errorf(at, "%v", err)
		}
	}
}
