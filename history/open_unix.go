//go:build unix

package history

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// noFollow makes the open fail on a symbolic link, and not block on a FIFO.
const noFollow = syscall.O_NOFOLLOW | syscall.O_NONBLOCK

func isLoop(err error) bool { return errors.Is(err, syscall.ELOOP) }

// checkOwner accepts a file owned by the user running the shell.
func checkOwner(path string, fi fs.FileInfo) error {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	if uid := os.Getuid(); int(st.Uid) != uid {
		return fmt.Errorf("history file %s belongs to user %d, not to you (%d); not using it", path, st.Uid, uid)
	}
	return nil
}

// blocking clears the O_NONBLOCK the open used.
func blocking(f *os.File) error {
	if err := syscall.SetNonblock(int(f.Fd()), false); err != nil {
		return fmt.Errorf("open history: %w", err)
	}
	return nil
}
