package printer

import (
	"fmt"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// ItemSource hands out the elements of a list or tuple one at a time
// (pyro.Items is one); ok is false after the last element.
type ItemSource interface {
	IsTuple() bool
	Next() (v py.Value, ok bool, err error)
}

// Items prints a list or tuple whose elements come from src one at a
// time, exactly as Value prints the whole list or tuple, and lets each
// element go once it is written: a large result is printed without ever
// holding all of it. Only the pretty format needs the whole value, to
// lay it out like pprint: there the elements are gathered and printed
// with Value.
//
// An error from src is returned as it is. Output written before it stays
// written (whole 32 KB pieces; the unwritten rest is dropped), so a
// result found broken part-way leaves a truncated line, with no newline,
// on the stream.
func (p *Printer) Items(src ItemSource) error {
	tuple := src.IsTuple()
	if p.format == Pretty {
		var items []py.Value
		for {
			v, ok, err := src.Next()
			if err != nil {
				return err
			}
			if !ok {
				break
			}
			items = append(items, v)
		}
		if items == nil {
			items = []py.Value{}
		}
		if tuple {
			return p.Value(py.Tuple(items))
		}
		return p.Value(py.List(items))
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
	s.flush()
	if cap(s.buf) > 1<<20 {
		s.buf = nil // one huge element; do not keep its buffer
	}
	if s.err != nil {
		return fmt.Errorf("writing result: %w", s.err)
	}
	return nil
}
