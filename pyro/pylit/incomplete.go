package pylit

import (
	"errors"
	"strings"
)

// Incomplete reports whether src ends inside an open bracket or an open
// triple-quoted string, or on a backslash line continuation (its last
// byte, in a string or out of one), so that a REPL should read a
// continuation line rather than report an error. A backslash followed by
// a newline and nothing more continues onto a blank line, which ends the
// statement, as in Python's REPL.
// Closing brackets that match nothing do not make src incomplete, and a
// closing bracket of the wrong kind ends it, as in Python's tokenizer
// ("closing parenthesis ']' does not match opening parenthesis '('"): the
// statement is complete and the parser reports the error, rather than
// every line after it being read into the same statement.
func Incomplete(src string) bool {
	open, ok, err := brackets(src)
	switch {
	case err != nil:
		var se *SyntaxError
		if !errors.As(err, &se) {
			return false
		}
		// A backslash as the very last character continues the line.
		return se.Incomplete || se.Offset == len(src)-1 && src[se.Offset] == '\\'
	case !ok:
		return false
	}
	return len(open) > 0
}

// Unclosed returns the innermost bracket still open at the end of src, as
// a *SyntaxError at the bracket ("'(' was never closed", Python's
// tokenizer's message for a source that ends inside brackets), or nil
// when every bracket is closed or the tokens end early in an error of
// their own (an open string, a closing bracket of the wrong kind).
func Unclosed(src string) *SyntaxError {
	open, ok, err := brackets(src)
	if err != nil || !ok || len(open) == 0 {
		return nil
	}
	b := open[len(open)-1]
	return errorAt(src, b.Off, "'"+b.Text+"' was never closed")
}

// LineState is Incomplete's scan carried from one line of a source to the
// next: the brackets left open, innermost last, and the quote of a
// triple-quoted string left open (0 if none). The zero value is the
// state before the first line.
type LineState struct {
	Open  []byte
	Quote byte
}

// ContinueLine carries Incomplete's scan over one more line of a source,
// so that a REPL reading a long statement line by line scans each line
// once instead of the whole statement at every line. st is the state the
// lines before left (the zero LineState before the first); line is the
// next line, without its newline. It returns the state after line and
// whether the source so far is incomplete, as Incomplete(source) answers;
// ok is false when only a scan of the whole source can answer (the line
// ends on a backslash outside a string).
func ContinueLine(st LineState, line string) (next LineState, incomplete, ok bool) {
	if st.Quote != 0 {
		end, closed := closeTriple(line, st.Quote)
		if !closed {
			return st, true, true
		}
		st.Quote = 0
		line = line[end:]
	}
	if strings.HasSuffix(strings.TrimRight(line, "\r\n"), "\\") {
		return st, false, false
	}
	sc := NewScanner(line)
	for {
		t, err := sc.Next()
		if err != nil {
			var se *SyntaxError
			if errors.As(err, &se) && se.Incomplete {
				// A triple-quoted string runs past the line.
				q := strings.IndexAny(line[se.Offset:], `'"`)
				if q < 0 {
					return st, false, false
				}
				st.Quote = line[se.Offset+q]
				return st, true, true
			}
			return st, false, true // the parser reports the error
		}
		switch {
		case t.Kind == EOF:
			return st, len(st.Open) > 0, true
		case t.Kind != Op:
		case t.Text == "(" || t.Text == "[" || t.Text == "{":
			st.Open = append(st.Open, t.Text[0])
		case t.Text == ")" || t.Text == "]" || t.Text == "}":
			if len(st.Open) == 0 {
				continue
			}
			if st.Open[len(st.Open)-1] != openerOf[t.Text[0]] {
				return st, false, true // the statement ends: the parser reports it
			}
			st.Open = st.Open[:len(st.Open)-1]
		}
	}
}

// closeTriple finds the end of a triple-quoted string of quote q that was
// open before line: the offset just past its closing quotes, or false
// when it runs past the line. A backslash escapes the byte after it, as
// the scanner's scanString reads it (the newline too).
func closeTriple(line string, q byte) (int, bool) {
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '\\':
			i++
		case c == q && i+2 < len(line) && line[i+1] == q && line[i+2] == q:
			return i + 3, true
		}
	}
	return 0, false
}

// brackets scans the tokens of src and returns the opening brackets still
// open at its end, innermost last. ok is false when the scan ended early:
// at the scanner's error err, or at a closing bracket of the wrong kind.
// Closing brackets that match nothing are skipped.
func brackets(src string) (open []Token, ok bool, err error) {
	sc := NewScanner(src)
	for {
		t, err := sc.Next()
		if err != nil {
			return open, false, err
		}
		switch {
		case t.Kind == EOF:
			return open, true, nil
		case t.Kind != Op:
		case t.Text == "(" || t.Text == "[" || t.Text == "{":
			open = append(open, t)
		case t.Text == ")" || t.Text == "]" || t.Text == "}":
			if len(open) == 0 {
				continue
			}
			if open[len(open)-1].Text[0] != openerOf[t.Text[0]] {
				return open, false, nil
			}
			open = open[:len(open)-1]
		}
	}
}

// openerOf maps each closing bracket to the opening one it closes.
var openerOf = map[byte]byte{')': '(', ']': '[', '}': '{'}
