package printer

import (
	"unicode"
	"unicode/utf8"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// Widths are counted in code points, as pprint's len(repr(v)) counts them,
// and never include escape codes, so colour cannot change the layout.

// measurer computes repr widths, stopping early once a width passes the
// budget the caller compares it with: pprint only asks "does it fit?",
// and a 10 MB list need not be walked to learn that it does not fit in 80.
type measurer struct{ scratch []byte }

// width returns the width of repr(v) when it is at most budget, and some
// number greater than budget otherwise.
func (m *measurer) width(v py.Value, budget, depth int) int {
	if depth > maxDepth {
		return 3 // "..."
	}
	switch x := v.(type) {
	case py.Str:
		return reprLen(strStats(string(x), budget), false)
	case py.Bytes:
		return reprLen(bytesStats(x, budget), true)
	case py.Tuple:
		n := m.items(x, 2, budget, depth)
		if len(x) == 1 {
			n++
		}
		return n
	case py.List:
		return m.items(x, 2, budget, depth)
	case *py.Set:
		if len(x.Items) == 0 {
			return len("set()")
		}
		return m.items(x.Items, 2, budget, depth)
	case *py.FrozenSet:
		if len(x.Items) == 0 {
			return len("frozenset()")
		}
		return m.items(x.Items, len("frozenset({})"), budget, depth)
	case *py.Exception:
		return m.items(x.Args, utf8.RuneCountInString(x.Name())+2, budget, depth)
	case *py.Dict:
		n := 2
		for i, it := range x.Items() {
			if i > 0 {
				n += 2
			}
			n += m.width(it.Key, budget-n, depth+1) + 2
			if n > budget {
				return n
			}
			n += m.width(it.Value, budget-n, depth+1)
			if n > budget {
				return n
			}
		}
		return n
	}
	m.scratch = py.AppendRepr(m.scratch[:0], v)
	return utf8.RuneCount(m.scratch)
}

// items measures items joined by ", " plus frame characters of brackets.
func (m *measurer) items(items []py.Value, frame, budget, depth int) int {
	n := frame
	for i, v := range items {
		if i > 0 {
			n += 2
		}
		n += m.width(v, budget-n, depth+1)
		if n > budget {
			return n
		}
	}
	return n
}

// quoteStats describes the repr of a str or bytes without building it:
// base is its length with each quote character counted once and no
// surrounding quotes; single and double count the quote characters,
// which decide the quotes Python picks and so which of them is escaped.
type quoteStats struct{ base, single, double int }

func (a quoteStats) add(b quoteStats) quoteStats {
	return quoteStats{a.base + b.base, a.single + b.single, a.double + b.double}
}

// reprLen is len(repr(x)) for a str, or a bytes when isBytes (the b prefix).
func reprLen(st quoteStats, isBytes bool) int {
	n := 2 + st.base
	if isBytes {
		n++
	}
	// Python quotes with " only when there is a ' and no "; otherwise
	// every ' is escaped.
	if st.single == 0 || st.double > 0 {
		n += st.single
	}
	return n
}

// asciiLen is the repr length of an ASCII character other than a quote.
func asciiLen(c byte) int {
	switch {
	case c == '\\' || c == '\n' || c == '\r' || c == '\t':
		return 2
	case c < 0x20 || c == 0x7f:
		return 4
	}
	return 1
}

// strStats measures s as py.AppendQuoted prints it, stopping once base
// passes limit.
func strStats(s string, limit int) quoteStats {
	var st quoteStats
	for i := 0; i < len(s) && st.base <= limit; {
		c := s[i]
		if c < utf8.RuneSelf {
			switch c {
			case '\'':
				st.single++
				st.base++
			case '"':
				st.double++
				st.base++
			default:
				st.base += asciiLen(c)
			}
			i++
			continue
		}
		if _, ok := py.SurrogateAt(s, i); ok {
			st.base += 6 // \udNNN, from its 3-byte form
			i += 3
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			st.base += 6 // \udcNN
		case unicode.IsPrint(r):
			st.base++
		case r < 0x100:
			st.base += 4
		case r < 0x10000:
			st.base += 6
		default:
			st.base += 10
		}
		i += n
	}
	return st
}

// bytesStats measures b as py.AppendBytesRepr prints it, stopping once
// base passes limit.
func bytesStats(b []byte, limit int) quoteStats {
	var st quoteStats
	for i := 0; i < len(b) && st.base <= limit; i++ {
		switch c := b[i]; {
		case c == '\'':
			st.single++
			st.base++
		case c == '"':
			st.double++
			st.base++
		case c >= 0x80:
			st.base += 4
		default:
			st.base += asciiLen(c)
		}
	}
	return st
}
