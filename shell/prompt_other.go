//go:build !unix

package shell

import (
	"errors"

	prompt "github.com/c-bata/go-prompt"
)

// On platforms without termios the line editor is not available: the
// shell falls back to its plain line reader (no completion menu, no
// history recall), which it also uses when stdin is not a terminal.

type promptReader struct{}

type promptConfig struct {
	fd        int
	history   []string
	completer func(text string) []prompt.Suggest
}

func newPromptReader(promptConfig) (*promptReader, error) {
	return nil, errors.New("line editing is not supported on this platform")
}

func (r *promptReader) ReadLine(string) (string, error) { return "", errors.New("no line editor") }

func (r *promptReader) interrupt() {}
