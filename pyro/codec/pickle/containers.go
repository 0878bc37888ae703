package pickle

import (
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// typeName is py.TypeName that also knows the VM's own kinds.
func typeName(v py.Value) string {
	switch v.(type) {
	case *plist:
		return "list"
	case *classRef:
		return "type"
	}
	return py.TypeName(v)
}

// unhashable reports whether Python would refuse v as a dict key or set
// element.
func unhashable(v py.Value) bool {
	switch x := v.(type) {
	case *plist, *py.Dict, *py.Set, py.List, py.ByteArray, *py.Deque, *py.Array, *py.Slice, *py.StdDict:
		return true
	case py.Tuple:
		for _, e := range x {
			if unhashable(e) {
				return true
			}
		}
	}
	return false
}

// resolve returns what an instance class dict stands for once BUILD has
// given it a replacement (a uuid.UUID becomes its str), else v.
func (d *decoder) resolve(v py.Value) py.Value {
	if m, ok := v.(*py.Dict); ok && d.objs != nil {
		if o := d.objs[m]; o != nil && o.replace != nil {
			return o.replace
		}
	}
	return v
}

// instance returns the object record of v when v is an instance class dict.
func (d *decoder) instance(v py.Value) (*py.Dict, *object) {
	m, ok := v.(*py.Dict)
	if !ok || d.objs == nil {
		return nil, nil
	}
	if o := d.objs[m]; o != nil {
		return m, o
	}
	return nil, nil
}

// appendItems is APPEND/APPENDS. On an instance (a list subclass rebuilt
// as a class dict) the items go to its "items" entry.
func (d *decoder) appendItems(target py.Value, items []py.Value) error {
	if m, o := d.instance(target); m != nil {
		if o.exception {
			return d.errf("APPEND on exception %s", o.class)
		}
		d.slow = true // its "items" list box stays one until finalize
		v, _ := m.GetStr(keyItems)
		l, ok := v.(*plist)
		if !ok {
			items, _ := listItems(v) // a done list from BUILD's state
			l = &plist{items: items}
			m.SetStr(keyItems, l)
		}
		target = l
	}
	if q, ok := target.(*py.Deque); ok {
		for _, e := range items {
			q.Append(d.done(e))
		}
		return nil
	}
	l, ok := target.(*plist)
	if !ok {
		return d.errf("APPEND on %s", typeName(target))
	}
	if err := d.charge(len(items) * codec.ValueCost); err != nil {
		return err
	}
	if l == d.root {
		// Streaming: the elements wait in pending for items.go.
		for _, e := range items {
			d.pending = append(d.pending, d.done(e))
		}
		d.batched = true
		return nil
	}
	if len(l.items) == 0 && cap(l.items) < len(items) {
		l.items = d.values(items)
		return nil
	}
	for _, e := range items {
		l.items = append(l.items, d.done(e))
	}
	return nil
}

// setItemsOn is SETITEM/SETITEMS. On an instance (a dict subclass rebuilt
// as a class dict) the items go to its "items" entry.
func (d *decoder) setItemsOn(target py.Value, items []py.Value) error {
	if m, o := d.instance(target); m != nil {
		if o.exception {
			return d.errf("SETITEM on exception %s", o.class)
		}
		v, _ := m.GetStr(keyItems)
		inner, ok := v.(*py.Dict)
		if !ok {
			inner = py.NewDict(len(items) / 2)
			m.SetStr(keyItems, inner)
		}
		target = inner
	}
	if sd, ok := target.(*py.StdDict); ok {
		target = sd.Dict
	}
	m, ok := target.(*py.Dict)
	if !ok {
		return d.errf("SETITEM on %s", typeName(target))
	}
	return d.setItems(m, items)
}

// setItems stores alternating keys and values into m (queues them in
// pending when m is the streamed root dict).
func (d *decoder) setItems(m *py.Dict, items []py.Value) error {
	if len(items)%2 != 0 {
		return d.errf("odd number of items for a dict")
	}
	if err := d.charge(len(items) * codec.ValueCost); err != nil {
		return err
	}
	if m.Len() == 0 && m != d.rootMap && len(items) > 0 && !d.walkAlways {
		if out, ok := d.dictItems(items); ok {
			// Keys no set can refuse: Fill cannot fail, and it keeps the
			// first of duplicate keys with the last value, as Set does.
			_ = d.slab.Fill(m, out)
			return nil
		}
	}
	for i := 0; i < len(items); i += 2 {
		k := d.resolve(items[i])
		if unhashable(k) {
			return d.errf("unhashable dict key of type %s", typeName(k))
		}
		if m == d.rootMap {
			// Streaming: the pair waits in pending for dictitems.go.
			d.pending = append(d.pending, k, d.done(items[i+1]))
			d.batched = true
			continue
		}
		if err := m.Set(k, d.done(items[i+1])); err != nil {
			return d.errf("%v", err)
		}
	}
	return nil
}

// dictItems returns alternating keys and values as the items of a new dict
// (keys resolved, values done), in storage cut from the slab, when every
// key is of a type that is always hashable; ok is false otherwise, with
// nothing changed, and setItems goes pair by pair for its errors.
func (d *decoder) dictItems(kv []py.Value) (out []py.Item, ok bool) {
	for i := 0; i < len(kv); i += 2 {
		switch d.resolve(kv[i]).(type) {
		case py.Str, py.Int, py.Float, py.Bool, py.NoneType, py.Bytes, *py.BigInt:
		default:
			return nil, false
		}
	}
	out = d.slab.Items(len(kv) / 2)
	for i := range out {
		out[i] = py.Item{Key: d.resolve(kv[2*i]), Value: d.done(kv[2*i+1])}
	}
	return out, true
}

// addToSet is ADDITEMS: Python sets drop duplicates, so each set keeps
// the hash keys it holds while the VM runs.
func (d *decoder) addToSet(s *py.Set, items []py.Value) error {
	if d.sets == nil {
		d.sets = make(map[*py.Set]map[string]struct{})
	}
	seen := d.sets[s]
	if seen == nil {
		seen = make(map[string]struct{}, len(items))
		d.sets[s] = seen
		for _, e := range s.Items {
			if k, ok := py.HashKey(e); ok {
				seen[k] = struct{}{}
			}
		}
	}
	out, err := d.addUnique(s.Items, items, seen)
	s.Items = out
	return err
}

// uniqueItems returns items without duplicates, for FROZENSET and the
// set constructors.
func (d *decoder) uniqueItems(items []py.Value) ([]py.Value, error) {
	seen := make(map[string]struct{}, len(items))
	return d.addUnique(make([]py.Value, 0, len(items)), items, seen)
}

func (d *decoder) addUnique(dst, items []py.Value, seen map[string]struct{}) ([]py.Value, error) {
	for _, e := range items {
		e = d.resolve(e)
		if _, o := d.instance(e); o != nil {
			// An instance hashes by identity in Python; keep every one.
			dst = append(dst, e)
			continue
		}
		if unhashable(e) {
			return dst, d.errf("unhashable set element of type %s", typeName(e))
		}
		k, ok := py.HashKey(e)
		if !ok {
			return dst, d.errf("unhashable set element of type %s", typeName(e))
		}
		if _, dup := seen[k]; dup {
			continue
		}
		seen[k] = struct{}{}
		dst = append(dst, e)
	}
	return dst, nil
}
