package cli

import (
	"io"
	"os"

	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/wire"
)

// fileArgs reads @FILE arguments: the file's bytes, "@-" standard input
// (once). A file is read up to limit bytes, the largest message the
// daemon could take anyway, so a mistaken @/dev/zero cannot fill memory.
type fileArgs struct {
	stdin     io.Reader
	limit     int
	stdinUsed bool
}

// read returns the contents of the file an @ argument names, as bytes.
func (f *fileArgs) read(word, path string) (py.Value, error) {
	if f == nil {
		return nil, usageErrorf("%q: @FILE arguments are not read here", word)
	}
	limit := f.limit
	if limit <= 0 {
		limit = wire.DefaultMaxSize
	}
	var r io.Reader
	name := path
	if path == "-" {
		if f.stdinUsed {
			return nil, usageErrorf("%q: standard input is read by one @- argument only", word)
		}
		f.stdinUsed = true
		r, name = f.stdin, "standard input"
	} else {
		file, err := os.Open(path)
		if err != nil {
			return nil, usageErrorf("argument %q: %v", word, err)
		}
		defer file.Close()
		r = file
	}
	b, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, usageErrorf("argument %q: read %s: %v", word, name, err)
	}
	if len(b) > limit {
		return nil, usageErrorf("argument %q: %s is larger than the largest message (%d bytes; see --max-message-size)", word, name, limit)
	}
	return py.Bytes(b), nil
}
