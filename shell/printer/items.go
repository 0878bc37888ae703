package printer

import "github.com/pyrosh/pyrosh/pyro/py"

// ItemSource hands out the elements of a list or tuple one at a time
// (pyro.Items is one); ok is false after the last element.
type ItemSource interface {
	IsTuple() bool
	Next() (v py.Value, ok bool, err error)
}

// Items prints a list or tuple whose elements come from src one at a
// time, exactly as Value prints the whole list or tuple, and lets each
// element go once it is written: a large result is printed without ever
// holding all of it. The pretty format reads elements only until their
// reprs pass the line width (pprint then breaks the list one element per
// line), and streams the rest with one element read ahead, since the
// last element's layout leaves room for the closing bracket.
//
// An error from src is returned as it is. Output written before it stays
// written (whole 32 KB pieces; the unwritten rest is dropped), so a
// result found broken part-way leaves a truncated line, with no newline,
// on the stream.
func (p *Printer) Items(src ItemSource) error {
	tuple := src.IsTuple()
	if p.format == Pretty {
		return p.prettyItems(src, tuple)
	}
	s := &p.s
	s.w, s.err, s.buf = p.out, nil, s.buf[:0]
	// The brackets and separators of reprWriter.value and
	// jsonWriter.array; each element is written at depth 1, as there.
	opener, sep, closer := byte('['), ", ", byte(']')
	switch {
	case p.format == JSON:
		sep = ","
	case tuple:
		opener, closer = '(', ')'
	}
	s.buf = append(s.buf, opener)
	n := 0
	for {
		v, ok, err := src.Next()
		if err != nil {
			s.buf = s.buf[:0]
			return err
		}
		if !ok {
			break
		}
		if n > 0 {
			s.buf = append(s.buf, sep...)
		}
		if p.format == JSON {
			if holdsRecursive(v) {
				s.buf = s.buf[:0] // as for a decoding error: what was not written stays so
				return ErrRecursive
			}
			jsonWriter{s}.value(v, 1)
		} else {
			reprWriter{s: s, pal: &p.plain}.value(v, false, 1)
		}
		s.maybeFlush()
		if s.err != nil {
			break // the stream is broken: reading on would be in vain
		}
		n++
	}
	if n == 1 && tuple && p.format != JSON {
		s.buf = append(s.buf, ',') // (x,)
	}
	s.buf = append(s.buf, closer, '\n')
	return p.endItems()
}

// prettyItems is Items in the pretty format: pprint's _format of a list
// or tuple, which writes the value whole when its repr fits in the line,
// and otherwise the opener, each element formatted at indent 1 (the last
// with room for the closer), one per line, and the closer.
func (p *Printer) prettyItems(src ItemSource, tuple bool) error {
	var m measurer
	var head []py.Value
	width := 2 // the brackets
	for width <= p.width {
		v, ok, err := src.Next()
		if err != nil {
			return err
		}
		if !ok {
			if head == nil {
				head = []py.Value{}
			}
			if tuple {
				return p.Value(py.Tuple(head))
			}
			return p.Value(py.List(head))
		}
		if len(head) > 0 {
			width += 2 // ", "
		}
		width += m.width(v, p.width, 1)
		head = append(head, v)
	}
	// It does not fit: the broken layout, with one element read ahead.
	s := &p.s
	s.w, s.err, s.buf = p.out, nil, s.buf[:0]
	pw := prettyWriter{reprWriter: reprWriter{s: s, pal: &p.pal}, width: p.width}
	opener, closer := "[", "]"
	if tuple {
		opener, closer = "(", ")"
	}
	s.buf = append(s.buf, opener...)
	var pending py.Value
	n := 0
	next := func() (py.Value, bool, error) {
		if len(head) > 0 {
			v := head[0]
			head[0], head = nil, head[1:]
			return v, true, nil
		}
		return src.Next()
	}
	pending, _, _ = next() // head holds at least one element
	for {
		v, ok, err := next()
		if err != nil {
			s.buf = s.buf[:0]
			return err
		}
		last := !ok
		if n > 0 {
			pw.newline(1)
		}
		allowance := 1
		if last {
			// pprint's allowance for the closer: "]", ")" or ",)".
			allowance = len(closer)
			if tuple && n == 0 {
				allowance++
			}
		}
		pw.format(pending, 1, allowance, 1)
		s.maybeFlush()
		n++
		if last || s.err != nil {
			break
		}
		pending = v
	}
	if tuple && n == 1 {
		s.buf = append(s.buf, ',')
	}
	s.buf = append(s.buf, closer...)
	s.buf = append(s.buf, '\n')
	return p.endItems()
}
