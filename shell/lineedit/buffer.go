package lineedit

import (
	"unicode"
	"unicode/utf8"
)

// maxRunes bounds the text being edited (a paste larger than this is cut
// with a bell): the whole text is redrawn on every change.
const maxRunes = 1 << 20

// buffer is the text being edited, with the cursor as a rune index into
// it. The text may hold newlines (a statement of several lines); the
// line-wise operations act on the line the cursor is on.
type buffer struct {
	r   []rune
	pos int
}

func (b *buffer) String() string { return string(b.r) }

// set replaces the text and puts the cursor at its end.
func (b *buffer) set(s string) {
	b.r = []rune(s)
	b.pos = len(b.r)
}

// insert inserts s at the cursor; it reports false when the text would
// grow past maxRunes (nothing is inserted).
func (b *buffer) insert(s []rune) bool {
	if len(b.r)+len(s) > maxRunes {
		return false
	}
	b.r = append(b.r[:b.pos], append(s, b.r[b.pos:]...)...)
	b.pos += len(s)
	return true
}

// cut removes the runes [from, to) and returns them; the cursor moves to
// from when it was after it.
func (b *buffer) cut(from, to int) []rune {
	from, to = max(0, min(from, to)), min(len(b.r), max(from, to))
	if from >= to {
		return nil
	}
	out := append([]rune(nil), b.r[from:to]...)
	b.r = append(b.r[:from], b.r[to:]...)
	switch {
	case b.pos >= to:
		b.pos -= to - from
	case b.pos > from:
		b.pos = from
	}
	return out
}

// lineStart and lineEnd are the bounds of the line the cursor is on.
func (b *buffer) lineStart() int {
	i := b.pos
	for i > 0 && b.r[i-1] != '\n' {
		i--
	}
	return i
}

func (b *buffer) lineEnd() int {
	i := b.pos
	for i < len(b.r) && b.r[i] != '\n' {
		i++
	}
	return i
}

// isWord is readline's word constituent: letters, digits and '_'.
func isWord(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// wordLeft is where Alt+B goes: the start of the word before the cursor.
func (b *buffer) wordLeft() int {
	i := b.pos
	for i > 0 && !isWord(b.r[i-1]) {
		i--
	}
	for i > 0 && isWord(b.r[i-1]) {
		i--
	}
	return i
}

// wordRight is where Alt+F goes: the end of the word after the cursor.
func (b *buffer) wordRight() int {
	i := b.pos
	for i < len(b.r) && !isWord(b.r[i]) {
		i++
	}
	for i < len(b.r) && isWord(b.r[i]) {
		i++
	}
	return i
}

// spaceLeft is where Ctrl+W deletes back to: the start of the
// white-space delimited word before the cursor.
func (b *buffer) spaceLeft() int {
	i := b.pos
	for i > 0 && unicode.IsSpace(b.r[i-1]) {
		i--
	}
	for i > 0 && !unicode.IsSpace(b.r[i-1]) {
		i--
	}
	return i
}

// row is the index of the line the cursor is on; rows the number of lines.
func (b *buffer) row() int {
	n := 0
	for _, r := range b.r[:b.pos] {
		if r == '\n' {
			n++
		}
	}
	return n
}

func (b *buffer) rows() int {
	n := 1
	for _, r := range b.r {
		if r == '\n' {
			n++
		}
	}
	return n
}

// vertical moves the cursor to the line above (d = -1) or below (d = 1),
// at the same column or the line's end; it reports false at the first or
// last line.
func (b *buffer) vertical(d int) bool {
	row, col := b.row(), b.pos-b.lineStart()
	target := row + d
	if target < 0 || target >= b.rows() {
		return false
	}
	start, n := 0, 0
	for i, r := range b.r {
		if n == target {
			break
		}
		if r == '\n' {
			n++
			start = i + 1
		}
	}
	end := start
	for end < len(b.r) && b.r[end] != '\n' {
		end++
	}
	b.pos = min(start+col, end)
	return true
}

// runeIndex converts a byte offset into s to a rune index.
func runeIndex(s string, off int) int {
	off = max(0, min(off, len(s)))
	return utf8.RuneCountInString(s[:off])
}
