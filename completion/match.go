package completion

import (
	"cmp"
	"encoding/binary"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Match ranks, best first. Within the prefix and transposition ranks
// candidates sort alphabetically (an exact match, being a prefix of its
// extensions, comes first); within the subsequence rank the tightest match
// comes first, then the shorter name, then the alphabetically smaller one.
const (
	rankPrefix     = iota // the word is a case-sensitive prefix
	rankPrefixFold        // the word is a prefix ignoring case
	rankTransposed        // the same once two adjacent runes of the word are swapped ("ehc" for "echo")
	rankSubseq            // the word's runes occur in order, ignoring case ("ecal" for "echo_all")
)

// minFuzzy is the shortest word matched fuzzily: a single letter occurs in
// nearly every name and would bury the prefix matches under noise.
const minFuzzy = 2

// list is one group of names offered together, with their kind and
// description.
type list struct {
	names []string
	kind  Kind
	desc  string
}

// entry is one matching name, by position, with its sort key: hi holds the
// rank and, in the subsequence rank, the span and length; lo1 and lo2 hold
// the first 16 bytes of the name. Most comparisons end on these integers,
// and since an entry holds no pointers, sorting it needs no write barriers.
type entry struct {
	hi, lo1, lo2 uint64
	list, idx    int32
}

// collector gathers the candidates matching one word. Names are not copied:
// entries point into the caller's slices, and only the result allocates
// per match.
type collector struct {
	word  string
	fold  []rune // word lower-cased, for the fuzzy ranks; nil disables them
	ascii string // fold as bytes when the word is ASCII, for a faster subsequence scan
	lists []list
	es    []entry
	runs  []int // where each addAll's entries start in es
	max   int   // the most candidates result returns; 0 for all
}

// newCollector returns a collector for word; hint is the number of
// candidates that will be offered, used to size the entries when every
// one matches.
func newCollector(word string, hint int) *collector {
	c := &collector{word: word}
	if p, ok := entryPool.Get().(*[]entry); ok {
		c.es = (*p)[:0]
	}
	if word == "" && cap(c.es) < hint {
		c.es = make([]entry, 0, hint)
	}
	if utf8.RuneCountInString(word) >= minFuzzy {
		ascii := true
		for _, r := range word {
			c.fold = append(c.fold, lower(r))
			ascii = ascii && r < utf8.RuneSelf
		}
		if ascii {
			c.ascii = string(c.fold)
		}
	}
	return c
}

// addAll offers names that share a kind and description; those matching
// the word are kept. names must stay unchanged until result returns.
func (c *collector) addAll(names []string, kind Kind, desc string) {
	if len(c.lists) >= 1<<31-1 || len(names) >= 1<<31-1 {
		return // beyond any real metadata; keeps the int32 indices exact
	}
	li := int32(len(c.lists))
	c.lists = append(c.lists, list{names, kind, desc})
	first := len(c.es)
	for i, n := range names {
		rank, score, ok := c.rank(n)
		if !ok {
			continue
		}
		var b [16]byte
		copy(b[:], n)
		hi := uint64(rank) << 56
		if rank == rankSubseq {
			hi |= uint64(min(score, 1<<24-1))<<32 | uint64(min(len(n), 1<<32-1))
		}
		c.es = append(c.es, entry{hi, binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:]), li, int32(i)})
	}
	if len(c.es) > first {
		c.runs = append(c.runs, first)
	}
}

// add offers one name with its own description.
func (c *collector) add(text string, kind Kind, desc string) {
	c.addAll([]string{text}, kind, desc)
}

// addObjects offers the keys of a bound-object map as proxies.
func (c *collector) addObjects(objects map[string]Object) {
	if len(objects) == 0 {
		return
	}
	names := make([]string, 0, len(objects))
	for name := range objects {
		names = append(names, name)
	}
	c.addAll(names, Proxy, Proxy.String())
}

func (c *collector) rank(text string) (rank uint8, score int, ok bool) {
	if strings.HasPrefix(text, c.word) {
		return rankPrefix, 0, true
	}
	if hasPrefixFold(text, c.word) {
		return rankPrefixFold, 0, true
	}
	if c.fold == nil {
		return 0, 0, false
	}
	if transposedPrefix(text, c.fold) {
		return rankTransposed, 0, true
	}
	if c.ascii != "" {
		score, ok = subsequenceASCII(text, c.ascii)
	} else {
		score, ok = subsequence(text, c.fold)
	}
	return rankSubseq, score, ok
}

// text returns the name an entry stands for.
func (c *collector) text(e entry) string { return c.lists[e.list].names[e.idx] }

// compare orders entries: by rank; in the subsequence rank by span, then
// length; then by name; a name offered twice by kind priority.
func (c *collector) compare(a, b entry) int {
	if a.hi != b.hi {
		return cmp.Compare(a.hi, b.hi)
	}
	if a.lo1 != b.lo1 {
		return cmp.Compare(a.lo1, b.lo1)
	}
	if a.lo2 != b.lo2 {
		return cmp.Compare(a.lo2, b.lo2)
	}
	if r := strings.Compare(c.text(a), c.text(b)); r != 0 {
		return r
	}
	return int(c.lists[a.list].kind.priority()) - int(c.lists[b.list].kind.priority())
}

