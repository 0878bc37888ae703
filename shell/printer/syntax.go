package printer

import (
	"io"
	"strings"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
)

// SyntaxError prints a statement's syntax error to w (stderr) as Python
// does: the line indented by two spaces, a caret under column col (1-based,
// counted in runes; tabs and wide characters are allowed for so the caret
// lines up), and "SyntaxError: msg". A column past the end points just
// after the last character. Control characters in the line and msg print
// escaped, as Escape does (a NUL or an ESC typed into a script cannot
// reach the terminal), and the caret allows for their escapes' width.
func SyntaxError(w io.Writer, line string, col int, msg string, colour bool) {
	pal := newPalette(colour)
	line = strings.TrimRight(line, "\r\n")
	line, col = window(line, col)
	var b, caret strings.Builder
	b.WriteString("  ")
	caret.WriteString("\n  ")
	for i, n := 0, 1; i < len(line); n++ {
		r, size := utf8.DecodeRuneInString(line[i:])
		text := line[i : i+size]
		i += size
		shown := Escape(text)
		b.WriteString(shown)
		switch {
		case n >= col:
		case r == '\t':
			caret.WriteByte('\t')
		case shown != text:
			caret.WriteString(strings.Repeat(" ", len(shown))) // an escape is ASCII
		default:
			caret.WriteString(strings.Repeat(" ", runewidth.RuneWidth(r)))
		}
	}
	b.WriteString(caret.String())
	b.WriteString(pal.excName.on + "^" + pal.excName.off + "\n")
	b.WriteString(pal.excName.on + "SyntaxError" + pal.excName.off + ": " + Escape(msg) + "\n")
	_, _ = io.WriteString(w, b.String())
}

// syntaxContext is how many runes of a long line are shown before the
// error column; a few more follow it.
const (
	syntaxBefore = 60
	syntaxAfter  = 20
)

// window cuts a long line (a pasted blob, a hostile "[[[[...") down to the
// runes around col, marking the cuts with "...", and returns the column
// of the same rune in the cut line.
func window(line string, col int) (string, int) {
	runes := []rune(line)
	if len(runes) <= syntaxBefore+syntaxAfter+6 {
		return line, col
	}
	start := max(0, col-1-syntaxBefore)
	end := min(len(runes), col-1+syntaxAfter)
	cut := string(runes[start:end])
	if start > 0 {
		cut = "..." + cut
		col = col - start + 3
	}
	if end < len(runes) {
		cut += "..."
	}
	return cut, col
}
