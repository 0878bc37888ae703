//go:build unix

package shell

import (
	"errors"
	"fmt"
	"io"
	"sync/atomic"

	prompt "github.com/c-bata/go-prompt"
	"golang.org/x/sys/unix"
)

// This file is the only one that knows go-prompt. It works around what
// go-prompt v0.2.6 does on its own:
//
//   - Prompt.Run installs a signal handler that calls os.Exit, and its
//     Ctrl+D path exits too: we call only Input, once per line, on one
//     Prompt built once.
//   - Its input parser sets O_NONBLOCK on the terminal and keeps the
//     first termios it saw in a package variable: we give it our own
//     parser (ttyParser) that polls a blocking descriptor instead and
//     restores exactly the modes it found at each Setup.
//   - New opens /dev/tty and panics when it cannot: we build the prompt
//     only when stdin is a terminal, and recover to a plain reader.
//   - Input returns "" alike for an empty line and for Ctrl+D, and on
//     Ctrl+C it clears the line and goes on reading: key bindings tell the
//     three apart, and an exit checker makes Ctrl+C return from Input so
//     the loop can also drop the lines of an unfinished statement. The
//     parser hands Ctrl+C over as interruptKey, which go-prompt has no
//     binding of its own for, so the line is broken once, not twice.

// interruptKey is the key Ctrl+C reaches go-prompt as; interruptSeq is
// its byte sequence in go-prompt's table (F24, which no keyboard sends
// in practice).
var (
	interruptKey = prompt.F24
	interruptSeq = []byte{0x1b, 0x5b, 0x24, 0x3b, 0x32, 0x7e}
)

// promptReader is a lineReader on go-prompt.
type promptReader struct {
	p      *prompt.Prompt
	tty    *ttyParser
	prefix string

	submitted, interrupted bool
	// stale is the buffer left behind by Ctrl+C: Input returns without
	// clearing it, so the next ReadLine empties it before Input renders.
	stale *prompt.Buffer
}

// promptConfig is what the prompt needs from the session.
type promptConfig struct {
	fd        int
	history   []string
	completer func(text string) []prompt.Suggest
}

func newPromptReader(c promptConfig) (r *promptReader, err error) {
	defer func() {
		if v := recover(); v != nil {
			r, err = nil, fmt.Errorf("line editor: %v", v)
		}
	}()
	r = &promptReader{tty: &ttyParser{fd: c.fd}, prefix: promptFirst}
	submit := func(*prompt.Buffer) { r.submitted = true }
	r.p = prompt.New(
		func(string) {},
		func(d prompt.Document) []prompt.Suggest { return c.completer(d.TextBeforeCursor()) },
		prompt.OptionParser(r.tty),
		prompt.OptionLivePrefix(func() (string, bool) { return r.prefix, true }),
		prompt.OptionPrefixTextColor(prompt.DefaultColor),
		prompt.OptionHistory(c.history),
		prompt.OptionCompletionWordSeparator(wordSeparators),
		prompt.OptionMaxSuggestion(8),
		prompt.OptionAddKeyBind(
			prompt.KeyBind{Key: prompt.Enter, Fn: submit},
			prompt.KeyBind{Key: prompt.ControlJ, Fn: submit},
			prompt.KeyBind{Key: prompt.ControlM, Fn: submit},
			prompt.KeyBind{Key: interruptKey, Fn: func(b *prompt.Buffer) { r.interrupted, r.stale = true, b }},
		),
		prompt.OptionSetExitCheckerOnInput(func(string, bool) bool { return r.interrupted }),
	)
	return r, nil
}

// ReadLine reads one line with editing, completion and history.
func (r *promptReader) ReadLine(p string) (string, error) {
	r.prefix = p
	r.submitted, r.interrupted = false, false
	if b := r.stale; b != nil {
		r.stale = nil
		d := b.Document()
		b.Delete(len([]rune(d.TextAfterCursor())))
		b.DeleteBeforeCursor(len([]rune(d.TextBeforeCursor())))
	}
	line := r.p.Input()
	switch {
	case r.interrupted:
		return "", errInterrupt
	case r.submitted:
		return line, nil
	}
	return "", io.EOF
}

// interrupt makes the pending ReadLine return errInterrupt, as Ctrl+C
// does (used for signals that arrive while a line is edited).
func (r *promptReader) interrupt() { r.tty.inject.Store(true) }

// ttyParser is go-prompt's ConsoleParser on the terminal: raw mode like
// go-prompt's own, but reads poll a blocking descriptor (O_NONBLOCK would
// be shared with the parent shell through stdin) and every Setup saves
// the modes that TearDown puts back.
type ttyParser struct {
	fd      int
	saved   *unix.Termios
	inject  atomic.Bool
	pending []byte // the rest of a paste, see Read
	hold    bool   // an Enter from pending was handed over: wait for the next line's Setup
}