// result orders the matches, drops repeated names and returns them.
//
// Each addAll's entries are sorted on their own, which costs one linear
// check when the caller's names are already sorted (keep metadata sorted),
// and then merged; with 10,000 names this is several times faster than one
// sort of everything.
func (c *collector) result(start int) Result {
	defer c.release()
	if len(c.es) == 0 {
		return Result{Start: start}
	}
	for r, from := range c.runs {
		run := c.es[from:c.end(r)]
		if !slices.IsSortedFunc(run, c.compare) {
			slices.SortFunc(run, c.compare)
		}
	}
	n := len(c.es)
	if c.max > 0 {
		n = min(n, c.max)
	}
	// Merge the sorted runs straight into the candidates, stopping at n:
	// there are a handful of runs, so picking the least head each time is
	// cheap, and nothing past the n-th candidate is touched.
	pos := make([]int, len(c.runs))
	copy(pos, c.runs)
	out := make([]Candidate, 0, n)
	for len(out) < n {
		best := -1
		for r, p := range pos {
			// On a tie the earlier run wins, as addAll's order asks.
			if p < c.end(r) && (best < 0 || c.compare(c.es[p], c.es[pos[best]]) < 0) {
				best = r
			}
		}
		if best < 0 {
			break
		}
		e := c.es[pos[best]]
		pos[best]++
		text := c.text(e)
		if len(out) > 0 && out[len(out)-1].Text == text {
			continue
		}
		l := &c.lists[e.list]
		out = append(out, Candidate{text, l.kind, l.desc})
	}
	return Result{Start: start, Candidates: out}
}

// entryPool keeps the entries of finished collectors: completion runs on
// every keystroke, and 10,000 matches are 320 KB the garbage collector
// would otherwise reclaim each time (its cycles delay the keys).
var entryPool sync.Pool

// release hands the entries back to the pool; the collector is done.
func (c *collector) release() {
	if c.es != nil && cap(c.es) <= 1<<20 {
		es := c.es[:0]
		entryPool.Put(&es)
	}
	c.es = nil
}

// end returns where run r ends in es.
func (c *collector) end(r int) int {
	if r+1 < len(c.runs) {
		return c.runs[r+1]
	}
	return len(c.es)
}

// lower maps r to lower case, cheaply for ASCII.
func lower(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

// next decodes the rune of s at i, cheaply for ASCII.
func next(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// hasPrefixFold reports whether prefix starts s, ignoring case.
func hasPrefixFold(s, prefix string) bool {
	i := 0
	for j := 0; j < len(prefix); {
		if i >= len(s) {
			return false
		}
		rs, ns := next(s, i)
		rp, np := next(prefix, j)
		if rs != rp && lower(rs) != lower(rp) {
			return false
		}
		i += ns
		j += np
	}
	return true
}

// hasPrefixRunes reports whether the lower-case runes q start s, ignoring case.
func hasPrefixRunes(s string, q []rune) bool {
	i := 0
	for _, r := range q {
		if i >= len(s) {
			return false
		}
		c, n := next(s, i)
		if lower(c) != r {
			return false
		}
		i += n
	}
	return true
}

// transposedPrefix reports whether q (lower case) becomes a prefix of s,
// ignoring case, once the first two adjacent runes where they differ are
// swapped: the commonest typing slip. A q that is already a prefix does
// not count; it ranks higher.
func transposedPrefix(s string, q []rune) bool {
	i := 0
	for k := 0; k+1 < len(q); k++ {
		if i >= len(s) {
			return false
		}
		r, n := next(s, i)
		i += n
		if lower(r) == q[k] {
			continue
		}
		if q[k] == q[k+1] || lower(r) != q[k+1] || i >= len(s) {
			return false
		}
		r, n = next(s, i)
		return lower(r) == q[k] && hasPrefixRunes(s[i+n:], q[k+2:])
	}
	return false
}

// subsequence reports whether the runes of q (lower case) occur in s in
// order, ignoring case, and the byte span of the leftmost occurrence.
func subsequence(s string, q []rune) (span int, ok bool) {
	i, first := 0, -1
	for _, r := range q {
		for {
			if i >= len(s) {
				return 0, false
			}
			c, n := next(s, i)
			i += n
			if lower(c) == r {
				if first < 0 {
					first = i - n
				}
				break
			}
		}
	}
	return i - first, true
}

// subsequenceASCII is subsequence for a lower-case ASCII q, byte by byte.
// Non-ASCII runes of s never match: their bytes are all 0x80 or above.
func subsequenceASCII(s, q string) (span int, ok bool) {
	i, first := 0, -1
	for j := 0; j < len(q); j++ {
		for ; i < len(s); i++ {
			b := s[i]
			if 'A' <= b && b <= 'Z' {
				b += 'a' - 'A'
			}
			if b == q[j] {
				break
			}
		}
		if i == len(s) {
			return 0, false
		}
		if first < 0 {
			first = i
		}
		i++
	}
	return i - first, true
}
