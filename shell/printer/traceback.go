package printer

import (
	"io"
	"strconv"
	"strings"

	"github.com/pyrosh/pyrosh/pyro/py"
)

const (
	pythonHeader = "Traceback (most recent call last):"
	remoteHeader = "Traceback (most recent call last, remote):"
)

// maxTraceback is the most of a traceback Exception prints, in bytes: a
// longer one keeps its first and last lines up to half of it each, around
// a line saying how many lines and bytes were left out.
const maxTraceback = 256 << 10

// Exception prints a remote exception to w (stderr) as Python users know
// it: the traceback Pyro4 sent, its first "Traceback (most recent call
// last):" line marked remote, then "ValueError: message". Every other line
// Pyro4 sent is printed as sent, chained exceptions ("During handling of
// the above exception...") included. A DETAILED_TRACEBACK, which has no
// such header, is printed as sent and followed by the "Class: message"
// line it lacks; so is a traceback whose last exception line names
// another class (a daemon that could not serialize the exception sends a
// PyroError with the original traceback: the class and message that
// arrived win, the traceback is context). The exception's attributes
// follow, one "  name = repr" line each. Without a traceback only the
// exception line and attributes are printed; a nil e prints nothing.
//
// Every line is remote text and goes through Escape; a traceback longer
// than maxTraceback bytes keeps its head and tail. The lines are read in
// place from e.Traceback, never joined into a second copy.
func (p *Printer) Exception(w io.Writer, e *py.Exception) {
	if e == nil {
		return
	}
	s := sink{w: w}
	tb := tracebackLines(e.Traceback)
	total, _ := tb.size()
	keep := total
	if total > maxTraceback {
		keep = maxTraceback / 2
	}
	header, gapShown, skipped, skippedBytes, named := false, false, 0, 0, false
	tb.each(func(l string, at int) {
		if !header && l == pythonHeader {
			l, header = remoteHeader, true
		}
		// named: the last frame is followed by a line naming e's class.
		if strings.HasPrefix(l, `  File "`) {
			named = false
		} else if !named && namesClass(l, e.Class) {
			named = true
		}
		if total > maxTraceback && at >= keep && at < total-keep {
			skipped++
			skippedBytes += len(l) + 1
			return
		}
		if skipped > 0 && !gapShown {
			s.styled(p.pal.header, "  ... ("+strconv.Itoa(skipped)+" lines, "+strconv.Itoa(skippedBytes)+" bytes of traceback left out) ...")
			s.buf = append(s.buf, '\n')
			gapShown = true
		}
		p.tracebackLine(&s, l)
		s.buf = append(s.buf, '\n')
		s.maybeFlush()
	})
	if !header || !named {
		p.tracebackLine(&s, exceptionLine(e))
		s.buf = append(s.buf, '\n')
	}
	p.attributes(&s, e.Attrs)
	s.flush()
}

// attributes writes an exception's instance attributes, one
// "  name = repr(value)" line each, as a Python user would inspect them.
func (p *Printer) attributes(s *sink, attrs *py.Dict) {
	if attrs == nil {
		return
	}
	for _, it := range attrs.Items() {
		s.buf = append(s.buf, "  "...)
		if k, ok := it.Key.(py.Str); ok {
			s.buf = AppendEscaped(s.buf, string(k))
		} else {
			s.buf = AppendEscaped(s.buf, py.Repr(it.Key))
		}
		s.buf = append(s.buf, " = "...)
		s.buf = AppendEscaped(s.buf, py.Repr(it.Value))
		s.buf = append(s.buf, '\n')
		s.maybeFlush()
	}
}

