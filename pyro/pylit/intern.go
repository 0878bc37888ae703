package pylit

import (
	"strings"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// internMax is the longest str the parser shares between equal literals.
// Dict keys and short tags repeat across a large reply ({'id':...,
// 'name':...} a hundred thousand times); sharing one boxed py.Str for each
// saves an allocation per occurrence. Str is immutable, so sharing is safe.
const internMax = 16

// internMinSource is the smallest source whose strs are interned.
const internMinSource = 16 << 10

// internCache is a direct-mapped cache of boxed short strs.
type internCache [256]struct {
	s string
	v py.Value
}

// arenaBlock is the size of the blocks strs are copied into.
const arenaBlock = 4096

// str boxes the text of a str literal. The text is copied, never sliced
// from the source: a value holding one short str would otherwise keep the
// whole reply alive (megabytes for a large result). Short strs go through
// the intern cache; the others are copied into shared blocks, so a
// hundred thousand names cost a few hundred allocations, not 100,000.
func (p *Parser) str(s string) py.Value {
	// A small source repeats too little for the 8 KiB cache to pay off:
	// a call's reply is usually a few hundred bytes.
	if len(s) > internMax || len(p.src) < internMinSource {
		return p.slab.Str(p.clone(s))
	}
	if p.intern == nil {
		p.intern = new(internCache)
	}
	h := uint32(len(s))
	for i := 0; i < len(s); i++ {
		h = h*31 + uint32(s[i])
	}
	e := &p.intern[(h^h>>8)&255]
	if e.v != nil && e.s == s {
		return e.v
	}
	c := p.clone(s)
	e.s, e.v = c, p.slab.Str(c)
	return e.v
}

// clone copies s into the current arena block. A strings.Builder only
// ever appends, so the strings it has returned never change: each block
// is shared, read-only, by the strs cut from it.
func (p *Parser) clone(s string) string {
	if len(s) == 0 {
		return ""
	}
	p.charge(len(s))
	if len(s) > arenaBlock/4 {
		return strings.Clone(s)
	}
	if p.arena.Cap()-p.arena.Len() < len(s) {
		p.arena = strings.Builder{}
		p.arena.Grow(min(arenaBlock, max(len(p.src), len(s))))
	}
	start := p.arena.Len()
	p.arena.WriteString(s)
	return p.arena.String()[start:]
}
