package history

import (
	"errors"
	"os"
	"path/filepath"
)

// DefaultPath returns where the shell keeps its history when --history is not
// given: $XDG_STATE_HOME/pyrosh/history, or ~/.local/state/pyrosh/history when
// XDG_STATE_HOME is unset or not absolute (the XDG base directory spec says a
// relative value is invalid and must be ignored).
func DefaultPath() (string, error) {
	if dir := os.Getenv("XDG_STATE_HOME"); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, "pyrosh", "history"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	if home == "" {
		return "", errors.New("history path: home directory is unknown")
	}
	return filepath.Join(home, ".local", "state", "pyrosh", "history"), nil
}
