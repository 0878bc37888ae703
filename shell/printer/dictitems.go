package printer

import (
	"fmt"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// PairSource hands out the items of a dict one key/value pair at a time
// (pyro.Items of a dict result is one); ok is false after the last pair.
// It must give each key once, as a dict holds it: the printer cannot
// take back what it has written for a key that comes again.
type PairSource interface {
	NextItem() (k, v py.Value, ok bool, err error)
}

// DictItems prints a dict whose items come from src one at a time,
// exactly as Value prints the whole dict, and lets each pair go once it
// is written: a large result is printed without ever holding all of it.
// The pretty format reads pairs only until their reprs pass the line
// width (pprint then breaks the dict one item per line, each with the
// same allowance, so no pair is read ahead).
//
// An error from src is returned as it is, and so is ErrRecursive in the
// json format for a pair that holds a cycle (Value finds that before
// writing anything; pyro.CallItems does not stream such a dict). Output
// written before it stays written, as with Items.
func (p *Printer) DictItems(src PairSource) error {
	if p.format == Pretty {
		return p.prettyDictItems(src)
	}
	s := &p.s
	s.w, s.err, s.buf = p.out, nil, s.buf[:0]
	s.buf = append(s.buf, '{')
	for n := 0; ; n++ {
		k, v, ok, err := src.NextItem()
		if err != nil {
			s.buf = s.buf[:0]
			return err
		}
		if !ok {
			break
		}
		// Each pair as the dict's loop in reprWriter.value and
		// jsonWriter.value writes it at depth 0.
		if p.format == JSON {
			if holdsRecursive(k) || holdsRecursive(v) {
				s.buf = s.buf[:0]
				return ErrRecursive
			}
			jsonWriter{s}.item(n, k, v, 0)
		} else {
			reprWriter{s: s, pal: &p.plain}.item(n, k, v, 0)
		}
		s.maybeFlush()
		if s.err != nil {
			break // the stream is broken: reading on would be in vain
		}
	}
	s.buf = append(s.buf, '}', '\n')
	return p.endItems()
}

// prettyDictItems is DictItems in the pretty format: pprint's _format of
// a dict, which writes the value whole when its repr fits in the line,
// and otherwise '{', each item on a line of its own at indent 1, and '}'.
func (p *Printer) prettyDictItems(src PairSource) error {
	var m measurer
	var head []py.Item
	width := 2 // the braces
	for width <= p.width {
		k, v, ok, err := src.NextItem()
		if err != nil {
			return err
		}
		if !ok {
			d, err := py.NewDictItems(head) // each key once: no merging
			if err != nil {
				return err
			}
			return p.Value(d)
		}
		if len(head) > 0 {
			width += 2 // ", "
		}
		width += m.width(k, p.width, 1) + 2 + m.width(v, p.width, 1)
		head = append(head, py.Item{Key: k, Value: v})
	}
	// It does not fit: prettyWriter.dict's layout, at the top level.
	s := &p.s
	s.w, s.err, s.buf = p.out, nil, s.buf[:0]
	pw := prettyWriter{reprWriter: reprWriter{s: s, pal: &p.pal}, width: p.width}
	s.buf = append(s.buf, '{')
	for n := 0; ; n++ {
		var k, v py.Value
		if n < len(head) {
			k, v = head[n].Key, head[n].Value
			head[n] = py.Item{}
		} else {
			var ok bool
			var err error
			if k, v, ok, err = src.NextItem(); err != nil {
				s.buf = s.buf[:0]
				return err
			} else if !ok {
				break
			}
		}
		pw.dictItem(n, k, v, 1, 1, 1)
		s.maybeFlush()
		if s.err != nil {
			break
		}
	}
	s.buf = append(s.buf, '}', '\n')
	return p.endItems()
}

// endItems flushes what Items or DictItems wrote and reports a failed
// write.
func (p *Printer) endItems() error {
	s := &p.s
	s.flush()
	if cap(s.buf) > 1<<20 {
		s.buf = nil // one huge element; do not keep its buffer
	}
	if s.err != nil {
		return fmt.Errorf("writing result: %w", s.err)
	}
	return nil
}
