//go:build unix

package lineedit

import (
	"errors"
	"io"
	"runtime/debug"
	"strings"

	prompt "github.com/c-bata/go-prompt"
)

// ErrInterrupt is ReadLine's answer to Ctrl+C (and to Interrupt, and to
// Ctrl+D on an empty continuation line): the statement being typed is
// abandoned. io.EOF is its answer to Ctrl+D on an empty line.
var ErrInterrupt = errors.New("interrupted")

// Config is what the editor needs from its user.
type Config struct {
	Fd  int                  // the terminal: read, and its modes set
	Out prompt.ConsoleWriter // where the line is drawn (the same terminal)

	// ContinuationPrompt starts every line of the text after the first.
	ContinuationPrompt string
	// Complete returns the candidates for text with the cursor at byte
	// offset cursor; nil means no completion.
	Complete func(text string, cursor int) []Item
	// IsComplete tells whether Enter submits text (true) or starts a new
	// line of the same statement; nil submits always.
	IsComplete func(text string) bool
	// History returns the entries Up, Down and Ctrl+R go through, oldest
	// first; it is asked once per ReadLine.
	History func() []string
	// Edit opens text in an external editor (Ctrl+X Ctrl+E) with the
	// terminal in its normal modes and returns what was saved; ok false
	// leaves the line as it was (Edit has said why).
	Edit func(text string) (saved string, ok bool)
	// MenuRows bounds the rows of the completion menu (default 8).
	MenuRows int
}

// Editor reads lines from a terminal. It is used from one goroutine;
// Interrupt may be called from any.
type Editor struct {
	c Config
	t *terminal

	pending []byte // read from the terminal, not yet used
	store   []byte
	readBuf []byte
	waited  bool // the incomplete key at the head of pending has had its grace time
	woken   bool
	resized bool
	hangup  bool

	prompt    string
	buf       buffer
	kill      []rune
	hist      []string
	histIdx   int
	draft     string
	recalled  bool // the last key recalled history: Up and Down go on through it
	menu      menu
	search    *search
	lastQuery []rune
	ctrlX     bool
	cursorRow int // rows between the first row drawn and the cursor
}

// New returns an editor on the terminal c.Fd.
func New(c Config) (*Editor, error) {
	t, err := newTerminal(c.Fd)
	if err != nil {
		return nil, err
	}
	if c.Out == nil {
		c.Out = prompt.NewStdoutWriter()
	}
	return &Editor{c: c, t: t, readBuf: make([]byte, 4096)}, nil
}

// WithOriginalModes runs f (an external program on the terminal) with the
// terminal in the modes it had when the editor started, and then puts back
// the modes for a statement running (no canonical input, no echo).
func (e *Editor) WithOriginalModes(f func()) {
	_ = e.t.original()
	defer func() { _ = e.t.between() }()
	f()
}

// FlushInput drops the keys typed while a statement runs that no
// ReadLine has read yet (those still in the terminal's input queue), as
// the kernel's flush at Ctrl+C would: for a statement Ctrl+C cancelled.
// Keys the editor already read ahead stay.
func (e *Editor) FlushInput() { _ = e.t.flushInput() }

// Interrupt makes the ReadLine in progress, or the next one, return
// ErrInterrupt (a signal that arrived while a line is edited).
func (e *Editor) Interrupt() { e.t.interrupt() }

// editGCPercent is the GOGC in effect while a line is edited.
const editGCPercent = 1000

// escWait is how long a key cut by a read (an ESC, a CSI sequence, a
// UTF-8 sequence) waits for its rest before it is taken as it is.
const escWait = 25 // ms

// ReadLine shows prompt and returns the text typed once Enter submits it
// (a complete statement, possibly of several lines, without the final
// newline). The terminal is in raw mode while ReadLine runs; after it
// returns, while the statement runs, it stays without canonical input and
// echo (ISIG kept, for Ctrl+C and Ctrl+Z), so that a line typed ahead is
// kept whole however long (the kernel's canonical line buffer drops what
// goes past 4095 bytes); WithOriginalModes puts back the modes found at
// the start, and the caller does on its way out. What was read beyond the line stays for the
// next call.
func (e *Editor) ReadLine(p string) (string, error) {
	if err := e.t.raw(); err != nil {
		return "", err
	}
	defer func() { _ = e.t.between() }()
	// Collect garbage less often while a line is edited: a collection
	// competing for the CPU is what delays the odd key. The per-key
	// garbage is small, and the usual pace returns with the statement.
	defer debug.SetGCPercent(debug.SetGCPercent(editGCPercent))
	e.prompt = p
	e.buf = buffer{}
	e.hist = nil
	if e.c.History != nil {
		e.hist = e.c.History()
	}
	e.histIdx, e.draft, e.recalled = len(e.hist), "", false
	e.menu = menu{sel: -1}
	e.search, e.ctrlX, e.cursorRow = nil, false, 0
	e.draw(false)
	for {
		k, err := e.nextKey()
		switch {
		case errors.Is(err, errWoken):
			e.finish("^C")
			return "", ErrInterrupt
		case errors.Is(err, errResized):
			e.draw(false)
			continue
		case err != nil:
			e.finish("")
			return "", err
		}
		line, done, err := e.handle(k)
		if done {
			return line, err
		}
		if !e.idle() {
			continue
		}
		if e.menuOutdated() {
			// The key reaches the screen first (with the menu as it
			// was); the candidates, which may take a few milliseconds
			// for a large object, follow unless more keys came.
			e.draw(false)
			if !e.idle() {
				continue
			}
			e.updateMenu()
		}
		e.draw(false)
	}
}

