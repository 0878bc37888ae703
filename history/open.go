package history

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// openFile opens the history file at path with flag (os.O_RDONLY, or
// os.O_RDWR|os.O_APPEND|os.O_CREATE), following no symbolic link and
// accepting only a regular file owned by the user: a link planted at the
// path (or at its directory) would have the shell append to, and chmod,
// a file of the link's choosing, and a FIFO or device would hang the shell
// before its first prompt. The type is checked before the open, the open
// does not follow a link or block, and the descriptor is checked again
// after it (as the file may have been swapped in between).
func openFile(path string, flag int) (*os.File, error) {
	if err := checkDir(filepath.Dir(path)); err != nil {
		return nil, err
	}
	if fi, err := os.Lstat(path); err == nil {
		if err := checkType(path, fi); err != nil {
			return nil, err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("open history: %w", err)
	}
	f, err := os.OpenFile(path, flag|noFollow, 0o600)
	if err != nil {
		if isLoop(err) {
			return nil, fmt.Errorf("history file %s is a symbolic link; not following it", path)
		}
		return nil, fmt.Errorf("open history: %w", err)
	}
	fi, err := f.Stat()
	if err == nil {
		err = checkType(path, fi)
	}
	if err == nil {
		err = checkOwner(path, fi)
	}
	if err == nil {
		err = blocking(f)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// checkDir refuses a history directory that is a symbolic link.
func checkDir(dir string) error {
	if fi, err := os.Lstat(dir); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf("history directory %s is a symbolic link; not following it", dir)
	}
	return nil
}

// checkType accepts a regular file only, naming what else it found.
func checkType(path string, fi fs.FileInfo) error {
	m := fi.Mode()
	what := ""
	switch {
	case m.IsRegular():
		return nil
	case m&fs.ModeSymlink != 0:
		what = "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		what = "a FIFO"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		what = "a device"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m.IsDir():
		what = "a directory"
	default:
		what = "not a regular file"
	}
	return fmt.Errorf("history file %s is %s; only a regular file is used", path, what)
}
