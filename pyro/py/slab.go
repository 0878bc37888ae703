package py

import "unsafe"

// Slab hands out the storage of many small containers from shared blocks,
// for decoders building large results: a list of 100,000 four-item dicts
// then costs a few thousand allocations for item arrays instead of
// 100,000, and the garbage collector has that many fewer objects to
// track. The zero value is ready to use; a Slab is not safe for
// concurrent use.
//
// Each slice handed out has its capacity cut to its length (a full slice
// expression), so appending to it copies rather than overwriting a
// neighbour. A block stays alive while any container cut from it does, so
// blocks are kept small.
type Slab struct {
	items  block[Item]
	values block[Value]
	dicts  block[Dict]
	// Blocks of boxed scalars and list headers (box.go). Ints and
	// floats share one block: a record's int and float then usually sit
	// in the same 512 bytes, which the collector marks once.
	words block[uint64]
	strs  block[Str]
	lists block[List]
	// The keys of the last small dict Dict checked, which had no key
	// twice: a dict with the very same keys (the same boxes, in the same
	// order) needs no check of its own (see Dict).
	shape  [smallDict]Value
	shapeN int
}

// block is the current block of one kind and how much of it is handed
// out. Taking from it advances an index rather than re-slicing: a Slab
// usually lives in the heap, where storing a slice (a pointer) costs a
// write barrier while the collector runs, which was one store per value
// decoded; an int costs none.
type block[T any] struct {
	b    []T
	used int
	// next is the size of the next block: blocks start small and double
	// up to the kind's limit, so decoding a small reply allocates little
	// while a large one soon gets full blocks.
	next int
}

// firstBlock is the size, in elements, of a Slab's first block of each
// kind.
const firstBlock = 8

// take returns n zeroed elements of k with capacity n, from the current
// block when they fit, else from a new block of the next size (made by
// alloc) when n is at most half of limit (the rest of the old block is
// left unused), else from an allocation of their own.
func (k *block[T]) take(n, limit int, alloc func(int) []T) []T {
	if k.used+n > len(k.b) {
		if n > limit/2 {
			return alloc(n)
		}
		size := max(k.next, firstBlock, n)
		k.next = min(2*size, limit)
		k.b, k.used = alloc(min(size, limit)), 0
	}
	out := k.b[k.used : k.used+n : k.used+n]
	k.used += n
	return out
}

// one returns a pointer to one zeroed element of k.
func (k *block[T]) one(limit int) *T {
	if k.used == len(k.b) {
		size := max(k.next, firstBlock)
		k.next = min(2*size, limit)
		k.b, k.used = makeOf[T](min(size, limit)), 0
	}
	p := &k.b[k.used]
	k.used++
	return p
}

// Slab block sizes, in elements: 512 bytes of items, values and dicts.
// Go's collector (Green Tea, Go 1.25+) marks and scans objects of up to
// 512 bytes a span at a time, cheaply, and larger ones one by one,
// looking up the object under every pointer it finds in them: with 8 KiB
// blocks the collector's share of decoding 100,000 dicts was a third
// larger (docs/performance.md). 512 bytes is also the largest size with
// no type header.
const (
	slabItems  = 512 / 32
	slabValues = 512 / 16
	slabDicts  = 512 / 32
)

// Items returns a zeroed slice of n items with capacity n.
func (s *Slab) Items(n int) []Item {
	if n == 0 {
		return []Item{}
	}
	return s.items.take(n, slabItems, makeItems)
}

// Values returns a zeroed slice of n values with capacity n.
func (s *Slab) Values(n int) []Value {
	if n == 0 {
		return []Value{}
	}
	return s.values.take(n, slabValues, makeValues)
}

// MoreItems returns items in a slice of twice their capacity (at least
// one), for a decoder that learns a dict's size only as it reads it.
func (s *Slab) MoreItems(items []Item) []Item {
	return append(s.Items(max(2*cap(items), 1))[:0], items...)
}

