package printer

import (
	"math"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// prettyWriter lays values out as Python's pprint.pformat(v, width=W,
// sort_dicts=False) does (Lib/pprint.py, PrettyPrinter._format and the
// _pprint_* methods, indent=1, compact=False): a value whose repr fits in
// what is left of the line is written whole; a list, tuple, dict, set,
// frozenset, str or bytes that does not fit is broken one item per line,
// indented by one column per level, and long strings and bytes become
// implicitly concatenated chunks.
type prettyWriter struct {
	reprWriter
	m     measurer
	width int
}

// format is pprint's _format: level counts how deep v is, 0 at the top.
func (p *prettyWriter) format(v py.Value, indent, allowance, level int) {
	budget := p.width - indent - allowance
	if level < maxDepth && p.m.width(v, budget, level) > budget {
		switch x := v.(type) {
		case *py.Dict:
			p.dict(x, indent, allowance, level+1)
			return
		case py.List:
			p.s.buf = append(p.s.buf, '[')
			p.items(x, indent, allowance+1, level+1)
			p.s.buf = append(p.s.buf, ']')
			return
		case py.Tuple:
			end := ")"
			if len(x) == 1 {
				end = ",)"
			}
			p.s.buf = append(p.s.buf, '(')
			p.items(x, indent, allowance+len(end), level+1)
			p.s.buf = append(p.s.buf, end...)
			return
		case *py.Set:
			if len(x.Items) > 0 {
				p.s.buf = append(p.s.buf, '{')
				p.items(sortedSet(x.Items), indent, allowance+1, level+1)
				p.s.buf = append(p.s.buf, '}')
				return
			}
		case *py.FrozenSet:
			if len(x.Items) > 0 {
				p.s.styled(p.pal.class, "frozenset")
				p.s.buf = append(p.s.buf, "({"...)
				p.items(sortedSet(x.Items), indent+len("frozenset("), allowance+2, level+1)
				p.s.buf = append(p.s.buf, "})"...)
				return
			}
		case py.Str:
			p.str(string(x), indent, allowance, level+1)
			return
		case py.Bytes:
			p.bytes(x, indent, allowance, level+1)
			return
		case py.ByteArray:
			// pprint's _pprint_bytearray.
			p.s.buf = append(p.s.buf, "bytearray("...)
			p.bytes(py.Bytes(x), indent+len("bytearray("), allowance+1, level+2)
			p.s.buf = append(p.s.buf, ')')
			return
		case *py.StdDict:
			if x.Len() > 0 {
				p.stdDict(x, indent, allowance, level+1)
				return
			}
		case *py.Deque:
			if len(x.Items) > 0 {
				p.deque(x, indent, allowance, level+1)
				return
			}
		}
	}
	p.value(v, false, level)
}

// stdDict is pprint's _pprint_ordered_dict, _pprint_counter and
// _pprint_default_dict.
func (p *prettyWriter) stdDict(d *py.StdDict, indent, allowance, level int) {
	name := d.Kind.String()
	p.s.styled(p.pal.class, name)
	p.s.buf = append(p.s.buf, '(')
	switch d.Kind {
	case py.OrderedDict:
		items := make(py.List, 0, d.Len())
		for _, it := range d.Items() {
			items = append(items, py.Tuple{it.Key, it.Value})
		}
		p.format(items, indent+len(name)+1, allowance+1, level)
	case py.Counter:
		p.dict(d.MostCommon(), indent+len(name)+1, allowance+1, level)
	default:
		indent += len(name) + 1
		p.value(d.Factory, false, level)
		p.s.buf = append(p.s.buf, ",\n"...)
		p.spaces(indent)
		p.dict(d.Dict, indent, allowance+1, level)
	}
	p.s.buf = append(p.s.buf, ')')
}

// deque is pprint's _pprint_deque.
func (p *prettyWriter) deque(d *py.Deque, indent, allowance, level int) {
	p.s.styled(p.pal.class, "deque")
	p.s.buf = append(p.s.buf, "(["...)
	indent += len("deque(")
	if d.MaxLen == nil || d.MaxLen == py.None {
		p.items(d.Items, indent, allowance+2, level)
		p.s.buf = append(p.s.buf, "])"...)
		return
	}
	p.items(d.Items, indent, 2, level)
	p.s.buf = append(p.s.buf, "],\n"...)
	p.spaces(indent)
	p.s.buf = append(p.s.buf, "maxlen="...)
	p.value(d.MaxLen, false, level)
	p.s.buf = append(p.s.buf, ')')
}

// items is pprint's _format_items without compact mode.
func (p *prettyWriter) items(items []py.Value, indent, allowance, level int) {
	indent++
	for i, v := range items {
		if i > 0 {
			p.newline(indent)
		}
		a := 1
		if i == len(items)-1 {
			a = allowance
		}
		p.format(v, indent, a, level)
		if p.s.maybeFlush() {
			return
		}
	}
}

// dict is pprint's _pprint_dict and _format_dict_items, keys unsorted.
func (p *prettyWriter) dict(d *py.Dict, indent, allowance, level int) {
	p.s.buf = append(p.s.buf, '{')
	items := d.Items()
	indent++
	for i, it := range items {
		a := 1
		if i == len(items)-1 {
			a = allowance + 1
		}
		p.dictItem(i, it.Key, it.Value, indent, a, level)
		if p.s.maybeFlush() {
			return
		}
	}
	p.s.buf = append(p.s.buf, '}')
}

// dictItem is one pass of _format_dict_items' loop: the i'th key and
// value, on a line of its own after the first, at indent (one past the
// brace), with allowance a (Value and DictItems).
func (p *prettyWriter) dictItem(i int, k, v py.Value, indent, a, level int) {
	if i > 0 {
		p.newline(indent)
	}
	keyWidth := p.m.width(k, math.MaxInt, level)
	p.value(k, true, level)
	p.s.buf = append(p.s.buf, ": "...)
	p.format(v, indent+keyWidth+2, a, level)
}

// newline ends an item: a comma, a new line and indent spaces.
func (p *prettyWriter) newline(indent int) {
	p.s.buf = append(p.s.buf, ",\n"...)
	p.spaces(indent)
}

func (p *prettyWriter) spaces(n int) {
	for ; n > 0; n-- {
		p.s.buf = append(p.s.buf, ' ')
	}
}

// chunks writes the reprs of pieces one per line, aligned at indent, in
// parentheses at the top level where Python needs them to make the
// implicit concatenation one expression.
func (p *prettyWriter) chunks(reprs []string, indent, level int) {
	if level == 1 {
		p.s.buf = append(p.s.buf, '(')
	}
	for i, r := range reprs {
		if i > 0 {
			p.s.buf = append(p.s.buf, '\n')
			p.spaces(indent)
		}
		p.s.styled(p.pal.str, r)
	}
	if level == 1 {
		p.s.buf = append(p.s.buf, ')')
	}
}

func (p *prettyWriter) str(s string, indent, allowance, level int) {
	if level == 1 {
		indent++
		allowance++
	}
	pieces := wrapStr(s, p.width-indent, allowance)
	if len(pieces) <= 1 {
		p.value(py.Str(s), false, level)
		return
	}
	reprs := make([]string, len(pieces))
	for i, piece := range pieces {
		reprs[i] = py.Repr(py.Str(piece))
	}
	p.chunks(reprs, indent, level)
}

func (p *prettyWriter) bytes(b py.Bytes, indent, allowance, level int) {
	if len(b) <= 4 {
		p.value(b, false, level)
		return
	}
	if level == 1 {
		indent++
		allowance++
	}
	var reprs []string
	for _, piece := range wrapBytes(b, p.width-indent, allowance) {
		reprs = append(reprs, py.Repr(py.Bytes(piece)))
	}
	p.chunks(reprs, indent, level)
}
