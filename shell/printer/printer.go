package printer

import (
	"fmt"
	"io"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// DefaultWidth is the width New uses when given none.
const DefaultWidth = 80

// Printer writes results to one stream in one format. It is a pure
// function of the value, the format, the width and the colour decision,
// all given to New; it never looks at the terminal or the environment.
type Printer struct {
	out    io.Writer
	format Format
	width  int
	pal    palette
	plain  palette // the repr format's: all styles empty unless ColourRepr
	s      sink
}

// New returns a Printer writing to out. width is the line width for the
// pretty format (DefaultWidth when 0 or less); colour turns on the
// palette for pretty output and tracebacks.
func New(out io.Writer, f Format, width int, colour bool) *Printer {
	p := &Printer{out: out, format: f, pal: newPalette(colour), plain: newPalette(false)}
	p.SetWidth(width)
	return p
}

// ColourRepr colours the repr format too, with the palette New was given
// (pyrosh --color always into a pipe). The text stays exactly Python's
// repr once the escape sequences are taken out.
func (p *Printer) ColourRepr() { p.plain = p.pal }

// SetFormat changes the format of the following results (:output).
func (p *Printer) SetFormat(f Format) { p.format = f }

// Format returns the current format.
func (p *Printer) Format() Format { return p.format }

// SetWidth changes the width for pretty output, as after a terminal
// resize; 0 or less means DefaultWidth.
func (p *Printer) SetWidth(width int) {
	if width <= 0 {
		width = DefaultWidth
	}
	p.width = width
}

// Value prints one result and a newline: in the pretty format laid out
// like pprint and coloured, in the repr format exactly as py.Repr, in the
// json format as AppendJSON. Output is written in pieces of about 32 KB
// as it is produced. The errors are the stream's, and ErrRecursive, before
// anything is written, for a value that holds itself in the json format.
func (p *Printer) Value(v py.Value) error {
	if p.format == JSON && holdsRecursive(v) {
		return ErrRecursive
	}
	s := &p.s
	s.w, s.err, s.buf = p.out, nil, s.buf[:0]
	switch p.format {
	case Pretty:
		pw := prettyWriter{reprWriter: reprWriter{s: s, pal: &p.pal}, width: p.width}
		pw.format(v, 0, 0, 0)
	case JSON:
		jsonWriter{s}.value(v, 0)
	default:
		reprWriter{s: s, pal: &p.plain}.value(v, false, 0)
	}
	s.buf = append(s.buf, '\n')
	s.flush()
	if cap(s.buf) > 1<<20 {
		s.buf = nil // a huge single token; do not keep its buffer
	}
	if s.err != nil {
		return fmt.Errorf("writing result: %w", s.err)
	}
	return nil
}
