//go:build unix

package lineedit

import (
	"strings"

	prompt "github.com/c-bata/go-prompt"
)

// search is an incremental history search (Ctrl+R backwards, Ctrl+S
// forwards), as readline's: the entry matching what has been typed so far
// is shown as you type.
type search struct {
	query  []rune
	back   bool
	idx    int // the entry shown, -1 for none yet
	failed bool
	saved  buffer
}

func (e *Editor) startSearch(back bool) {
	e.menu.hidden = true
	e.search = &search{back: back, idx: -1, saved: buffer{r: append([]rune(nil), e.buf.r...), pos: e.buf.pos}}
}

// find looks for the query from entry i on, in the search's direction.
func (e *Editor) find(i int) {
	s := e.search
	step := 1
	if s.back {
		step = -1
	}
	q := string(s.query)
	for ; i >= 0 && i < len(e.hist); i += step {
		if strings.Contains(e.hist[i], q) {
			s.idx, s.failed = i, false
			return
		}
	}
	s.failed = true
}

// from is where a search for a changed query starts: the entry shown, or
// the newest (oldest going forwards) when none is.
func (e *Editor) from() int {
	s := e.search
	switch {
	case s.idx >= 0:
		return s.idx
	case s.back:
		return len(e.hist) - 1
	}
	return 0
}

// searchKey handles a key during a search; pass is true when the key ends
// the search with the match kept and must then be handled as usual.
func (e *Editor) searchKey(k key) (line string, done bool, err error, pass bool) {
	s := e.search
	switch {
	case k.alt != 0:
	case k.code == prompt.NotDefined:
		s.query = append(s.query, k.text...)
		e.find(e.from())
		return "", false, nil, false
	case k.code == prompt.Backspace || k.code == prompt.ControlH:
		if len(s.query) > 0 {
			s.query = s.query[:len(s.query)-1]
			s.idx = -1
			e.find(e.from())
		}
		return "", false, nil, false
	case k.code == prompt.ControlR || k.code == prompt.ControlS:
		s.back = k.code == prompt.ControlR
		if len(s.query) == 0 {
			s.query = append(s.query, e.lastQuery...)
			e.find(e.from())
			return "", false, nil, false
		}
		step := 1
		if s.back {
			step = -1
		}
		if s.idx < 0 {
			e.find(e.from())
		} else {
			e.find(s.idx + step)
		}
		return "", false, nil, false
	case k.code == prompt.Escape || k.code == prompt.ControlG:
		e.buf = s.saved
		e.search = nil
		return "", false, nil, false
	case k.code == prompt.ControlC:
		e.search = nil
		e.finish("^C")
		return "", true, ErrInterrupt, false
	}
	// Any other key takes the match as the text and does what it does.
	e.lastQuery = s.query
	if s.idx >= 0 {
		e.buf.set(e.hist[s.idx])
		e.histIdx = s.idx
	}
	e.search = nil
	return "", false, nil, true
}

// searchView shows the search: its prompt, the match and the cursor at
// the query within it.
func (e *Editor) searchView() view {
	s := e.search
	label := "reverse-i-search"
	if !s.back {
		label = "i-search"
	}
	if s.failed {
		label = "failed " + label
	}
	v := view{prompt: "(" + label + ")`" + string(s.query) + "': "}
	text := string(s.saved.r)
	if s.idx >= 0 {
		text = e.hist[s.idx]
	}
	v.text = []rune(text)
	v.cursor = len(v.text)
	if i := strings.Index(text, string(s.query)); i >= 0 && s.idx >= 0 {
		v.cursor = runeIndex(text, i)
	}
	v.menuAt = v.cursor
	return v
}
