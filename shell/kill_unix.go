//go:build unix

package shell

import (
	"os/signal"
	"syscall"
)

// killByInterrupt ends the process the way an uncaught SIGINT does. A
// script waiting for its next line on a pipe has no terminal state to
// restore, and a shell running it expects the signal's status.
func killByInterrupt() {
	signal.Reset(syscall.SIGINT)
	_ = syscall.Kill(syscall.Getpid(), syscall.SIGINT)
}
