package shell

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
)

// lineReader is where the loop gets its input: go-prompt on a terminal
// (prompt.go), a plain buffered reader for pipes and files, a scripted
// fake in tests. ReadLine returns one line without its newline; io.EOF
// at the end of input (Ctrl+D), errInterrupt when the user pressed Ctrl+C
// to abandon the line.
type lineReader interface {
	ReadLine(prompt string) (string, error)
}

// errInterrupt is ReadLine's answer to Ctrl+C on the line being edited.
var errInterrupt = errors.New("interrupted")

// maxLine bounds one line of a script, so a stray binary file on stdin
// cannot take all memory.
const maxLine = 16 << 20

// plainReader reads lines from a pipe or a file and shows no prompt.
type plainReader struct {
	r *bufio.Reader
	// flush, when set, runs before a read that may wait for input.
	flush func()
	// text holds the short lines read so far, one after another: a line
	// is a substring of it instead of a string of its own, so a piped
	// script's statements cost no allocation each (and no fresh memory
	// to fault in). A Builder only ever appends, so the strings cut from
	// it stay as they were; a full one is left to its lines and replaced.
	text strings.Builder
	// begun is set once the first line was read (and its byte-order
	// mark, if any, skipped).
	begun bool
}

// Lines of up to textLine bytes are cut from blocks of textBlock bytes:
// a line a statement keeps (a variable's name) keeps its block alive, so
// blocks are small; longer lines get strings of their own.
const (
	textBlock = 2 << 10
	textLine  = 256
)

func newPlainReader(r io.Reader) *plainReader {
	return &plainReader{r: bufio.NewReaderSize(r, 64<<10)}
}

// utf8BOM is the byte-order mark an editor may write at the start of a
// UTF-8 file; Python's tokenizer skips it.
const utf8BOM = "\ufeff"

func (p *plainReader) ReadLine(string) (string, error) {
	line, err := p.readLine()
	if !p.begun {
		p.begun = true
		line = strings.TrimPrefix(line, utf8BOM)
	}
	return line, err
}

// readLine is ReadLine but for the byte-order mark.
func (p *plainReader) readLine() (string, error) {
	// A line already buffered whole is taken from the buffer with one
	// scan for its end; otherwise the read may wait for input, so what
	// the statements before printed is flushed first.
	if b, _ := p.r.Peek(p.r.Buffered()); len(b) > 0 {
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line := p.line(bytes.TrimSuffix(b[:i], []byte("\r")))
			_, _ = p.r.Discard(i + 1) // buffered: cannot fail
			return line, nil
		}
	}
	if p.flush != nil {
		p.flush()
	}
	var b []byte
	for {
		chunk, err := p.r.ReadSlice('\n')
		if err == nil && b == nil {
			// The whole line was in the buffer: one copy, into the string.
			chunk = bytes.TrimSuffix(chunk[:len(chunk)-1], []byte("\r"))
			return p.line(chunk), nil
		}
		b = append(b, chunk...)
		if len(b) > maxLine {
			return "", errors.New("line longer than 16 MiB")
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && len(b) > 0:
			return strings.TrimSuffix(string(b), "\r"), nil
		case err != nil:
			return "", err
		}
		return strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r"), nil
	}
}

// line returns b as a string: for a short line, cut from p.text.
func (p *plainReader) line(b []byte) string {
	if len(b) == 0 || len(b) > textLine {
		return string(b)
	}
	if p.text.Cap()-p.text.Len() < len(b) {
		p.text = strings.Builder{}
		p.text.Grow(textBlock)
	}
	n := p.text.Len()
	p.text.Write(b)
	return p.text.String()[n:]
}

// stringReader serves the lines of a -c argument.
type stringReader struct{ lines []string }

func newStringReader(s string) *stringReader {
	return &stringReader{lines: strings.Split(strings.TrimSuffix(s, "\n"), "\n")}
}

func (s *stringReader) ReadLine(string) (string, error) {
	if len(s.lines) == 0 {
		return "", io.EOF
	}
	l := s.lines[0]
	s.lines = s.lines[1:]
	return l, nil
}
