package printer

import (
	"errors"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// ErrRecursive is the json format's answer to a value that holds itself
// (a py.Recursive inside it): JSON has no way to write a cycle, and
// writing the repr's [...] as a string would pass a different value off
// as the result.
var ErrRecursive = errors.New("the result holds itself (it prints as [...] or {...} with -o repr or -o pretty); JSON cannot hold a cycle")

// holdsRecursive reports whether v has a py.Recursive anywhere in it.
func holdsRecursive(v py.Value) bool {
	return py.Contains(v, func(x py.Value) bool {
		_, ok := x.(*py.Recursive)
		return ok
	})
}
