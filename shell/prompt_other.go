//go:build !unix

package shell

import "errors"

// On platforms without termios the line editor is not available: the
// shell falls back to its plain line reader (no completion menu, no
// history recall), which it also uses when stdin is not a terminal.

type promptReader struct{}

func newPromptReader(promptConfig) (*promptReader, error) {
	return nil, errors.New("line editing is not supported on this platform")
}

func (r *promptReader) ReadLine(string) (string, error) { return "", errors.New("no line editor") }

func (r *promptReader) interrupt() {}

func (r *promptReader) withOriginalModes(f func()) { f() }

func (r *promptReader) readSecret(string) ([]byte, error) { return nil, errors.New("no line editor") }

func (r *promptReader) flushInput() {}
