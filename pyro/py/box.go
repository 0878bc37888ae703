package py

import (
	"math"
	"unsafe"
)

// Boxing scalars from blocks. Go boxes an Int, a Float, a Str or a List
// into a Value by allocating a copy on the heap and keeping a pointer to
// it in the interface: one allocation per value, which was three of the
// four allocations per record left when decoding 100,000 dicts, and
// as many more objects for the garbage collector to mark. The functions
// below put the copy in a slot of a shared block instead, and build the
// interface from the type's method table and the slot's address.
//
// This earns the unsafe: an interface holding a non-pointer type is, in
// every Go release, the pair (method table, pointer to an immutable
// copy), which is what these functions build; nothing writes a slot again
// after it is handed out, so the copy is as immutable as the runtime's
// own. A slot keeps its whole block alive, as Slab's containers do, so
// blocks are small (512 bytes). TestBoxedValues checks that a boxed value is
// indistinguishable from Go's own box: equal, same type, same repr.

// iface is the layout of a non-empty interface value.
type iface struct {
	tab  unsafe.Pointer // the method table of the dynamic type
	data unsafe.Pointer // a pointer to the boxed copy
}

// methodTable returns the method table of v's dynamic type.
func methodTable(v Value) unsafe.Pointer {
	return (*iface)(unsafe.Pointer(&v)).tab
}

// The method tables of the types boxed from blocks, taken from values Go
// boxes itself once.
var (
	intTable   = methodTable(Int(1 << 40))
	floatTable = methodTable(Float(0.5))
	strTable   = methodTable(Str("x"))
	listTable  = methodTable(List{})
)

// boxAt returns the Value whose dynamic type has method table tab and
// whose copy is *data.
func boxAt(tab, data unsafe.Pointer) (v Value) {
	p := (*iface)(unsafe.Pointer(&v))
	p.tab, p.data = tab, data
	return v
}

// Block sizes of boxed scalars, in elements: 512 bytes. Go's collector
// scans objects of up to 512 bytes a span at a time, cheaply, and marks
// larger ones one by one, looking up the object each pointer lands in:
// with 8 KiB blocks the decode of 100,000 dicts ran 5% more instructions
// than with no blocks at all, with 512-byte blocks 9% fewer (callgrind,
// json). 512 bytes is also the largest size with no type header.
const (
	boxWords = 512 / 8 // ints and floats
	boxStrs  = 512 / 16
	boxLists = 512 / 24
)

// Int returns Int(i) as a Value boxed in a block. Ints from 0 to 255 need
// no box: Go keeps them in a static table.
func (s *Slab) Int(i int64) Value {
	if uint64(i) < 256 {
		return Int(i)
	}
	p := s.words.one(boxWords)
	*p = uint64(i)
	return boxAt(intTable, unsafe.Pointer(p))
}

// Float returns Float(f) as a Value boxed in a block.
func (s *Slab) Float(f float64) Value {
	p := s.words.one(boxWords)
	*p = math.Float64bits(f)
	return boxAt(floatTable, unsafe.Pointer(p))
}

// Str returns Str(str) as a Value boxed in a block; str itself is not
// copied. The empty str needs no box.
func (s *Slab) Str(str string) Value {
	if str == "" {
		return Str("")
	}
	return boxStr(&s.strs, str)
}

// boxStr returns Str(str) as a Value boxed in a slot of k.
func boxStr(k *block[Str], str string) Value {
	return boxAt(strTable, unsafe.Pointer(newStr(k, str)))
}

// newStr puts str in a slot of k and returns the slot.
func newStr(k *block[Str], str string) *Str {
	p := k.one(boxStrs)
	*p = Str(str)
	return p
}

// List returns List(items) as a Value, its header boxed in a block.
func (s *Slab) List(items []Value) Value {
	p := s.ListBox()
	*p = List(items)
	return BoxedList(p)
}

// ListBox returns an empty List header in a slot of a block, for a
// decoder that fills a list after it must exist (pickle's EMPTY_LIST,
// then APPENDS): BoxedList makes it a Value once it is complete, without
// copying it.
func (s *Slab) ListBox() *List { return s.lists.one(boxLists) }

// BoxedList returns *p as a Value whose box is p itself. p comes from
// ListBox, and nothing may change *p afterwards (a box is immutable).
func BoxedList(p *List) Value { return boxAt(listTable, unsafe.Pointer(p)) }

var tupleTable = methodTable(Tuple{})

// seqBox is a Tuple or List header and its items in one object.
type seqBox[A any] struct {
	header []Value
	items  A
}

// SeqOf returns a copy of items as a Tuple (or, with list, a List)
// Value whose header and items share one allocation: Go's own box of a
// Tuple is an allocation of its own besides the items'. For a decoder's
// small results (a call's reply); past 4 items, or with none, it is Go's
// box of a fresh copy.
func SeqOf(items []Value, list bool) Value {
	tab := tupleTable
	if list {
		tab = listTable
	}
	var h *[]Value
	switch len(items) {
	case 1:
		b := &seqBox[[1]Value]{}
		b.header, h = b.items[:], &b.header
	case 2:
		b := &seqBox[[2]Value]{}
		b.header, h = b.items[:], &b.header
	case 3:
		b := &seqBox[[3]Value]{}
		b.header, h = b.items[:], &b.header
	case 4:
		b := &seqBox[[4]Value]{}
		b.header, h = b.items[:], &b.header
	default:
		c := make([]Value, len(items))
		copy(c, items)
		if list {
			return List(c)
		}
		return Tuple(c)
	}
	copy(*h, items)
	return boxAt(tab, unsafe.Pointer(h))
}
