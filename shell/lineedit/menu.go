package lineedit

// Item is one completion candidate: Insert replaces the text from byte
// offset Start to the cursor. The menu shows Prefix+Insert (Prefix is
// context such as "obj." before a method) and Description; only the rows
// shown are formatted, so a caller need not build labels for thousands.
type Item struct {
	Start       int
	Insert      string
	Prefix      string
	Description string
}

// Label is what the menu shows for the candidate.
func (it Item) Label() string { return it.Prefix + it.Insert }

// menu is the completion menu: the candidates for text with the cursor
// at cur (a rune index), which one is selected (-1: none) and the first
// row shown.
type menu struct {
	items    []Item
	sel, top int
	hidden   bool // Esc closed it until the text changes
	valid    bool
	text     string
	cur      int
}

func (m *menu) visible() bool { return m.valid && !m.hidden && len(m.items) > 0 }

func (m *menu) selected() (Item, bool) {
	if !m.visible() || m.sel < 0 || m.sel >= len(m.items) {
		return Item{}, false
	}
	return m.items[m.sel], true
}

// move selects the next (d = 1) or previous (d = -1) candidate, wrapping
// through "none selected" as go-prompt does.
func (m *menu) move(d int) {
	n := len(m.items)
	switch m.sel += d; {
	case m.sel >= n:
		m.sel = -1
	case m.sel < -1:
		m.sel = n - 1
	}
}

// scroll keeps the selection within the rows shown.
func (m *menu) scroll(rows int) {
	switch {
	case m.sel < 0:
		m.top = min(m.top, max(0, len(m.items)-rows))
	case m.sel < m.top:
		m.top = m.sel
	case m.sel >= m.top+rows:
		m.top = m.sel - rows + 1
	}
	m.top = max(0, min(m.top, len(m.items)-rows))
}
