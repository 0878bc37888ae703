package lineedit

// Item is one completion candidate: Insert replaces the text from byte
// offset Start to the cursor; Text and Description are what the menu
// shows.
type Item struct {
	Start       int
	Insert      string
	Text        string
	Description string
}

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