// nextKey returns the next key, reading the terminal when nothing is
// pending.
func (e *Editor) nextKey() (key, error) {
	for {
		if e.woken {
			e.woken = false
			return key{}, errWoken
		}
		if e.resized && len(e.pending) == 0 {
			e.resized = false
			return key{}, errResized
		}
		if len(e.pending) > 0 {
			n, complete := keyLen(e.pending)
			if complete || e.waited || e.hangup {
				seq := e.pending[:n]
				e.pending = e.pending[n:]
				e.waited = false
				return decode(seq), nil
			}
			if got, err := e.fill(escWait); err != nil {
				return key{}, err
			} else if !got {
				e.waited = true
			}
			continue
		}
		if e.hangup {
			return key{}, io.EOF
		}
		if _, err := e.fill(-1); err != nil {
			return key{}, err
		}
	}
}

// fill reads what the terminal has into pending, waiting up to ms
// milliseconds (-1: until something comes); it reports whether bytes came.
func (e *Editor) fill(ms int) (bool, error) {
	n, hangup, err := e.t.wait(e.readBuf, ms)
	switch {
	case errors.Is(err, errWoken):
		e.woken = true
		return false, nil
	case errors.Is(err, errResized):
		e.resized = true
		return false, nil
	}
	if err != nil {
		return false, err
	}
	e.hangup = e.hangup || hangup
	if n == 0 {
		return false, nil
	}
	// pending may be the tail of store: append copies as memmove does.
	e.store = append(append(e.store[:0], e.pending...), e.readBuf[:n]...)
	e.pending = e.store
	return true, nil
}

// idle reports that no key is waiting, so the screen should be brought
// up to date; a burst of keys (a paste, type-ahead) is drawn once.
func (e *Editor) idle() bool {
	if len(e.pending) > 0 || e.woken {
		return false
	}
	got, err := e.fill(0)
	return err != nil || !got && !e.woken
}

// finish draws the line as submitted (no menu, the cursor after the
// text), then mark and a line break, and leaves the terminal at the start
// of the next line.
func (e *Editor) finish(mark string) {
	e.search = nil
	e.menu.hidden = true
	e.draw(true)
	e.c.Out.WriteStr(mark)
	e.c.Out.WriteRawStr("\r\n")
	_ = e.c.Out.Flush()
	e.cursorRow = 0
}

