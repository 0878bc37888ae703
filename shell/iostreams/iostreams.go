package iostreams

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/mattn/go-isatty"
	"golang.org/x/term"
)

// DefaultWidth is the terminal width assumed when stdout is not a terminal
// or its size is unknown.
const DefaultWidth = 80

// Colour modes accepted by SetColorMode, as for --color.
const (
	ColorAuto   = "auto"
	ColorAlways = "always"
	ColorNever  = "never"
)

// IOStreams holds the standard streams and what is known about them.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	stdinTTY, stdoutTTY, stderrTTY bool

	// width returns the live terminal width, or 0 when unknown; Test
	// replaces it with a fixed value.
	width func() int

	getenv func(string) string
	env    map[string]string // overrides of getenv, set by SetEnv

	// columns is the width COLUMNS gives, read once (0: not yet): the
	// environment does not change under a running process, and a piped
	// shell asks for the width at every statement.
	columns atomic.Int64

	colorMode string
	color     bool

	pipe brokenPipe // hooks run when stdout or stderr is closed under us
}

// System returns the process's real streams, with TTY detection done once
// and the colour mode set to auto. A closed stdout or stderr runs the
// OnBrokenPipe hooks once CatchBrokenPipe has been called.
func System() *IOStreams {
	s := &IOStreams{
		In:        os.Stdin,
		stdinTTY:  isTerminal(os.Stdin),
		stdoutTTY: isTerminal(os.Stdout),
		stderrTTY: isTerminal(os.Stderr),
		getenv:    os.Getenv,
	}
	s.width = func() int {
		if !s.stdoutTTY {
			return 0
		}
		w, _, err := term.GetSize(int(os.Stdout.Fd()))
		if err != nil {
			return 0
		}
		return w
	}
	s.Out = &pipeWriter{f: os.Stdout, pipe: &s.pipe}
	s.ErrOut = &pipeWriter{f: os.Stderr, pipe: &s.pipe}
	s.pipe.real = true
	_ = s.SetColorMode(ColorAuto)
	return s
}

func isTerminal(f *os.File) bool {
	fd := f.Fd()
	return isatty.IsTerminal(fd) || isatty.IsCygwinTerminal(fd)
}

// Test returns streams backed by buffers: no stream is a terminal, the
// width is DefaultWidth, the environment is empty (see SetEnv) and colour
// is off until SetColorMode decides otherwise.
func Test() (s *IOStreams, in, out, errOut *bytes.Buffer) {
	in, out, errOut = &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	s = &IOStreams{
		In:        in,
		Out:       out,
		ErrOut:    errOut,
		width:     func() int { return 0 },
		getenv:    func(string) string { return "" },
		colorMode: ColorAuto,
	}
	return s, in, out, errOut
}

// SetStdinTTY overrides whether stdin counts as a terminal.
func (s *IOStreams) SetStdinTTY(b bool) { s.stdinTTY = b }

// SetStdoutTTY overrides whether stdout counts as a terminal. Call
// SetColorMode afterwards for the colour decision to see it.
func (s *IOStreams) SetStdoutTTY(b bool) { s.stdoutTTY = b }

// SetStderrTTY overrides whether stderr counts as a terminal.
func (s *IOStreams) SetStderrTTY(b bool) { s.stderrTTY = b }

// SetTerminalWidth fixes the width TerminalWidth reports; 0 or less means
// unknown.
func (s *IOStreams) SetTerminalWidth(w int) { s.width = func() int { return w } }

// SetEnv overrides one environment variable as seen by the colour decision
// (NO_COLOR, TERM); meant for tests.
func (s *IOStreams) SetEnv(key, value string) {
	if s.env == nil {
		s.env = map[string]string{}
	}
	s.env[key] = value
	s.columns.Store(0)
}

func (s *IOStreams) lookupEnv(key string) string {
	if v, ok := s.env[key]; ok {
		return v
	}
	return s.getenv(key)
}

// IsStdinTTY reports whether stdin is a terminal.
func (s *IOStreams) IsStdinTTY() bool { return s.stdinTTY }

// IsStdoutTTY reports whether stdout is a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.stdoutTTY }

// IsStderrTTY reports whether stderr is a terminal.
func (s *IOStreams) IsStderrTTY() bool { return s.stderrTTY }

// TerminalWidth returns the width of the terminal on stdout in columns;
// when stdout is not a terminal or its size is unknown, COLUMNS (as
// Python's shutil.get_terminal_size reads it, once), else DefaultWidth.
// The terminal is asked afresh on each call, so a resized window is seen.
func (s *IOStreams) TerminalWidth() int {
	if w := s.width(); w > 0 {
		return w
	}
	if w := s.columns.Load(); w > 0 {
		return int(w)
	}
	w := DefaultWidth
	if cols := strings.TrimSpace(s.lookupEnv("COLUMNS")); cols != "" {
		if n, err := strconv.Atoi(cols); err == nil && n > 0 && n <= maxColumns {
			w = n
		}
	}
	s.columns.Store(int64(w))
	return w
}

// maxColumns bounds COLUMNS: a width beyond any screen is a mistake.
const maxColumns = 10000

// SetColorMode decides, once, whether output is coloured. "always" colours
// even when NO_COLOR is set or stdout is piped; "never" never colours;
// "auto" colours when stdout is a terminal, NO_COLOR is unset or empty and
// TERM is not "dumb". An unknown mode is an error and changes nothing.
func (s *IOStreams) SetColorMode(mode string) error {
	switch mode {
	case ColorAlways:
		s.color = true
	case ColorNever:
		s.color = false
	case ColorAuto:
		s.color = s.stdoutTTY && s.lookupEnv("NO_COLOR") == "" && s.lookupEnv("TERM") != "dumb"
	default:
		return fmt.Errorf("invalid color mode %q: want auto, always or never", mode)
	}
	s.colorMode = mode
	return nil
}

// ColorMode returns the mode last set by SetColorMode.
func (s *IOStreams) ColorMode() string { return s.colorMode }

// ColorEnabled reports the decision made by the last SetColorMode.
func (s *IOStreams) ColorEnabled() bool { return s.color }
