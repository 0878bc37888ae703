package printer

import "github.com/pyrosh/pyrosh/pyro/py"

// reprWriter writes Python's repr() of a value to a sink, token by token,
// each token coloured by kind. With colour off the bytes equal py.Repr.
type reprWriter struct {
	s   *sink
	pal *palette
}

func (r reprWriter) scalar(st style, v py.Value) {
	r.s.buf = append(r.s.buf, st.on...)
	r.s.buf = py.AppendRepr(r.s.buf, v)
	r.s.buf = append(r.s.buf, st.off...)
}

// value writes v; key says v is a dict key, coloured as keys are.
func (r reprWriter) value(v py.Value, key bool, depth int) {
	if depth > maxDepth {
		r.s.buf = append(r.s.buf, "..."...)
		return
	}
	switch x := v.(type) {
	case nil, py.NoneType, py.Bool:
		r.scalar(r.pal.keyword, v)
	case py.Int, *py.BigInt, py.Float, py.Complex:
		r.scalar(r.pal.number, v)
	case py.Str, py.Bytes:
		if key {
			r.scalar(r.pal.key, v)
		} else {
			r.scalar(r.pal.str, v)
		}
	case py.Tuple:
		r.s.buf = append(r.s.buf, '(')
		r.items(x, depth)
		if len(x) == 1 {
			r.s.buf = append(r.s.buf, ',')
		}
		r.s.buf = append(r.s.buf, ')')
	case py.List:
		r.s.buf = append(r.s.buf, '[')
		r.items(x, depth)
		r.s.buf = append(r.s.buf, ']')
	case *py.Dict:
		r.s.buf = append(r.s.buf, '{')
		for i, it := range x.Items() {
			r.item(i, it.Key, it.Value, depth)
			if r.s.maybeFlush() {
				return
			}
		}
		r.s.buf = append(r.s.buf, '}')
	case *py.Set:
		if len(x.Items) == 0 {
			r.s.styled(r.pal.class, "set")
			r.s.buf = append(r.s.buf, "()"...)
			return
		}
		r.s.buf = append(r.s.buf, '{')
		r.items(x.Items, depth)
		r.s.buf = append(r.s.buf, '}')
	case *py.FrozenSet:
		r.s.styled(r.pal.class, "frozenset")
		if len(x.Items) == 0 {
			r.s.buf = append(r.s.buf, "()"...)
			return
		}
		r.s.buf = append(r.s.buf, "({"...)
		r.items(x.Items, depth)
		r.s.buf = append(r.s.buf, "})"...)
	case *py.Exception:
		r.s.styled(r.pal.class, Escape(x.Name()))
		r.s.buf = append(r.s.buf, '(')
		r.items(x.Args, depth)
		r.s.buf = append(r.s.buf, ')')
	default:
		// Proxies, URIs and other kinds defined elsewhere: their repr
		// holds remote text as it came (a URI's object name), so escape it.
		r.s.styled(r.pal.class, Escape(py.Repr(v)))
	}
}

// item writes the i'th key and value of a dict at depth, with the comma
// before it (Value and DictItems).
func (r reprWriter) item(i int, k, v py.Value, depth int) {
	if i > 0 {
		r.s.buf = append(r.s.buf, ", "...)
	}
	r.value(k, true, depth+1)
	r.s.buf = append(r.s.buf, ": "...)
	r.value(v, false, depth+1)
}

func (r reprWriter) items(items []py.Value, depth int) {
	for i, v := range items {
		if i > 0 {
			r.s.buf = append(r.s.buf, ", "...)
		}
		r.value(v, false, depth+1)
		if r.s.maybeFlush() {
			return
		}
	}
}
