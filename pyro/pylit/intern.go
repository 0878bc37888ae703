package pylit

import "github.com/pyrosh/pyrosh/pyro/py"

// internMinSource is the smallest source whose strs are shared between
// equal literals. Dict keys and short tags repeat across a large reply
// ({'id':..., 'name':...} a hundred thousand times), and a py.StrTable
// boxes each short one once; a small source (a call's reply is usually a
// few hundred bytes) repeats too little for the table's cache to pay off.
const internMinSource = 16 << 10

// str boxes the text of a str literal and charges it to the budget. The
// text is copied, never sliced from the source: a value holding one
// short str would otherwise keep the whole reply alive (megabytes for a
// large result).
func (p *Parser) str(s string) py.Value {
	p.charge(len(s))
	if len(p.src) < internMinSource {
		return p.strs.Copy(s)
	}
	return p.strs.String(s)
}
