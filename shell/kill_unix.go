//go:build unix

package shell

import (
	"os/signal"
	"syscall"
)

// killByInterrupt ends the process the way an uncaught SIGINT does. A
// script waiting for its next line on a pipe has no terminal state to
// restore, and a shell running it expects the signal's status.
func killByInterrupt() { killBySignal(syscall.SIGINT) }

// killBySignal ends the process the way sig does when nothing catches
// it: the parent sees it killed by sig (128+sig in a shell). The signal
// is on its way when it returns; one ignored when pyrosh started (nohup)
// is ignored again and the process goes on.
func killBySignal(sig syscall.Signal) {
	signal.Reset(sig)
	_ = syscall.Kill(syscall.Getpid(), sig)
}
