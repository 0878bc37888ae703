//go:build unix

package history

import (
	"errors"
	"os"
	"syscall"
	"time"
)

// lockTimeout bounds how long Add waits for another shell's lock: a shell
// stuck while holding it must not freeze this one's prompt.
const lockTimeout = 5 * time.Second

// lock takes an advisory flock (exclusive or shared) on f, polling without
// blocking so the wait has a deadline. flock locks belong to the open file
// description, so two History values in one process exclude each other too.
func lock(f *os.File, exclusive bool) error {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	deadline := time.Now().Add(lockTimeout)
	pause := 100 * time.Microsecond
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, syscall.EINTR):
			continue
		case !errors.Is(err, syscall.EWOULDBLOCK):
			return &os.PathError{Op: "lock", Path: f.Name(), Err: err}
		}
		if time.Now().After(deadline) {
			return &os.PathError{Op: "lock", Path: f.Name(), Err: errors.New("timed out after 5s")}
		}
		time.Sleep(pause)
		pause = min(2*pause, 5*time.Millisecond)
	}
}

func unlock(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}
