//go:build !unix

package iostreams

import "os"

// catchBrokenPipe has nothing to do where there is no SIGPIPE: writes to
// a closed pipe return an error.
func catchBrokenPipe() {}

func dieOfBrokenPipe(*os.File) { os.Exit(ExitBrokenPipe) }
