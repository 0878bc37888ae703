package history

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
)

// load reads records from r and returns the newest max entries, oldest
// first. A last line without its newline is a torn record and is ignored, as
// are lines over maxLine bytes, lines holding a NUL (see tornMark), blank
// entries and secrets; consecutive duplicates are folded.
func load(r io.Reader, max int) ([]string, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var entries []string
	var line []byte
	tooLong := false
	for {
		frag, err := br.ReadSlice('\n')
		if len(frag) > 0 && !tooLong {
			if len(line)+len(frag) > maxLine+1 {
				tooLong, line = true, line[:0]
			} else {
				line = append(line, frag...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil {
			if err == io.EOF {
				break
			}
			return nil, err
		}
		if !tooLong {
			entries = keep(entries, line[:len(line)-1], max)
		}
		line, tooLong = line[:0], false
	}
	if len(entries) > max {
		entries = entries[len(entries)-max:]
	}
	return entries, nil
}

// keep appends the entry of one record line to entries unless it is to be
// skipped. It lets entries grow to twice max before dropping the oldest, so
// loading a long file costs linear time.
func keep(entries []string, line []byte, max int) []string {
	e, ok := decode(line)
	if !ok || strings.TrimSpace(e) == "" || IsSecret(e) {
		return entries
	}
	if n := len(entries); n > 0 && entries[n-1] == e {
		return entries
	}
	if len(entries) == 2*max {
		entries = append(entries[:0], entries[max:]...)
	}
	return append(entries, e)
}

// appendRecord writes entry to f as one record under an exclusive lock and
// fsyncs it, unless the file's last record already is entry. One write call
// on an O_APPEND file, made while holding the lock, keeps records of several
// shells from interleaving.
func appendRecord(f *os.File, entry string) error {
	if err := lock(f, true); err != nil {
		return err
	}
	defer unlock(f)
	last, ok, torn, err := lastRecord(f)
	if err != nil {
		return err
	}
	if ok && last == entry {
		return nil
	}
	buf := make([]byte, 0, len(entry)+len(entry)/8+len(tornMark)+1)
	if torn {
		buf = append(buf, tornMark...)
	}
	buf = append(encode(buf, entry), '\n')
	if _, err := f.Write(buf); err != nil {
		return err
	}
	return f.Sync()
}

// lastRecord returns the entry of the file's last complete record line, if
// it has one and it is short enough to find, and whether the file ends in a
// torn record (no final newline). It reads backwards from the end in growing
// windows so an append usually costs one small read.
func lastRecord(f *os.File) (last string, ok, torn bool, err error) {
	fi, err := f.Stat()
	if err != nil {
		return "", false, false, err
	}
	size := fi.Size()
	if size == 0 {
		return "", false, false, nil
	}
	for window := int64(4096); ; window *= 4 {
		window = min(window, size, maxLine+2)
		off := size - window
		buf := make([]byte, window)
		if _, err := f.ReadAt(buf, off); err != nil {
			return "", false, false, err
		}
		torn = buf[len(buf)-1] != '\n'
		end := bytes.LastIndexByte(buf, '\n')
		start := -1
		if end >= 0 {
			start = bytes.LastIndexByte(buf[:end], '\n')
		}
		if start < 0 && off > 0 {
			if window == maxLine+2 {
				return "", false, torn, nil // longer than any record
			}
			continue
		}
		if end < 0 {
			return "", false, torn, nil // the whole file is one torn line
		}
		last, ok = decode(buf[start+1 : end])
		return last, ok, torn, nil
	}
}
