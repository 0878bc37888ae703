package completion

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Closest returns the names nearest to word, best first, for "did you
// mean" hints: those within an edit distance of 1 for words of up to four
// characters and 2 for longer ones (a swap of two neighbours counts as one
// edit, as in `pnig` for `ping`), and names that start with word or that
// word starts with, when they share at least three characters. Case is
// ignored. At most max names are returned; word itself is never among them.
func Closest(word string, names []string, max int) []string {
	type scored struct {
		name string
		d    int
	}
	w := strings.ToLower(word)
	limit := 1
	if utf8.RuneCountInString(w) > 4 {
		limit = 2
	}
	var out []scored
	for _, n := range names {
		ln := strings.ToLower(n)
		if n == word {
			continue
		}
		d := editDistance(w, ln, limit+1)
		switch {
		case d <= limit:
		case len(w) >= 3 && len(ln) >= 3 && (strings.HasPrefix(ln, w) || strings.HasPrefix(w, ln)):
			d = limit + 1
		default:
			continue
		}
		out = append(out, scored{n, d})
	}
	slices.SortStableFunc(out, func(a, b scored) int {
		if a.d != b.d {
			return a.d - b.d
		}
		return strings.Compare(a.name, b.name)
	})
	res := make([]string, 0, min(len(out), max))
	for i := 0; i < len(out) && len(res) < max; i++ {
		if !slices.Contains(res, out[i].name) {
			res = append(res, out[i].name)
		}
	}
	return res
}

// editDistance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and swaps of neighbours, by rune),
// or cap when it is cap or more.
func editDistance(a, b string, cap int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d >= cap || -d >= cap {
		return cap
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			best = min(best, cur[j])
		}
		if best >= cap {
			return cap
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(rb)], cap)
}
