//go:build unix

package lineedit

import (
	"strings"
	"unicode/utf8"

	prompt "github.com/c-bata/go-prompt"
	runewidth "github.com/mattn/go-runewidth"
)

// pen writes runes through a ConsoleWriter and tracks where the terminal's
// cursor is, relative to the first row drawn, as the terminal wraps at
// cols columns.
type pen struct {
	w        prompt.ConsoleWriter
	cols     int
	row, col int
	scratch  []byte
}

// visible replaces what would move the cursor or change the terminal
// (C0 and C1 controls, DEL) by '?'; a tab is drawn as one space.
func visible(r rune) rune {
	switch {
	case r == '\t':
		return ' '
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return '?'
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069: // bidi overrides and isolates
		return '?'
	}
	return r
}

func (p *pen) rune(r rune) {
	r = visible(r)
	w := runewidth.RuneWidth(r)
	if p.col+w > p.cols {
		// The terminal wraps before a character that does not fit.
		if p.col < p.cols {
			p.w.WriteRawStr(strings.Repeat(" ", p.cols-p.col))
		}
		p.row++
		p.col = 0
	}
	p.scratch = append(p.scratch[:0], string(r)...)
	p.w.WriteRaw(p.scratch)
	p.col += w
}

func (p *pen) text(s string) {
	for _, r := range s {
		p.rune(r)
	}
}

func (p *pen) newline() {
	p.w.WriteRawStr("\r\n")
	p.row++
	p.col = 0
}

// pos is where the next character goes: after a row filled to its last
// column, the start of the next row.
func (p *pen) pos() (row, col int) {
	if p.col >= p.cols {
		return p.row + 1, 0
	}
	return p.row, p.col
}

// Menu colours, as go-prompt's defaults.
const (
	menuText        = prompt.White
	menuBG          = prompt.Cyan
	menuSelText     = prompt.Black
	menuSelBG       = prompt.Turquoise
	menuDescText    = prompt.Black
	menuDescBG      = prompt.Turquoise
	menuSelDescText = prompt.White
	menuSelDescBG   = prompt.Cyan
	menuThumb       = prompt.DarkGray
)

// draw redraws the prompt, the text and, unless final, the completion
// menu, and leaves the cursor where it belongs (at the end when final).
func (e *Editor) draw(final bool) {
	cols, _ := e.t.size()
	w := e.c.Out
	w.HideCursor()
	w.CursorUp(e.cursorRow)
	w.WriteRawStr("\r")
	w.EraseDown()
	p := &pen{w: w, cols: cols}

	v := e.view(final)
	p.text(v.prompt)
	curRow, curCol := p.pos()
	menuCol := curCol
	for i, r := range v.text {
		if i == v.cursor {
			curRow, curCol = p.pos()
		}
		if i == v.menuAt {
			_, menuCol = p.pos()
		}
		if r == '\n' {
			p.newline()
			p.text(e.c.ContinuationPrompt)
			continue
		}
		p.rune(r)
	}
	if v.cursor >= len(v.text) {
		curRow, curCol = p.pos()
	}
	if v.menuAt >= len(v.text) {
		_, menuCol = p.pos()
	}
	if p.col >= cols {
		p.newline()
	}
	if !final {
		e.drawMenu(p, menuCol)
	}
	w.CursorUp(p.row - curRow)
	w.WriteRawStr("\r")
	w.CursorForward(curCol)
	e.cursorRow = curRow
	w.ShowCursor()
	_ = w.Flush()
}

// view is what draw shows: the prompt, the text with the cursor (a rune
// index) and where the menu is aligned.
type view struct {
	prompt string
	text   []rune
	cursor int
	menuAt int
}

