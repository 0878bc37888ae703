//go:build !unix

package shell

import (
	"os"
	"syscall"
)

// killByInterrupt ends the process with the status a shell gives an
// interrupted command, where there is no SIGINT to re-raise.
func killByInterrupt() { killBySignal(syscall.SIGINT) }

// killBySignal ends the process with the status a shell gives a command
// killed by sig, where a signal cannot be re-raised.
func killBySignal(sig syscall.Signal) {
	os.Exit(128 + int(sig))
}
