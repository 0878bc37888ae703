package printer

import (
	"io"
	"strings"

	"github.com/pyrosh/pyrosh/pyro/py"
)

const (
	pythonHeader = "Traceback (most recent call last):"
	remoteHeader = "Traceback (most recent call last, remote):"
)

// Exception prints a remote exception to w (stderr) as Python users know
// it: the traceback Pyro4 sent, its first "Traceback (most recent call
// last):" line marked remote, then "ValueError: message". Every other line
// Pyro4 sent is printed as sent, chained exceptions ("During handling of
// the above exception...") included. A DETAILED_TRACEBACK, which has no
// such header, is printed as sent and followed by the "Class: message"
// line it lacks. Without a traceback only that line is printed; a nil e
// prints nothing.
func (p *Printer) Exception(w io.Writer, e *py.Exception) {
	if e == nil {
		return
	}
	var lines []string
	if len(e.Traceback) > 0 {
		lines = strings.Split(strings.TrimSuffix(strings.Join(e.Traceback, ""), "\n"), "\n")
	}
	found := false
	for i, l := range lines {
		if l == pythonHeader {
			lines[i] = remoteHeader
			found = true
			break
		}
	}
	if !found {
		lines = append(lines, exceptionLine(e))
	}
	s := sink{w: w}
	for _, l := range lines {
		p.tracebackLine(&s, l)
		s.buf = append(s.buf, '\n')
		s.maybeFlush()
	}
	s.flush()
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
// exception lines; the text itself is never changed.
func (p *Printer) tracebackLine(s *sink, l string) {
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
