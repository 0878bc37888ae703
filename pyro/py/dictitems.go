package py

// NewDictItems returns a dict holding items, in order, and takes ownership
// of the slice: the dict keeps it and may reorder or shorten it in place.
// As in a Python dict display, a key given twice keeps its first position
// and takes its last value. It fails on an unhashable key.
//
// Decoders use it to build a dict in one step from pairs they collected,
// with no per-key Set; a small all-str dict costs no allocation beyond the
// Dict itself.
func NewDictItems(items []Item) (*Dict, error) {
	d := new(Dict)
	return d, d.init(items)
}

// init fills an empty d from items, as NewDictItems describes.
func (d *Dict) init(items []Item) error {
	if len(items) <= smallDict {
		n := 0
		for i, it := range items {
			if !quickHashable(it.Key) {
				if _, ok := HashKey(it.Key); !ok {
					return &UnhashableError{it.Key}
				}
			}
			if j := findIn(items[:n], it.Key); j >= 0 {
				items[j].Value = it.Value
				continue
			}
			if n != i { // items before a duplicate stay where they are
				items[n] = it
			}
			n++
		}
		d.setItems(items, n)
		return nil
	}
	d.index = make(map[string]int, len(items))
	n := 0
	for i, it := range items {
		hk, ok := HashKey(it.Key)
		if !ok {
			d.index = nil
			return &UnhashableError{it.Key}
		}
		if j, dup := d.index[hk]; dup {
			items[j].Value = it.Value
			continue
		}
		d.index[hk] = n
		if n != i {
			items[n] = it
		}
		n++
	}
	d.setItems(items, n)
	return nil
}

// setItems keeps the first n of items as d's, clearing the rest so they
// hold no values alive. Storing a pointer costs a write barrier while the
// collector runs, so init writes nothing it does not change.
func (d *Dict) setItems(items []Item, n int) {
	if n < len(items) {
		clear(items[n:])
	}
	d.items = items[:n:n]
}

// findIn is find over a small unindexed item slice.
func findIn(items []Item, k Value) int {
	if ks, ok := k.(Str); ok {
		for i, it := range items {
			if s, ok := it.Key.(Str); ok && s == ks {
				return i
			}
		}
		return -1
	}
	for i, it := range items {
		if Equal(it.Key, k) {
			return i
		}
	}
	return -1
}

// quickHashable reports the key kinds that are hashable without a look
// inside, sparing HashKey's allocation.
func quickHashable(v Value) bool {
	switch v.(type) {
	case Str, Int, Bool, Float, NoneType, Bytes, *BigInt, Complex:
		return true
	}
	return false
}
