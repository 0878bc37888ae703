package printer

import (
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
)

// SyntaxError prints a statement's syntax error to w (stderr) as Python
// does: the line indented by two spaces, a caret under column col (1-based,
// counted in runes; tabs and wide characters are allowed for so the caret
// lines up), and "SyntaxError: msg". A column past the end points just
// after the last character.
func SyntaxError(w io.Writer, line string, col int, msg string, colour bool) {
	pal := newPalette(colour)
	line = strings.TrimRight(line, "\r\n")
	line, col = window(line, col)
	var b strings.Builder
	b.WriteString("  ")
	b.WriteString(line)
	b.WriteString("\n  ")
	n := 1
	for _, r := range line {
		if n >= col {
			break
		}
		n++
		if r == '\t' {
			b.WriteByte('\t')
			continue
		}
		b.WriteString(strings.Repeat(" ", runewidth.RuneWidth(r)))
	}
	b.WriteString(pal.excName.on + "^" + pal.excName.off + "\n")
	b.WriteString(pal.excName.on + "SyntaxError" + pal.excName.off + ": " + msg + "\n")
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
