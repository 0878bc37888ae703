package py

import (
	"encoding/binary"
	"unicode/utf8"
	"unsafe"
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
	text  block[byte]             // the block strs are copied into
	boxes block[Str]              // the boxes of the strs (box.go)
}

// strEntry is one slot of the cache: a short str, known by the words
// strWords packs its bytes into, and its box. hits protects an entry that
// repeats from strs that do not: a miss replaces an entry only once its
// hits have run out, so a hundred thousand distinct names do not evict
// the four keys every record shares.
type strEntry struct {
	lo, hi uint64
	n      int32
	hits   int32
	box    *Str // the boxed copy; nil in an empty slot
}

// Limits of the table: strs up to strShareMax bytes are shared through a
// direct-mapped cache of strCacheSize entries, whose hits count up to
// strHitsMax; text is copied into blocks that grow to strBlock bytes, and
// a str over half a block gets its own.
const (
	strShareMax  = 16
	strCacheSize = 256
	strHitsMax   = 8
	strBlock     = 4096
)

// Str returns b as a boxed Str.
func (t *StrTable) Str(b []byte) Value {
	if len(b) > strShareMax {
		return boxStr(&t.boxes, t.clone(b))
	}
	if len(b) == 0 {
		return Str("")
	}
	lo, hi := strWords(b)
	return t.short(b, lo, hi)
}

// StrUTF8 is Str for text that must be valid UTF-8; it reports false,
// and boxes nothing, when b is not.
func (t *StrTable) StrUTF8(b []byte) (Value, bool) { return t.checked(b, true) }

// StrASCII is Str for text that must be ASCII; it reports false, and
// boxes nothing, when b is not.
func (t *StrTable) StrASCII(b []byte) (Value, bool) { return t.checked(b, false) }

// checked is Str for text that is valid when it is ASCII, or, when
// utf8OK, valid UTF-8.
func (t *StrTable) checked(b []byte, utf8OK bool) (Value, bool) {
	if len(b) > strShareMax {
		if !isASCII(b) && !(utf8OK && utf8.Valid(b)) {
			return nil, false
		}
		return boxStr(&t.boxes, t.clone(b)), true
	}
	if len(b) == 0 {
		return Str(""), true
	}
	lo, hi := strWords(b)
	if (lo|hi)&asciiMask != 0 && !(utf8OK && utf8.Valid(b)) {
		return nil, false
	}
	return t.short(b, lo, hi), true
}

// asciiMask has the high bit of every byte of a word set.
const asciiMask = 0x8080808080808080

// isASCII reports whether every byte of b is below 0x80, eight at a time.
func isASCII(b []byte) bool {
	for len(b) >= 8 {
		if binary.LittleEndian.Uint64(b)&asciiMask != 0 {
			return false
		}
		b = b[8:]
	}
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// short returns the box of b, 1 to strShareMax bytes whose words are lo
// and hi, from the cache or boxed anew.
func (t *StrTable) short(b []byte, lo, hi uint64) Value {
	if t.cache == nil {
		t.cache = new([strCacheSize]strEntry)
	}
	n := int32(len(b))
	e := &t.cache[strSlot(lo, hi, n)]
	if e.lo == lo && e.hi == hi && e.n == n && e.box != nil {
		if e.hits < strHitsMax {
			e.hits++
		}
		return boxAt(strTable, unsafe.Pointer(e.box))
	}
	box := newStr(&t.boxes, t.clone(b))
	if e.hits > 0 {
		e.hits--
	} else {
		*e = strEntry{lo: lo, hi: hi, n: n, box: box}
	}
	return boxAt(strTable, unsafe.Pointer(box))
}

// String is Str for the text of s.
func (t *StrTable) String(s string) Value {
	return t.Str(unsafe.Slice(unsafe.StringData(s), len(s))) // only read, never kept
}

// Copy returns s as a boxed Str copied into the table's blocks, without
// the cache: for a small input, which repeats too little for the
// cache's 8 KiB to pay off.
func (t *StrTable) Copy(s string) Value {
	if s == "" {
		return Str("")
	}
	return boxStr(&t.boxes, t.clone(unsafe.Slice(unsafe.StringData(s), len(s))))
}

// clone copies b into the current block and returns it as a string. The
// bytes of a block are written once, before the string over them is
// made, so each block is shared, read-only, by the strs cut from it.
func (t *StrTable) clone(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	dst := t.text.take(len(b), strBlock, makeOf[byte])
	copy(dst, b)
	return unsafe.String(&dst[0], len(dst))
}

// strWords packs 1 to 16 bytes into two words that, with the length,
// tell them apart: the first and the last eight bytes (overlapping), or
// when there are fewer than eight the bytes themselves.
func strWords(b []byte) (lo, hi uint64) {
	n := len(b)
	if n >= 8 {
		return binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[n-8:])
	}
	if n >= 4 {
		return uint64(binary.LittleEndian.Uint32(b)) | uint64(binary.LittleEndian.Uint32(b[n-4:]))<<32, 0
	}
	for i, c := range b {
		lo |= uint64(c) << (8 * i)
	}
	return lo, 0
}

// strSlot maps the words and length of a short str to a cache slot,
// mixing them by a multiply.
func strSlot(lo, hi uint64, n int32) int {
	x := (lo ^ hi*0xff51afd7ed558ccd ^ uint64(n)) * 0x9e3779b97f4a7c15
	return int(x >> (64 - 8)) // strCacheSize is 256
}
