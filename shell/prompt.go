//go:build unix

package shell

import (
	"errors"

	"github.com/pyrosh/pyrosh/shell/lineedit"
)

// promptReader is a lineReader on the terminal's line editor
// (shell/lineedit): editing, completion, history, Ctrl+R, $EDITOR.
type promptReader struct{ ed *lineedit.Editor }

func newPromptReader(c promptConfig) (*promptReader, error) {
	ed, err := lineedit.New(lineedit.Config{
		Fd:                 c.fd,
		ContinuationPrompt: promptMore,
		Complete:           c.complete,
		IsComplete:         c.isComplete,
		History:            c.history,
		Edit:               c.edit,
		MenuRows:           8,
	})
	if err != nil {
		return nil, err
	}
	return &promptReader{ed: ed}, nil
}

// ReadLine reads one statement (all its lines) with editing.
func (r *promptReader) ReadLine(p string) (string, error) {
	line, err := r.ed.ReadLine(p)
	if errors.Is(err, lineedit.ErrInterrupt) {
		return "", errInterrupt
	}
	return line, err
}

// interrupt makes the pending ReadLine return errInterrupt, as Ctrl+C
// does (used for signals that arrive while a line is edited).
func (r *promptReader) interrupt() { r.ed.Interrupt() }

// flushInput drops the keys typed ahead and not yet read, for a
// statement Ctrl+C cancelled.
func (r *promptReader) flushInput() { r.ed.FlushInput() }

// readSecret reads the :hmac key without echo, after the keys typed
// ahead (which the editor may already hold).
func (r *promptReader) readSecret(p string) ([]byte, error) {
	b, err := r.ed.ReadSecret(p)
	if errors.Is(err, lineedit.ErrInterrupt) {
		return nil, errInterrupt
	}
	return b, err
}

// withOriginalModes runs f with the terminal in the modes the shell
// started with (for an external editor), then returns to the editor's.
func (r *promptReader) withOriginalModes(f func()) { r.ed.WithOriginalModes(f) }
