package iostreams

import (
	"strings"
	"testing"
)

func TestColorMode(t *testing.T) {
	tests := []struct {
		name    string
		mode    string
		tty     bool
		noColor string
		term    string
		want    bool
	}{
		{"auto on a terminal colours", "auto", true, "", "xterm-256color", true},
		{"auto when piped does not colour", "auto", false, "", "xterm", false},
		{"auto honours NO_COLOR", "auto", true, "1", "xterm", false},
		{"auto ignores an empty NO_COLOR", "auto", true, "", "", true},
		{"auto on a dumb terminal does not colour", "auto", true, "", "dumb", false},
		{"always wins over a pipe", "always", false, "", "", true},
		{"always wins over NO_COLOR", "always", true, "1", "dumb", true},
		{"never wins over a terminal", "never", true, "", "xterm", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _, _, _ := Test()
			s.SetStdoutTTY(tt.tty)
			s.SetEnv("NO_COLOR", tt.noColor)
			s.SetEnv("TERM", tt.term)
			if err := s.SetColorMode(tt.mode); err != nil {
				t.Fatal(err)
			}
			if got := s.ColorEnabled(); got != tt.want {
				t.Errorf("ColorEnabled() = %v, want %v", got, tt.want)
			}
			if s.ColorMode() != tt.mode {
				t.Errorf("ColorMode() = %q, want %q", s.ColorMode(), tt.mode)
			}
		})
	}
}

func TestSetColorModeRejectsUnknownMode(t *testing.T) {
	s, _, _, _ := Test()
	if err := s.SetColorMode("always"); err != nil {
		t.Fatal(err)
	}
	err := s.SetColorMode("sometimes")
	if err == nil {
		t.Fatal("no error for mode \"sometimes\"")
	}
	for _, want := range []string{`"sometimes"`, "auto", "always", "never"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
	if !s.ColorEnabled() || s.ColorMode() != "always" {
		t.Error("a rejected mode changed the decision")
	}
}

func TestColorDecidedOnce(t *testing.T) {
	s, _, _, _ := Test()
	s.SetStdoutTTY(true)
	if err := s.SetColorMode("auto"); err != nil {
		t.Fatal(err)
	}
	s.SetEnv("NO_COLOR", "1")
	if !s.ColorEnabled() {
		t.Error("the decision changed without SetColorMode")
	}
}

func TestTestStreamsDefaults(t *testing.T) {
	s, in, out, errOut := Test()
	if s.IsStdinTTY() || s.IsStdoutTTY() || s.IsStderrTTY() || s.ColorEnabled() {
		t.Error("test streams start as terminals or coloured")
	}
	if got := s.TerminalWidth(); got != DefaultWidth {
		t.Errorf("TerminalWidth() = %d, want %d", got, DefaultWidth)
	}
	in.WriteString("x")
	if s.In != in || s.Out != out || s.ErrOut != errOut {
		t.Error("streams are not the returned buffers")
	}
	s.SetStdinTTY(true)
	s.SetStderrTTY(true)
	if !s.IsStdinTTY() || !s.IsStderrTTY() {
		t.Error("TTY setters had no effect")
	}
}

func TestTerminalWidth(t *testing.T) {
	s, _, _, _ := Test()
	s.SetTerminalWidth(132)
	if got := s.TerminalWidth(); got != 132 {
		t.Errorf("TerminalWidth() = %d, want 132", got)
	}
	s.SetTerminalWidth(0)
	if got := s.TerminalWidth(); got != DefaultWidth {
		t.Errorf("unknown width gives %d, want %d", got, DefaultWidth)
	}
}

func TestSystemWhenPiped(t *testing.T) {
	// Under go test, stdout is a pipe or file, never the terminal.
	s := System()
	if s.IsStdoutTTY() {
		t.Skip("stdout is a terminal")
	}
	if s.ColorEnabled() {
		t.Error("auto mode colours a piped stdout")
	}
	if got := s.TerminalWidth(); got != DefaultWidth {
		t.Errorf("TerminalWidth() = %d, want %d", got, DefaultWidth)
	}
}