// handle applies one key; done is true when ReadLine must return line
// and err.
func (e *Editor) handle(k key) (line string, done bool, err error) {
	if e.search != nil {
		var pass bool
		if line, done, err, pass = e.searchKey(k); !pass {
			return line, done, err
		}
	}
	if e.ctrlX {
		e.ctrlX = false
		if k.code == prompt.ControlE {
			return e.edit()
		}
	}
	if e.menu.sel >= 0 {
		switch {
		case k.code == prompt.Tab || k.code == prompt.Down:
			e.menu.move(1)
			return "", false, nil
		case k.code == prompt.BackTab || k.code == prompt.Up:
			e.menu.move(-1)
			return "", false, nil
		case k.code == prompt.Escape || k.code == prompt.ControlG:
			e.menu.sel, e.menu.hidden = -1, true
			return "", false, nil
		case k.code == prompt.Enter:
			e.accept()
			return "", false, nil
		}
		e.accept()
	}
	recalled := false
	defer func() { e.recalled = recalled }()
	b := &e.buf
	if k.alt != 0 {
		e.altKey(k.alt)
		return "", false, nil
	}
	switch k.code {
	case prompt.NotDefined:
		if !b.insert(k.text) {
			e.bell()
		}
	case prompt.Enter:
		return e.enter()
	case prompt.ControlC:
		e.finish("^C")
		return "", true, ErrInterrupt
	case prompt.ControlD:
		switch {
		case len(b.r) == 0 && e.prompt == e.c.ContinuationPrompt:
			e.finish("")
			return "", true, ErrInterrupt
		case len(b.r) == 0:
			e.finish("")
			return "", true, io.EOF
		case b.pos == len(b.r) && b.lineStart() == b.pos && b.rows() > 1:
			// Ctrl+D on the empty last line of an unfinished statement
			// cancels it, as at Python's "... " prompt.
			e.finish("")
			return "", true, ErrInterrupt
		}
		b.cut(b.pos, b.pos+1)
	case prompt.Tab:
		e.tab()
	case prompt.BackTab:
		e.updateMenu()
		if e.menu.visible() {
			e.menu.move(-1)
		}
	case prompt.Up, prompt.ControlP:
		if e.recalled || !b.vertical(-1) {
			e.older()
			recalled = true
		}
	case prompt.Down, prompt.ControlN:
		if e.recalled || !b.vertical(1) {
			e.newer()
			recalled = true
		}
	case prompt.Left, prompt.ControlB:
		b.pos = max(0, b.pos-1)
	case prompt.Right, prompt.ControlF:
		b.pos = min(len(b.r), b.pos+1)
	case prompt.Home, prompt.ControlA:
		b.pos = b.lineStart()
	case prompt.End, prompt.ControlE:
		b.pos = b.lineEnd()
	case prompt.ControlLeft:
		b.pos = b.wordLeft()
	case prompt.ControlRight:
		b.pos = b.wordRight()
	case prompt.Backspace, prompt.ControlH:
		b.cut(b.pos-1, b.pos)
	case prompt.Delete:
		b.cut(b.pos, b.pos+1)
	case prompt.ControlK:
		if end := b.lineEnd(); end > b.pos {
			e.kill = b.cut(b.pos, end)
		} else {
			e.kill = b.cut(b.pos, b.pos+1) // at a line's end: join the next line
		}
	case prompt.ControlU:
		e.kill = b.cut(b.lineStart(), b.pos)
	case prompt.ControlW:
		e.kill = b.cut(b.spaceLeft(), b.pos)
	case prompt.ControlY:
		if !b.insert(e.kill) {
			e.bell()
		}
	case prompt.ControlT:
		if b.pos > 0 && len(b.r) > 1 {
			i := min(b.pos, len(b.r)-1)
			b.r[i-1], b.r[i] = b.r[i], b.r[i-1]
			b.pos = i + 1
		}
	case prompt.ControlL:
		e.c.Out.WriteRawStr("\x1b[H\x1b[2J")
		e.cursorRow = 0
	case prompt.ControlR:
		e.startSearch(true)
	case prompt.ControlS:
		e.startSearch(false)
	case prompt.Escape, prompt.ControlG:
		e.menu.hidden = true
	case prompt.ControlX:
		e.ctrlX = true
	case prompt.ControlZ:
		e.suspend()
	}
	return "", false, nil
}

// altKey handles ESC followed by c: Alt+B/F move by word, Alt+D and
// Alt+Backspace delete one, Alt+Enter starts a new line.
func (e *Editor) altKey(c byte) {
	b := &e.buf
	switch c {
	case 'b', 'B':
		b.pos = b.wordLeft()
	case 'f', 'F':
		b.pos = b.wordRight()
	case 'd', 'D':
		e.kill = b.cut(b.pos, b.wordRight())
	case 0x7f, 0x08:
		e.kill = b.cut(b.wordLeft(), b.pos)
	case '\r', '\n':
		b.insert([]rune{'\n'})
	case '<':
		for e.histIdx > 0 {
			e.older()
		}
	case '>':
		for e.histIdx < len(e.hist) {
			e.newer()
		}
	}
}

// enter submits the text when it is a complete statement (or blank), or
// starts a new line of it.
func (e *Editor) enter() (string, bool, error) {
	text := e.buf.String()
	if strings.TrimSpace(text) != "" && e.c.IsComplete != nil && !e.c.IsComplete(text) {
		e.buf.pos = len(e.buf.r)
		e.buf.insert([]rune{'\n'})
		return "", false, nil
	}
	e.finish("")
	return text, true, nil
}

// tab completes: with one candidate it is inserted, with several the
// first is selected (Tab again selects the next). At the start of a line,
// and inside pasted text (text already read follows it), it indents.
func (e *Editor) tab() {
	b := &e.buf
	pasted := len(e.pending) > 0 && e.pending[0] >= 0x20 && e.pending[0] != 0x7f
	if strings.TrimSpace(string(b.r[b.lineStart():b.pos])) == "" || pasted {
		b.insert([]rune("    "))
		return
	}
	e.updateMenu()
	m := &e.menu
	m.hidden = false
	switch len(m.items) {
	case 0:
		e.bell()
	case 1:
		m.sel = 0
		e.accept()
	default:
		m.move(1)
	}
}

