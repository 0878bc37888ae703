//go:build !unix

package shell

import "os"

// killByInterrupt ends the process with the status a shell gives an
// interrupted command, where there is no SIGINT to re-raise.
func killByInterrupt() {
	os.Exit(StatusInterrupted)
}