// MoreValues is MoreItems for the values of a list, tuple or set.
func (s *Slab) MoreValues(values []Value) []Value {
	return append(s.Values(max(2*cap(values), 1))[:0], values...)
}

// valueWords is the layout of a Value as its blocks tell the garbage
// collector: the data word is a pointer, the method-table word is not.
// Method tables (itabs) never live in the collected heap (the runtime
// makes them with persistentalloc and keeps its own table of them in
// memory it does not scan), so the collector need not look at them, and
// a block of values or items holds half the words it must check: a
// quarter of the pointers of a decoded result were method tables.
type valueWords struct {
	tab  uintptr
	data unsafe.Pointer
}

// makeValues returns n zeroed values whose memory the collector scans
// as valueWords.
func makeValues(n int) []Value {
	w := make([]valueWords, n)
	return unsafe.Slice((*Value)(unsafe.Pointer(unsafe.SliceData(w))), n)
}

// makeItems returns n zeroed items whose memory the collector scans as
// valueWords.
func makeItems(n int) []Item {
	w := make([]valueWords, 2*n)
	return unsafe.Slice((*Item)(unsafe.Pointer(unsafe.SliceData(w))), n)
}

// makeOf returns n zeroed elements of T.
func makeOf[T any](n int) []T { return make([]T, n) }

// Dict is NewDictItems with the Dict itself cut from a block.
//
// The records of a result share their keys: a decoder's StrTable gives
// each key one box, so the dicts of 100,000 records hold the same four
// boxes in the same order. When items's keys are the very boxes of the
// last small dict Dict checked, which held no key twice, they hold no key
// twice either, and Dict skips the check (four type switches and six
// str comparisons per four-key dict).
func (s *Slab) Dict(items []Item) (*Dict, error) {
	d := s.dicts.one(slabDicts)
	if s.sameShape(items) { // here, not only in fill: a call less per record
		d.items = items
		return d, nil
	}
	return d, s.fill(d, items)
}

// sameShape reports whether items's keys are the very boxes of the last
// small dict Dict or Fill checked, which held no key twice.
func (s *Slab) sameShape(items []Item) bool {
	return len(items) == s.shapeN && len(items) > 0 && sameKeys(items, s.shape[:len(items)])
}

// Fill gives d, which must be empty (EmptyDict(0) makes one), items as
// its items: Dict for a dict that exists before its items are known
// (pickle's EMPTY_DICT, then SETITEMS). d keeps items, so the caller
// must not use them again; the error is Dict's. A d that is not empty
// gets the items one by one (Set).
func (s *Slab) Fill(d *Dict, items []Item) error {
	if len(d.items) != 0 {
		for _, it := range items {
			if err := d.Set(it.Key, it.Value); err != nil {
				return err
			}
		}
		return nil
	}
	return s.fill(d, items)
}

// fill is Dict's work on an empty d.
func (s *Slab) fill(d *Dict, items []Item) error {
	if s.sameShape(items) {
		d.items = items
		return nil
	}
	if err := d.init(items); err != nil {
		return err
	}
	if len(items) <= smallDict && len(d.items) == len(items) {
		for i, it := range items {
			s.shape[i] = it.Key
		}
		s.shapeN = len(items)
	}
	return nil
}

// sameKeys reports whether each item's key is the very value (the same
// type and the same box, or the same pointer) as the key at its index.
func sameKeys(items []Item, keys []Value) bool {
	for i, k := range keys {
		a, b := (*iface)(unsafe.Pointer(&items[i].Key)), (*iface)(unsafe.Pointer(&k))
		if a.tab != b.tab || a.data != b.data {
			return false
		}
	}
	return true
}

// EmptyDict returns an empty dict cut from a block, with room for n items
// cut from a block too: for a decoder that learns a dict's items only
// after it must exist (pickle's EMPTY_DICT, then SETITEMS).
func (s *Slab) EmptyDict(n int) *Dict {
	d := s.dicts.one(slabDicts)
	d.items = s.Items(n)[:0]
	return d
}
