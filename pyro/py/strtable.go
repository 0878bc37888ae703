package py

import "strings"

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
		return Str(t.clone(b))
	}
	if len(b) == 0 {
		return Str("")
	}
	if t.cache == nil {
		t.cache = new([strCacheSize]strEntry)
	}
	h := uint32(len(b))
	for _, c := range b {
		h = h*31 + uint32(c)
	}
	e := &t.cache[(h^h>>8)%strCacheSize]
	if e.v != nil && e.s == string(b) {
		return e.v
	}
	c := t.clone(b)
	e.s, e.v = c, Str(c)
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