// namesClass reports whether a traceback line is the exception line of
// class: "ValueError: x" or "ValueError" for builtins.ValueError,
// "mod.Err: x" for mod.Err, "mod.Outer.Err: x" for a nested class.
func namesClass(line, class string) bool {
	if line == "" || line[0] == ' ' {
		return false
	}
	short := class[strings.LastIndexByte(class, '.')+1:]
	for _, name := range []string{qualifiedName(class), short} {
		if rest, ok := strings.CutPrefix(line, name); ok && (rest == "" || rest[0] == ':') {
			return true
		}
	}
	name, _, _ := strings.Cut(line, ":")
	return strings.HasSuffix(name, "."+short)
}

// tracebackLines are the lines of Pyro4's traceback entries (each entry
// one or more lines ending in "\n"), read without joining them.
type tracebackLines []string

// each calls f with every line, without its "\n", and the byte offset
// where it starts in the joined traceback. An entry that does not end in
// "\n" continues on the next entry's first line, as when joined.
func (t tracebackLines) each(f func(line string, at int)) {
	at, carry := 0, ""
	for _, entry := range t {
		for {
			l, rest, more := strings.Cut(entry, "\n")
			if !more {
				carry += l
				break
			}
			if carry != "" {
				l, carry = carry+l, ""
			}
			f(l, at)
			at += len(l) + 1
			entry = rest
		}
	}
	if carry != "" {
		f(carry, at)
	}
}

// size returns the joined traceback's length in bytes and lines.
func (t tracebackLines) size() (total, lines int) {
	t.each(func(l string, at int) {
		total = at + len(l) + 1
		lines++
	})
	return total, lines
}

// exceptionLine is the last line of a Python traceback for e
// (traceback.format_exception_only): the class, qualified unless
// builtin, then ": message" when the message is not empty.
func exceptionLine(e *py.Exception) string {
	name := qualifiedName(e.Class)
	if msg := e.Message(); msg != "" {
		return name + ": " + msg
	}
	return name
}

// qualifiedName is how Python names an exception class in a traceback:
// without its module for builtins and __main__, with it otherwise.
func qualifiedName(class string) string {
	for _, m := range []string{"builtins.", "exceptions.", "__main__."} {
		if rest, ok := strings.CutPrefix(class, m); ok && !strings.Contains(rest, ".") {
			return rest
		}
	}
	return class
}

// tracebackLine writes one line, colouring headers, "File" lines and
// exception lines; the text itself is only escaped (Escape).
func (p *Printer) tracebackLine(s *sink, l string) {
	l = Escape(l)
	switch {
	case l == remoteHeader || l == pythonHeader:
		s.styled(p.pal.header, l)
		return
	case strings.HasPrefix(l, `  File "`):
		if p.fileLine(s, l) {
			return
		}
	case isExceptionLine(l):
		name, rest, colon := strings.Cut(l, ":")
		s.styled(p.pal.excName, name)
		if colon {
			s.buf = append(s.buf, ':')
		}
		s.buf = append(s.buf, rest...)
		return
	}
	s.buf = append(s.buf, l...)
}

// fileLine colours `  File "name", line N, in func`; it reports false,
// writing nothing, for a line of another shape.
func (p *Printer) fileLine(s *sink, l string) bool {
	rest := l[len(`  File "`):]
	file, rest, ok := strings.Cut(rest, `", line `)
	if !ok {
		return false
	}
	num, fn, ok := strings.Cut(rest, ", in ")
	if !ok {
		return false
	}
	s.buf = append(s.buf, `  File "`...)
	s.styled(p.pal.location, file)
	s.buf = append(s.buf, `", line `...)
	s.styled(p.pal.location, num)
	s.buf = append(s.buf, ", in "...)
	s.styled(p.pal.location, fn)
	return true
}

// isExceptionLine reports whether l looks like "pkg.Name: message" or a
// bare "Name" at the start of a line.
func isExceptionLine(l string) bool {
	name, _, _ := strings.Cut(l, ":")
	if name == "" || strings.HasPrefix(l, "Traceback") {
		return false
	}
	for i, c := range name {
		letter := c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80
		if !letter && (i == 0 || (c != '.' && (c < '0' || c > '9'))) {
			return false
		}
	}
	return true
}
