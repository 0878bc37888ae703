package py

// Slab hands out the storage of many small containers from shared blocks,
// for decoders building large results: a list of 100,000 four-item dicts
// then costs a few hundred allocations for item arrays instead of 100,000,
// and the garbage collector has that many fewer objects to track. The zero
// value is ready to use; a Slab is not safe for concurrent use.
//
// Each slice handed out has its capacity cut to its length (a full slice
// expression), so appending to it copies rather than overwriting a
// neighbour. A block stays alive while any container cut from it does, so
// blocks are kept small.
type Slab struct {
	items  []Item
	values []Value
	dicts  []Dict
	// Blocks of boxed scalars and list headers (box.go).
	ints   []Int
	floats []Float
	strs   []Str
	lists  []List
	// The next block sizes: blocks start small and double up to the
	// sizes below, so decoding a small reply allocates little while a
	// large one soon gets full blocks.
	nextItems, nextValues, nextDicts int
	nextInts, nextFloats, nextStrs   int
	nextLists                        int
}

// firstBlock is the size, in elements, of a Slab's first block of each
// kind.
const firstBlock = 8

// grow returns the size of the next block for a request of n elements and
// advances *next towards limit.
func grow(next *int, n, limit int) int {
	size := max(*next, firstBlock, n)
	*next = min(2*size, limit)
	return min(max(size, n), limit)
}

// Slab block sizes, in elements: just under 8 KiB of items or values and
// 2 KiB of dicts. The Go allocator puts an 8-byte type header before
// objects over 512 bytes that hold pointers, so a block of exactly 8 KiB
// would take the next size class and waste a sixth; these sizes leave
// room for the header. Requests over a quarter block get their own
// allocation.
const (
	slabItems  = (8192 - 8) / 32
	slabValues = (8192 - 8) / 16
	slabDicts  = (2048 - 8) / 32
)

// Items returns a zeroed slice of n items with capacity n.
func (s *Slab) Items(n int) []Item {
	if n == 0 || n > slabItems/4 {
		return make([]Item, n)
	}
	if len(s.items) < n {
		s.items = make([]Item, grow(&s.nextItems, n, slabItems))
	}
	out := s.items[:n:n]
	s.items = s.items[n:]
	return out
}

// Values returns a zeroed slice of n values with capacity n.
func (s *Slab) Values(n int) []Value {
	if n == 0 || n > slabValues/4 {
		return make([]Value, n)
	}
	if len(s.values) < n {
		s.values = make([]Value, grow(&s.nextValues, n, slabValues))
	}
	out := s.values[:n:n]
	s.values = s.values[n:]
	return out
}

// Dict is NewDictItems with the Dict itself cut from a block.
func (s *Slab) Dict(items []Item) (*Dict, error) {
	if len(s.dicts) == 0 {
		s.dicts = make([]Dict, grow(&s.nextDicts, 1, slabDicts))
	}
	d := &s.dicts[0]
	s.dicts = s.dicts[1:]
	return d, d.init(items)
}

// EmptyDict returns an empty dict cut from a block, with room for n items
// cut from a block too: for a decoder that learns a dict's items only
// after it must exist (pickle's EMPTY_DICT, then SETITEMS).
func (s *Slab) EmptyDict(n int) *Dict {
	if len(s.dicts) == 0 {
		s.dicts = make([]Dict, grow(&s.nextDicts, 1, slabDicts))
	}
	d := &s.dicts[0]
	s.dicts = s.dicts[1:]
	d.items = s.Items(n)[:0]
	return d
}
