//go:build unix

package lineedit

import (
	"errors"
	"os"
	"os/signal"
	"time"

	"golang.org/x/sys/unix"
)

// terminal is the tty the editor reads: its modes, reads with a wake-up
// pipe beside it, and its size.
type terminal struct {
	fd   int
	orig unix.Termios // the modes found at the start, put back by original
	wake [2]int       // a pipe: Interrupt writes, wait returns
}

func newTerminal(fd int) (*terminal, error) {
	t := &terminal{fd: fd}
	tio, err := unix.IoctlGetTermios(fd, ioctlGetTermios)
	if err != nil {
		return nil, err
	}
	t.orig = *tio
	if err := unix.Pipe(t.wake[:]); err != nil {
		return nil, err
	}
	for _, fd := range t.wake {
		unix.CloseOnExec(fd)
		if err := unix.SetNonblock(fd, true); err != nil {
			return nil, err
		}
	}
	// A resize wakes the editor to redraw at the new width.
	winch := make(chan os.Signal, 1)
	signal.Notify(winch, unix.SIGWINCH)
	go func() {
		for range winch {
			_, _ = unix.Write(t.wake[1], []byte{wakeResize})
		}
	}()
	return t, nil
}

// What is written to the wake-up pipe.
const (
	wakeInterrupt = 1
	wakeResize    = 2
)

// raw puts the terminal in raw mode (as cfmakeraw, with output
// post-processing kept), from the modes found at the start. The descriptor
// stays blocking: it is shared with the parent shell.
func (t *terminal) raw() error {
	tio := t.orig
	tio.Iflag &^= unix.IGNBRK | unix.BRKINT | unix.PARMRK | unix.ISTRIP | unix.INLCR | unix.IGNCR | unix.ICRNL | unix.IXON
	tio.Lflag &^= unix.ECHO | unix.ICANON | unix.IEXTEN | unix.ISIG | unix.ECHONL
	tio.Cflag &^= unix.CSIZE | unix.PARENB
	tio.Cflag |= unix.CS8
	tio.Cc[unix.VMIN], tio.Cc[unix.VTIME] = 1, 0
	// TCSETS, not TCSETSF: type-ahead stays in the input queue.
	return unix.IoctlSetTermios(t.fd, ioctlSetTermios, &tio)
}

// between is the mode while a statement runs, between two lines: the
// original modes without canonical input or echo, so that keys typed
// ahead wait in the input queue whole (the canonical line buffer drops
// what goes past 4095 bytes of one line) and show when the editor draws
// them, with ISIG kept so Ctrl+C and Ctrl+Z still signal.
//
// NOFLSH too: the kernel's flush of the queues at Ctrl+C can leave a
// write in progress blocked for good. The flush frees the room a write to
// a pty slave waits for without waking it (only the master's next read
// does, and with echo off there is nothing more for it to read), so a
// large result printing when Ctrl+C came hung the shell unless the signal
// happened to land on the thread writing. The keys typed ahead are
// dropped by FlushInput instead, once the statement is cancelled.
func (t *terminal) between() error {
	tio := t.orig
	tio.Lflag &^= unix.ECHO | unix.ICANON | unix.IEXTEN | unix.ECHONL
	tio.Lflag |= unix.ISIG | unix.NOFLSH
	tio.Cc[unix.VMIN], tio.Cc[unix.VTIME] = 1, 0
	return unix.IoctlSetTermios(t.fd, ioctlSetTermios, &tio)
}

// flushInput discards what was typed and not yet read (tcflush TCIFLUSH).
func (t *terminal) flushInput() error { return flushInput(t.fd) }

// original puts back the modes found at the start, for the shell's exit,
// a suspend and an external editor.
func (t *terminal) original() error {
	return unix.IoctlSetTermios(t.fd, ioctlSetTermios, &t.orig)
}

// errWoken is wait's answer when interrupt was called, errResized when
// the terminal's size changed.
var (
	errWoken   = errors.New("woken")
	errResized = errors.New("resized")
)

// wait waits up to ms milliseconds (-1: no limit) for input and reads what
// is there into buf. It returns 0, nil on timeout, errWoken after
// interrupt, and 0, io.EOF-like hangup as n == 0 with hangup true.
func (t *terminal) wait(buf []byte, ms int) (n int, hangup bool, err error) {
	fds := []unix.PollFd{{Fd: int32(t.fd), Events: unix.POLLIN}, {Fd: int32(t.wake[0]), Events: unix.POLLIN}}
	for {
		_, err = unix.Poll(fds, ms)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		return 0, false, err
	}
	if fds[1].Revents&unix.POLLIN != 0 {
		var b [64]byte
		err := errResized
		for {
			n, _ := unix.Read(t.wake[0], b[:])
			if n <= 0 {
				break
			}
			for _, c := range b[:n] {
				if c == wakeInterrupt {
					err = errWoken
				}
			}
		}
		return 0, false, err
	}
	switch r := fds[0].Revents; {
	case r&unix.POLLIN != 0:
		for {
			n, err = unix.Read(t.fd, buf)
			if err != unix.EINTR {
				break
			}
		}
		if err != nil {
			return 0, false, err
		}
		return n, n == 0, nil
	case r&(unix.POLLHUP|unix.POLLERR|unix.POLLNVAL) != 0:
		return 0, true, nil
	}
	return 0, false, nil
}

// interrupt makes the pending or next wait return errWoken.
func (t *terminal) interrupt() { _, _ = unix.Write(t.wake[1], []byte{wakeInterrupt}) }

// width returns the terminal's columns and rows (80x24 when unknown).
func (t *terminal) size() (cols, rows int) {
	ws, err := unix.IoctlGetWinsize(t.fd, unix.TIOCGWINSZ)
	if err != nil || ws.Col == 0 || ws.Row == 0 {
		return 80, 24
	}
	return int(ws.Col), int(ws.Row)
}

// suspend stops the process group as the terminal's Ctrl+Z would (the
// modes are the caller's to restore first), and returns once continued.
// The stop takes effect a moment after kill returns, so it waits for
// SIGCONT; in an orphaned process group (no job control) the kernel
// discards the stop, and the wait ends after a short while.
func suspend() {
	cont := make(chan os.Signal, 1)
	signal.Notify(cont, unix.SIGCONT)
	defer signal.Stop(cont)
	if unix.Kill(0, unix.SIGTSTP) != nil {
		return
	}
	select {
	case <-cont:
	case <-time.After(500 * time.Millisecond):
	}
}
