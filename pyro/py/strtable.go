package py

import (
	"encoding/binary"
	"strings"
)

// StrTable boxes the strs a decoder reads, for decoders building large
// results: short strs that repeat (dict keys, tags) share one boxed Str,
// the others are copied into shared blocks, so 100,000 records cost a
// few hundred allocations for their text instead of two per str. The
// bytes handed in are always copied, never kept: a value never pins the
// payload it came from. The zero value is ready to use; a StrTable is
// not safe for concurrent use.
type StrTable struct {
	cache *[strCacheSize]strEntry // allocated on the first short str
	arena strings.Builder         // the block strs are copied into
	boxes Slab                    // the boxes of the strs (box.go)
}

type strEntry struct {
	s string
	v Value
}

// Limits of the table: strs up to strShareMax bytes are shared through a
// direct-mapped cache of strCacheSize entries; text is copied into
// blocks of strBlock bytes, and a str over a quarter block gets its own.
const (
	strShareMax   = 16
	strCacheSize  = 256
	strBlock      = 4096
	strOwnOverLen = strBlock / 4
)

// Str returns b as a boxed Str.
func (t *StrTable) Str(b []byte) Value {
	if len(b) > strShareMax {
		return t.boxes.Str(t.clone(b))
	}
	if len(b) == 0 {
		return Str("")
	}
	if t.cache == nil {
		t.cache = new([strCacheSize]strEntry)
	}
	e := &t.cache[strHash(b)]
	if e.v != nil && e.s == string(b) {
		return e.v
	}
	c := t.clone(b)
	e.s, e.v = c, t.boxes.Str(c)
	return e.v
}

// clone copies b into the current block. A strings.Builder only ever
// appends, so the strings it has returned never change: each block is
// shared, read-only, by the strs cut from it.
func (t *StrTable) clone(b []byte) string {
	if len(b) > strOwnOverLen {
		return string(b)
	}
	if t.arena.Cap()-t.arena.Len() < len(b) {
		t.arena = strings.Builder{}
		t.arena.Grow(strBlock)
	}
	start := t.arena.Len()
	t.arena.Write(b)
	return t.arena.String()[start:]
}

// strHash maps 1 to 16 bytes to a cache slot: the first and the last
// eight bytes (overlapping, or the bytes one by one when fewer than
// eight) and the length, mixed by a multiply.
func strHash(b []byte) int {
	n := len(b)
	var x uint64
	if n >= 8 {
		x = binary.LittleEndian.Uint64(b) ^ binary.LittleEndian.Uint64(b[n-8:])*0xff51afd7ed558ccd
	} else {
		for _, c := range b {
			x = x<<8 | uint64(c)
		}
	}
	x = (x ^ uint64(n)) * 0x9e3779b97f4a7c15
	return int(x >> (64 - 8)) // strCacheSize is 256
}
