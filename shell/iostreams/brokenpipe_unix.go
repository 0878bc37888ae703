//go:build unix

package iostreams

import (
	"os"
	"os/signal"
	"syscall"
)

// catchBrokenPipe makes a write to a closed stdout or stderr return EPIPE
// instead of killing the process on the spot (Go's default for fds 1
// and 2), so that the broken-pipe hooks run first.
func catchBrokenPipe() {
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
}

// dieOfBrokenPipe ends the process as an unhandled SIGPIPE does: with
// the handler reset, one more write to the broken f makes the Go runtime
// kill the process with SIGPIPE. Exit status 141 is the fallback.
func dieOfBrokenPipe(f *os.File) {
	signal.Reset(syscall.SIGPIPE)
	_, _ = f.Write([]byte{'\n'})
	os.Exit(ExitBrokenPipe)
}