// accept puts the selected candidate into the text.
func (e *Editor) accept() {
	it, ok := e.menu.selected()
	e.menu.sel = -1
	if !ok {
		return
	}
	start := min(runeIndex(e.menu.text, it.Start), e.buf.pos)
	e.buf.cut(start, e.buf.pos)
	e.buf.insert([]rune(it.Insert))
}

// menuOutdated reports that the candidates shown are not those of the
// text and cursor now.
func (e *Editor) menuOutdated() bool {
	m := &e.menu
	if e.c.Complete == nil || e.search != nil || m.sel >= 0 {
		return false
	}
	return !m.valid || m.cur != e.buf.pos || m.text != e.buf.String()
}

// updateMenu asks for the candidates when the text or the cursor moved
// since they were computed.
func (e *Editor) updateMenu() {
	if !e.menuOutdated() {
		return
	}
	m := &e.menu
	text := e.buf.String()
	cursor := len(string(e.buf.r[:e.buf.pos]))
	items := e.c.Complete(text, cursor)
	if len(items) == 1 && items[0].Start <= cursor && text[items[0].Start:cursor] == items[0].Insert {
		items = nil // the word is already complete
	}
	*m = menu{items: items, sel: -1, valid: true, text: text, cur: e.buf.pos}
}

// older and newer recall history entries; the text being typed is kept
// as the newest.
func (e *Editor) older() {
	if e.histIdx == 0 {
		e.bell()
		return
	}
	if e.histIdx == len(e.hist) {
		e.draft = e.buf.String()
	}
	e.histIdx--
	e.buf.set(e.hist[e.histIdx])
}

func (e *Editor) newer() {
	if e.histIdx >= len(e.hist) {
		return
	}
	e.histIdx++
	if e.histIdx == len(e.hist) {
		e.buf.set(e.draft)
		return
	}
	e.buf.set(e.hist[e.histIdx])
}

// edit opens the text (or the last history entry when the line is empty)
// in the external editor; what was saved runs when it is a complete
// statement, else it is left to edit.
func (e *Editor) edit() (string, bool, error) {
	if e.c.Edit == nil {
		return "", false, nil
	}
	text := e.buf.String()
	if strings.TrimSpace(text) == "" && len(e.hist) > 0 {
		text = e.hist[len(e.hist)-1]
	}
	e.finish("")
	_ = e.t.original()
	saved, ok := e.c.Edit(text)
	if err := e.t.raw(); err != nil {
		return "", true, err
	}
	if ok {
		e.buf.set(strings.TrimRight(saved, "\n"))
		if t := e.buf.String(); strings.TrimSpace(t) != "" && (e.c.IsComplete == nil || e.c.IsComplete(t)) {
			e.finish("")
			return t, true, nil
		}
	}
	return "", false, nil
}

// suspend stops the shell as Ctrl+Z stops any terminal program, with the
// terminal's modes put back while it is stopped.
func (e *Editor) suspend() {
	e.finish("")
	_ = e.t.original()
	suspend()
	_ = e.t.raw()
}

func (e *Editor) bell() { e.c.Out.WriteRawStr("\a") }

// ReadSecret shows prompt and reads a line without echo (a key): keys
// typed ahead are read first, as by ReadLine. Ctrl+C returns
// ErrInterrupt, Ctrl+D on nothing typed io.EOF.
func (e *Editor) ReadSecret(p string) ([]byte, error) {
	if err := e.t.raw(); err != nil {
		return nil, err
	}
	defer func() { _ = e.t.between() }()
	out := e.c.Out
	out.WriteStr(p)
	_ = out.Flush()
	end := func(mark string) {
		out.WriteStr(mark)
		out.WriteRawStr("\r\n")
		_ = out.Flush()
	}
	var secret []rune
	for {
		k, err := e.nextKey()
		switch {
		case errors.Is(err, errWoken):
			end("^C")
			return nil, ErrInterrupt
		case errors.Is(err, errResized):
			continue
		case err != nil:
			end("")
			return nil, err
		}
		switch {
		case k.alt != 0:
		case k.code == prompt.NotDefined:
			secret = append(secret, k.text...)
		case k.code == prompt.Enter:
			end("")
			return []byte(string(secret)), nil
		case k.code == prompt.Backspace || k.code == prompt.ControlH:
			secret = secret[:max(0, len(secret)-1)]
		case k.code == prompt.ControlU:
			secret = secret[:0]
		case k.code == prompt.ControlC:
			end("^C")
			return nil, ErrInterrupt
		case k.code == prompt.ControlD && len(secret) == 0:
			end("")
			return nil, io.EOF
		}
	}
}
