package pylit

import (
	"strconv"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// enter counts one level of nesting at the opening bracket t.
func (p *Parser) enter(t Token) error {
	if p.depth >= p.lim.MaxDepth {
		return p.fail(t.Off, "nesting deeper than "+strconv.Itoa(p.lim.MaxDepth)+" levels")
	}
	p.depth++
	p.advance()
	return nil
}

// items parses comma-separated expressions up to the closing bracket,
// trailing comma allowed, onto p.stack; it returns the stack mark and
// whether a comma was seen. The current token is the first after the
// opening bracket.
func (p *Parser) items(closer string) (mark int, comma bool, err error) {
	mark = len(p.stack)
	for !p.tok.Is(closer) {
		v, _, err := p.expr()
		if err != nil {
			return mark, comma, err
		}
		p.push(v)
		if p.tok.Is(",") {
			comma = true
			p.advance()
			continue
		}
		if !p.tok.Is(closer) {
			return mark, comma, p.expected("',' or '" + closer + "'")
		}
	}
	p.depth--
	p.advance()
	return mark, comma, nil
}

// pop returns a copy of the stack above mark and drops it.
func (p *Parser) pop(mark int) []py.Value {
	n := len(p.stack) - mark
	if n == 0 {
		return nil
	}
	p.charge(n * codec.ValueCost)
	out := p.slab.Values(n)
	copy(out, p.stack[mark:])
	clear(p.stack[mark:])
	p.stack = p.stack[:mark]
	return out
}

// paren parses (), (x), (x,) and (x, y, ...). A parenthesised single
// expression keeps its form, so -(1) and (1)+(2j) work as in Python.
func (p *Parser) paren() (py.Value, form, error) {
	if err := p.enter(p.tok); err != nil {
		return nil, 0, err
	}
	if p.tok.Is(")") {
		p.depth--
		p.advance()
		return py.Tuple{}, formOther, nil
	}
	v, f, err := p.expr()
	if err != nil {
		return nil, 0, err
	}
	if p.tok.Is(")") {
		p.depth--
		p.advance()
		return v, f, nil
	}
	if !p.tok.Is(",") {
		return nil, 0, p.expected("',' or ')'")
	}
	p.advance()
	mark := len(p.stack)
	p.push(v)
	if _, _, err := p.items(")"); err != nil {
		return nil, 0, err
	}
	return py.Tuple(p.pop(mark)), formOther, nil
}

func (p *Parser) list() (py.Value, error) {
	if err := p.enter(p.tok); err != nil {
		return nil, err
	}
	mark, _, err := p.items("]")
	if err != nil {
		return nil, err
	}
	items := p.pop(mark)
	if items == nil {
		items = []py.Value{}
	}
	return p.slab.List(items), nil
}

// brace parses a dict {k: v, ...} or a set {a, b}; {} is a dict.
func (p *Parser) brace() (py.Value, error) {
	if err := p.enter(p.tok); err != nil {
		return nil, err
	}
	if p.tok.Is("}") {
		p.depth--
		p.advance()
		return py.NewDict(0), nil
	}
	first := p.tok
	k, _, err := p.expr()
	if err != nil {
		return nil, err
	}
	if !p.tok.Is(":") {
		if !p.tok.Is(",") && !p.tok.Is("}") {
			return nil, p.expected("':', ',' or '}'")
		}
		mark := len(p.stack)
		p.push(k)
		if p.tok.Is(",") {
			p.advance()
			if _, _, err := p.items("}"); err != nil {
				return nil, err
			}
		} else {
			p.depth--
			p.advance()
		}
		items, err := p.uniqueItems(p.pop(mark), first)
		if err != nil {
			return nil, err
		}
		return &py.Set{Items: items}, nil
	}
	return p.dict(k, first)
}

// dict parses the rest of a dict display after its first key.
func (p *Parser) dict(k py.Value, kt Token) (py.Value, error) {
	mark := len(p.stack)
	for {
		if !hashable(k) {
			if _, ok := py.HashKey(k); !ok {
				return nil, p.fail(kt.Off, (&py.UnhashableError{Value: k}).Error())
			}
		}
		p.advance() // the ':'
		v, _, err := p.expr()
		if err != nil {
			return nil, err
		}
		p.push(k)
		p.push(v)
		if p.tok.Is(",") {
			p.advance()
		} else if !p.tok.Is("}") {
			return nil, p.expected("',' or '}'")
		}
		if p.tok.Is("}") {
			break
		}
		kt = p.tok
		if k, _, err = p.expr(); err != nil {
			return nil, err
		}
		if !p.tok.Is(":") {
			return nil, p.expected("':'")
		}
	}
	p.depth--
	p.advance()
	d, err := p.makeDict(mark)
	if err != nil {
		return nil, p.fail(kt.Off, err.Error())
	}
	return p.hookDict(d), nil
}

// makeDict builds a dict from the key/value pairs on the stack above mark
// and drops them.
func (p *Parser) makeDict(mark int) (*py.Dict, error) {
	kv := p.stack[mark:]
	p.charge(len(kv) * codec.ValueCost)
	items := p.slab.Items(len(kv) / 2)
	for i := range items {
		items[i] = py.Item{Key: kv[2*i], Value: kv[2*i+1]}
	}
	clear(kv)
	p.stack = p.stack[:mark]
	return p.slab.Dict(items)
}

func (p *Parser) hookDict(d *py.Dict) py.Value {
	if p.dictHook != nil {
		return p.dictHook(d)
	}
	return d
}

// hashable is a cheap pre-check sparing HashKey's allocation for the
// common key kinds.
func hashable(v py.Value) bool {
	switch v.(type) {
	case py.Str, py.Int, py.Bool, py.Float, py.NoneType, py.Bytes:
		return true
	}
	return false
}

// uniqueItems drops duplicates from set elements (first one wins, as in
// Python) and rejects unhashable ones.
func (p *Parser) uniqueItems(items []py.Value, at Token) ([]py.Value, error) {
	seen := make(map[string]struct{}, len(items))
	out := items[:0]
	for _, v := range items {
		k, ok := py.HashKey(v)
		if !ok {
			return nil, p.fail(at.Off, (&py.UnhashableError{Value: v}).Error())
		}
		if _, dup := seen[k]; dup {
			continue
		}
		seen[k] = struct{}{}
		out = append(out, v)
	}
	return out, nil
}
