package codec

import (
	"errors"
	"hash/maphash"
	"slices"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// Pairs is a payload's top-level dict decoded one key/value pair at a
// time, in the payload's order, so a caller that prints each pair and
// lets it go holds the payload and one pair, not the whole dict.
type Pairs interface {
	// Next returns the next key and value; ok is false after the last
	// pair. After an error every later call returns it again.
	Next() (k, v py.Value, ok bool, err error)
}

// DictItemizer is a Codec that can read a top-level dict pair by pair.
// DictPairs returns the reader of data's top-level dict, charging b, or
// nil when data does not hold one it can read so.
//
// The reader is raw: it hands out every pair the payload holds, a key
// given twice twice, and it need not check what the dict as a whole is
// checked for (hashable keys); its errors need not be DecodeWithin's.
// What it must give is this: where DecodeWithin, under a budget like b,
// gives a dict, the reader gives that dict's pairs in order, before a key
// given twice is merged, and no error; wherever DecodeWithin fails, or
// gives something other than the dict read (serpent's bytes dict), the
// reader fails too (ErrWhole for the latter), by its last pair at the
// latest. It charges the budget at least what DecodeWithin charges.
// CheckPairs and StreamDict make the rest exact.
type DictItemizer interface {
	DictPairs(data []byte, b *Budget) Pairs
}

// ErrWhole is what a DictItemizer's reader returns for a payload that is
// valid but whose value is not the plain dict it read (serpent turns a
// dict of two keys into bytes or nan): StreamDict then leaves it to
// DecodeWithin.
var ErrWhole = errors.New("the value is not a plain dict: decode it whole")

// StreamDict returns data's top-level dict as Pairs that give the items
// of the dict DecodeWithin gives, when c is a DictItemizer and data holds
// a dict whose reader CheckPairs passes, under a copy of b (nil: BudgetFor's
// default), and nil otherwise: the caller then decodes data whole, which
// gives the value or the error. The Pairs charge b. Since the first pass
// found the payload sound, they give no error for a payload DecodeWithin
// accepts, and the output a printer writes from them is the whole
// dict's, byte for byte. The cost is a second decode of the payload.
func StreamDict(c Codec, data []byte, b *Budget, keep func(k, v py.Value) bool) Pairs {
	di, ok := c.(DictItemizer)
	if !ok {
		return nil
	}
	b = BudgetFor(b, len(data))
	first := *b
	if r := di.DictPairs(data, &first); r == nil || !CheckPairs(r, keep) {
		return nil
	}
	return di.DictPairs(data, b)
}

// CheckPairs reports whether r, a DictItemizer's reader of a payload,
// gives exactly the items of the dict DecodeWithin gives for it, so that
// a second reader of the same payload can hand them out: it reads r to
// the end, decoding every pair and keeping only a 64-bit hash of each
// key, and says no on any error (the whole decode gives it), an
// unhashable key, a pair keep refuses (nil: none), or two keys of one
// hash — a key given twice, which Python's dict keeps at its first place
// with its last value, something a printer that has already written the
// first cannot do. A false alarm from two keys of one hash only costs the
// streaming. It costs 8 bytes a key.
func CheckPairs(r Pairs, keep func(k, v py.Value) bool) bool {
	seeds := [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}
	var hashes []uint64
	for {
		k, v, ok, err := r.Next()
		if err != nil {
			return false
		}
		if !ok {
			break
		}
		if keep != nil && !keep(k, v) {
			return false
		}
		h, ok := keyHash(seeds, k)
		if !ok {
			return false
		}
		hashes = append(hashes, h)
	}
	slices.Sort(hashes)
	for i := 1; i < len(hashes); i++ {
		if hashes[i] == hashes[i-1] {
			return false
		}
	}
	return true
}

// keyHash hashes a dict key so that keys Python's dict takes as one
// (py.HashKey: 1, 1.0 and True) hash alike; ok is false for an
// unhashable key. A str, which only a str equals, is hashed as it is,
// with a seed of its own; other keys by their py.HashKey.
func keyHash(seeds [2]maphash.Seed, k py.Value) (uint64, bool) {
	if s, ok := k.(py.Str); ok {
		return maphash.String(seeds[0], string(s)), true
	}
	hk, ok := py.HashKey(k)
	if !ok {
		return 0, false
	}
	return maphash.String(seeds[1], hk), true
}
