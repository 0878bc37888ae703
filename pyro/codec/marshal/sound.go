package marshal

import (
	"encoding/binary"
	"unicode/utf8"

	"github.com/pyrosh/pyrosh/pyro/codec"
)

// sounder walks marshal data as decoder reads it, building nothing.
type sounder struct {
	d *decoder // its data, pos, depth, nodes, maxNodes and budget
	// refs are the objects in the reference table.
	refs []soundRef
}

// soundRef is an object in the reference table: its node count, -1
// while it is being read, and whether it may be a dict key.
type soundRef struct {
	size int
	key  bool
}

// Sound implements codec.SoundChecker: it walks data's type codes and
// lengths as decode reads them, checking bounds, depth, UTF-8, the
// values count of references and the budget decode would charge (to b,
// which it spends), and reports true only when decode of data under the
// same budget succeeds. It leaves to decode, reporting false, what it
// does not check itself: sets, dict keys other than None, bools, ints,
// bytes and strs, text floats, longs, non-ASCII 'a' strings, strs that
// are not valid UTF-8, and references to an object still being read.
// It allocates only its reference table, a word and a bool per FLAG_REF.
func (Codec) Sound(data []byte, b *codec.Budget) bool {
	s := sounder{d: &decoder{data: data, maxNodes: nodeBudget(len(data)), budget: codec.BudgetFor(b, len(data))}}
	null, ok := s.object(false)
	return ok && !null
}

// object is decoder.object; null reports the NULL that ends a dict.
func (s *sounder) object(key bool) (null, ok bool) {
	d := s.d
	if d.pos >= len(d.data) {
		return false, false
	}
	code := d.data[d.pos]
	d.pos++
	flag := code&flagRef != 0
	code &^= flagRef
	if code == typeNull {
		return !flag, !flag
	}
	idx := -1
	if flag {
		if code == typeRef {
			return false, false
		}
		idx = len(s.refs)
		s.refs = append(s.refs, soundRef{size: -1})
	}
	start := d.nodes
	if !s.value(code, key) {
		return false, false
	}
	if code != typeRef {
		d.nodes++
		if d.nodes > d.maxNodes {
			return false, false
		}
	}
	if idx >= 0 {
		s.refs[idx] = soundRef{size: d.nodes - start, key: keyType(code)}
	}
	return false, true
}

// keyType reports whether an object of this type code is one of the
// dict keys Sound passes (value refuses the others as keys).
func keyType(code byte) bool {
	switch code {
	case typeNone, typeFalse, typeTrue, typeInt, typeInt64, typeString, typeUnicode,
		typeInterned, typeASCII, typeASCIIInterned, typeShortASCII, typeShortASCIIInterned:
		return true
	}
	return false
}

// fixedSize is the size after the type code of the scalars that have one.
var fixedSize = [256]int8{typeNone: 0, typeFalse: 0, typeTrue: 0, typeInt: 4, typeInt64: 8, typeBinaryFloat: 8, typeBinaryComplex: 16}

func (s *sounder) value(code byte, key bool) bool {
	d := s.d
	switch code {
	case typeNone, typeFalse, typeTrue, typeInt, typeInt64:
		n := int(fixedSize[code])
		if n > len(d.data)-d.pos {
			return false
		}
		d.pos += n
		return true
	case typeBinaryFloat, typeBinaryComplex:
		n := int(fixedSize[code])
		if key || n > len(d.data)-d.pos {
			return false
		}
		d.pos += n
		return true
	case typeString, typeUnicode, typeInterned, typeASCII, typeASCIIInterned:
		n, err := d.count(1)
		if err != nil {
			return false
		}
		return s.text(code, n)
	case typeShortASCII, typeShortASCIIInterned:
		if d.pos >= len(d.data) {
			return false
		}
		n := int(d.data[d.pos])
		d.pos++
		if n > len(d.data)-d.pos {
			return false
		}
		return s.text(code, n)
	case typeRef:
		if 4 > len(d.data)-d.pos {
			return false
		}
		i := binary.LittleEndian.Uint32(d.data[d.pos:])
		d.pos += 4
		if uint64(i) >= uint64(len(s.refs)) || s.refs[i].size < 0 || key && !s.refs[i].key {
			return false
		}
		d.nodes += s.refs[i].size
		return d.nodes <= d.maxNodes
	case typeList, typeTuple, typeSmallTuple, typeDict:
		if key {
			return false
		}
		d.depth++
		if d.depth > codec.MaxDepth {
			return false
		}
		ok := s.container(code)
		d.depth--
		return ok
	}
	return false
}

// text is a bytes or str of n bytes (within the data already).
func (s *sounder) text(code byte, n int) bool {
	d := s.d
	b := d.data[d.pos : d.pos+n]
	d.pos += n
	switch code {
	case typeUnicode, typeInterned:
		if !utf8.Valid(b) {
			return false
		}
	case typeASCII, typeASCIIInterned, typeShortASCII, typeShortASCIIInterned:
		for _, c := range b {
			if c >= 0x80 {
				return false
			}
		}
	}
	return d.budget.Charge(n)
}

// container is decoder.sequence for a list or tuple, decoder.dict for a
// dict.
func (s *sounder) container(code byte) bool {
	d := s.d
	if code == typeDict {
		for {
			null, ok := s.object(true)
			if !ok {
				return false
			}
			if null {
				return true
			}
			if null, ok = s.object(false); !ok || null || !d.budget.Charge(2*codec.ValueCost) {
				return false
			}
		}
	}
	var n int
	if code == typeSmallTuple {
		if d.pos >= len(d.data) {
			return false
		}
		n = int(d.data[d.pos])
		d.pos++
	} else {
		var err error
		if n, err = d.count(1); err != nil {
			return false
		}
	}
	if n > len(d.data)-d.pos || !d.budget.Charge(n*codec.ValueCost) {
		return false
	}
	for range n {
		if null, ok := s.object(false); !ok || null {
			return false
		}
	}
	return true
}
