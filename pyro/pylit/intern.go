package pylit

import "github.com/pyrosh/pyrosh/pyro/py"

// internMax is the longest str the parser shares between equal literals.
// Dict keys and short tags repeat across a large reply ({'id':...,
// 'name':...} a hundred thousand times); sharing one boxed py.Str for each
// saves an allocation per occurrence. Str is immutable, so sharing is safe.
const internMax = 16

// internCache is a direct-mapped cache of boxed short strs.
type internCache [256]struct {
	s string
	v py.Value
}

func (c *internCache) str(s string) py.Value {
	if len(s) > internMax {
		return py.Str(s)
	}
	h := uint32(len(s))
	for i := 0; i < len(s); i++ {
		h = h*31 + uint32(s[i])
	}
	e := &c[(h^h>>8)&255]
	if e.v != nil && e.s == s {
		return e.v
	}
	v := py.Value(py.Str(s))
	e.s, e.v = s, v
	return v
}