var errNoInput = errors.New("no input")

func (t *ttyParser) Setup() error {
	t.hold = false
	tio, err := unix.IoctlGetTermios(t.fd, ioctlGetTermios)
	if err != nil {
		return err
	}
	saved := *tio
	t.saved = &saved
	tio.Iflag &^= unix.IGNBRK | unix.BRKINT | unix.PARMRK | unix.ISTRIP | unix.INLCR | unix.IGNCR | unix.ICRNL | unix.IXON
	tio.Lflag &^= unix.ECHO | unix.ICANON | unix.IEXTEN | unix.ISIG | unix.ECHONL
	tio.Cflag &^= unix.CSIZE | unix.PARENB
	tio.Cflag |= unix.CS8
	tio.Cc[unix.VMIN], tio.Cc[unix.VTIME] = 1, 0
	return unix.IoctlSetTermios(t.fd, ioctlSetTermios, tio)
}

func (t *ttyParser) TearDown() error {
	if t.saved == nil {
		return nil
	}
	err := unix.IoctlSetTermios(t.fd, ioctlSetTermios, t.saved)
	t.saved = nil
	return err
}

// Read (called from go-prompt's reader goroutine, one at a time, while
// Setup and TearDown run between lines) returns the bytes typed, or
// errNoInput after 20 ms without any;
// go-prompt's reader loop calls it again. go-prompt takes each Read as one
// key, so a paste of several lines is handed over a line at a time, each
// Enter on its own; the rest waits in pending, for the next line if need
// be.
func (t *ttyParser) Read() ([]byte, error) {
	if t.inject.Swap(false) {
		t.pending = nil
		return interruptSeq, nil
	}
	if t.hold {
		return nil, errNoInput
	}
	if len(t.pending) > 0 {
		return t.next(), nil
	}
	fds := []unix.PollFd{{Fd: int32(t.fd), Events: unix.POLLIN}}
	n, err := unix.Poll(fds, 20)
	if err != nil || n == 0 {
		return nil, errNoInput
	}
	if fds[0].Revents&(unix.POLLHUP|unix.POLLERR|unix.POLLNVAL) != 0 && fds[0].Revents&unix.POLLIN == 0 {
		return []byte{0x04}, nil // the terminal went away: Ctrl+D ends the session
	}
	buf := make([]byte, 1024)
	n, err = unix.Read(t.fd, buf)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return []byte{0x04}, nil
	}
	if n == 1 && buf[0] == 0x03 {
		return interruptSeq, nil
	}
	t.pending = buf[:n]
	return t.next(), nil
}

// next takes one key from pending: a line end, an escape sequence, one
// other control character (Tab among them), or a run of plain text up to
// the next of those. go-prompt reads each Read as one key, so typing
// faster than it reads (or a paste) must not merge "ec" and a Tab into
// text with a literal tab in it.
func (t *ttyParser) next() []byte {
	p := t.pending
	i := keyLen(p)
	t.pending = p[i:]
	if len(t.pending) == 0 {
		t.pending = nil
	}
	// go-prompt drops what it read after an Enter once Input returns, so
	// the rest of a paste waits for the next line.
	t.hold = t.pending != nil && (p[0] == '\r' || p[0] == '\n')
	if i == 2 && p[0] == '\r' && p[1] == '\n' {
		return p[:1] // CRLF is one Enter
	}
	return p[:i]
}

// keyLen returns the length of the first key in p (p is not empty).
func keyLen(p []byte) int {
	switch c := p[0]; {
	case c == '\r':
		if len(p) > 1 && p[1] == '\n' {
			return 2
		}
		return 1
	case c == 0x1b:
		return escapeLen(p)
	case c < 0x20 || c == 0x7f:
		return 1
	}
	i := 1
	for i < len(p) && p[i] >= 0x20 && p[i] != 0x7f && p[i] != 0x1b {
		i++
	}
	return i
}

// escapeLen returns the length of the escape sequence at the start of p:
// CSI (ESC [ params final) and SS3 (ESC O x) sequences, else ESC with the
// byte after it (Alt+key), else ESC alone.
func escapeLen(p []byte) int {
	if len(p) < 2 {
		return 1
	}
	switch p[1] {
	case '[':
		for i := 2; i < len(p); i++ {
			if p[i] >= 0x40 && p[i] <= 0x7e {
				return i + 1
			}
		}
		return len(p)
	case 'O':
		return min(3, len(p))
	}
	return 2
}

func (t *ttyParser) GetWinSize() *prompt.WinSize {
	ws, err := unix.IoctlGetWinsize(t.fd, unix.TIOCGWINSZ)
	if err != nil || ws.Col == 0 || ws.Row == 0 {
		return &prompt.WinSize{Row: 24, Col: 80}
	}
	return &prompt.WinSize{Row: ws.Row, Col: ws.Col}
}
