package py

import "fmt"

// Item is one key/value pair of a Dict.
type Item struct {
	Key, Value Value
}

// Dict is a Python dict: keys of any hashable type, in insertion order.
// The zero value is an empty dict ready to use.
type Dict struct {
	items []Item
	// index maps hash keys to positions; built only once a dict grows past
	// smallDict, so the many small dicts of a typical result cost no map.
	index map[string]int
}

const smallDict = 8

// NewDict returns an empty dict with room for n items.
func NewDict(n int) *Dict {
	if n < 0 {
		n = 0
	}
	return &Dict{items: make([]Item, 0, min(n, 1<<16))}
}

// DictOf builds a dict from alternating keys and values; it panics on an
// odd count or an unhashable key, so use it only with literal Go values.
func DictOf(kv ...Value) *Dict {
	if len(kv)%2 != 0 {
		panic("py.DictOf: odd number of arguments")
	}
	d := NewDict(len(kv) / 2)
	for i := 0; i < len(kv); i += 2 {
		if err := d.Set(kv[i], kv[i+1]); err != nil {
			panic(err)
		}
	}
	return d
}

// Len returns the number of items.
func (d *Dict) Len() int { return len(d.items) }

// Items returns the items in insertion order; callers must not modify it.
func (d *Dict) Items() []Item { return d.items }

// UnhashableError reports a dict key or set element of an unhashable type.
type UnhashableError struct{ Value Value }

func (e *UnhashableError) Error() string {
	return fmt.Sprintf("unhashable type: '%s'", TypeName(e.Value))
}

// Set inserts or replaces k. As in Python, replacing keeps the original
// key and its position.
func (d *Dict) Set(k, v Value) error {
	if i := d.find(k); i >= 0 {
		d.items[i].Value = v
		return nil
	}
	if d.index == nil && len(d.items) < smallDict && quickHashable(k) {
		d.items = append(d.items, Item{k, v})
		return nil
	}
	hk, ok := HashKey(k)
	if !ok {
		return &UnhashableError{k}
	}
	d.items = append(d.items, Item{k, v})
	if d.index != nil {
		d.index[hk] = len(d.items) - 1
	} else if len(d.items) > smallDict {
		d.buildIndex()
	}
	return nil
}

// SetStr is Set with a str key, which is always hashable.
func (d *Dict) SetStr(k string, v Value) { _ = d.Set(Str(k), v) }

// Get returns the value stored under k.
func (d *Dict) Get(k Value) (Value, bool) {
	if i := d.find(k); i >= 0 {
		return d.items[i].Value, true
	}
	return nil, false
}

// GetStr returns the value stored under the str key k.
func (d *Dict) GetStr(k string) (Value, bool) {
	if d.index == nil {
		for _, it := range d.items {
			if s, ok := it.Key.(Str); ok && string(s) == k {
				return it.Value, true
			}
		}
		return nil, false
	}
	return d.Get(Str(k))
}

func (d *Dict) find(k Value) int {
	if d.index != nil {
		hk, ok := HashKey(k)
		if !ok {
			return -1
		}
		if i, ok := d.index[hk]; ok {
			return i
		}
		return -1
	}
	return findIn(d.items, k)
}

func (d *Dict) buildIndex() {
	d.index = make(map[string]int, len(d.items)*2)
	for i, it := range d.items {
		hk, _ := HashKey(it.Key)
		d.index[hk] = i
	}
}

// AppendRepr implements Value: {'a': 1, 2: None}.
func (d *Dict) AppendRepr(dst []byte) []byte {
	dst = append(dst, '{')
	for i, it := range d.items {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		dst = AppendRepr(dst, it.Key)
		dst = append(dst, ": "...)
		dst = AppendRepr(dst, it.Value)
	}
	return append(dst, '}')
}