func (e *Editor) view(final bool) view {
	if s := e.search; s != nil && !final {
		return e.searchView()
	}
	v := view{prompt: e.prompt, text: e.buf.r, cursor: e.buf.pos, menuAt: e.buf.pos}
	m := &e.menu
	if it, ok := m.selected(); ok {
		start := min(runeIndex(m.text, it.Start), e.buf.pos)
		ins := []rune(it.Insert)
		t := make([]rune, 0, len(e.buf.r)+len(ins))
		t = append(append(append(t, e.buf.r[:start]...), ins...), e.buf.r[e.buf.pos:]...)
		v.text, v.cursor, v.menuAt = t, start+len(ins), start
	} else if m.visible() {
		v.menuAt = min(runeIndex(m.text, m.items[0].Start), e.buf.pos)
	}
	if m.visible() {
		// Align the menu with what its rows show before the insertion
		// ("obj." of "obj.echo").
		it := m.items[m.top]
		v.menuAt = max(0, v.menuAt-utf8.RuneCountInString(it.Prefix))
	}
	if final {
		v.cursor = len(v.text)
	}
	return v
}

// drawMenu draws the visible rows of the completion menu below the text,
// starting at column x (moved left to fit); only those rows are
// formatted, however many candidates there are.
func (e *Editor) drawMenu(p *pen, x int) {
	m := &e.menu
	if !m.visible() {
		return
	}
	rows := min(len(m.items), e.maxRows())
	m.scroll(rows)
	vis := m.items[m.top : m.top+rows]
	textW, descW := 0, 0
	for _, it := range vis {
		textW = max(textW, runewidth.StringWidth(it.Prefix)+runewidth.StringWidth(it.Insert))
		descW = max(descW, runewidth.StringWidth(it.Description))
	}
	// " text " + " desc " + a scroll bar cell, within the screen.
	avail := p.cols - 1
	textW = min(textW, max(avail/2, avail-descW-4)-2)
	descW = min(descW, avail-textW-4)
	if textW < 1 {
		return
	}
	width := textW + 2 + 1
	if descW > 0 {
		width += descW + 2
	}
	x = max(0, min(x-1, p.cols-width)) // -1: the row's leading blank
	thumbH := max(1, rows*rows/len(m.items))
	thumbTop := m.top * rows / len(m.items)
	w := p.w
	for i, it := range vis {
		p.newline()
		w.CursorForward(x)
		sel := m.top+i == m.sel
		if sel {
			w.SetColor(menuSelText, menuSelBG, true)
		} else {
			w.SetColor(menuText, menuBG, false)
		}
		w.WriteStr(" " + fit(it.Label(), textW) + " ")
		if descW > 0 {
			if sel {
				w.SetColor(menuSelDescText, menuSelDescBG, false)
			} else {
				w.SetColor(menuDescText, menuDescBG, false)
			}
			w.WriteStr(" " + fit(it.Description, descW) + " ")
		}
		if i >= thumbTop && i < thumbTop+thumbH {
			w.SetColor(prompt.DefaultColor, menuThumb, false)
		} else {
			w.SetColor(prompt.DefaultColor, menuBG, false)
		}
		w.WriteStr(" ")
		w.SetColor(prompt.DefaultColor, prompt.DefaultColor, false)
		p.col = x + width
	}
}

// fit pads or cuts s to exactly n columns, control characters shown as '?'.
func fit(s string, n int) string {
	var b strings.Builder
	w := 0
	for _, r := range s {
		r = visible(r)
		rw := runewidth.RuneWidth(r)
		if w+rw > n {
			break
		}
		b.WriteRune(r)
		w += rw
	}
	if sw := runewidth.StringWidth(s); sw > n && n >= 1 && w == n {
		// Cut: end with an ellipsis-like marker so the cut shows.
		out := []rune(b.String())
		for len(out) > 0 && w > n-1 {
			w -= runewidth.RuneWidth(out[len(out)-1])
			out = out[:len(out)-1]
		}
		b.Reset()
		b.WriteString(string(out))
		b.WriteString("…")
		w++
	}
	b.WriteString(strings.Repeat(" ", max(0, n-w)))
	return b.String()
}

func (e *Editor) maxRows() int {
	n := e.c.MenuRows
	if n <= 0 {
		n = 8
	}
	_, rows := e.t.size()
	return max(1, min(n, rows-2))
}
