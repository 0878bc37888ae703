//go:build !unix

package history

import "os"

// Without flock, appends from several shells may interleave; the shell only
// ships on unix, so this stub just keeps the package building elsewhere.
func lock(*os.File, bool) error { return nil }

func unlock(*os.File) error { return nil }
