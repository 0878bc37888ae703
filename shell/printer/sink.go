package printer

import "io"

// flushAt is how much output a sink gathers before writing it, so a 10 MB
// result goes out in 32 KB writes instead of one 10 MB string.
const flushAt = 32 << 10

// sink is an append buffer that writes itself to w whenever it grows past
// flushAt; with a nil w it only accumulates (AppendJSON). It does the job
// of a bufio.Writer while letting the encoders append to a []byte.
type sink struct {
	buf []byte
	w   io.Writer
	err error
}

// maybeFlush writes the buffer once it holds flushAt bytes and reports
// whether the stream has failed: the loops over a container's items stop
// there, so that a result whose output was stopped (Ctrl+C, a closed
// pipe) is not formatted to its end for nothing.
func (s *sink) maybeFlush() (failed bool) {
	if s.w != nil && len(s.buf) >= flushAt {
		s.flush()
	}
	return s.err != nil
}

func (s *sink) flush() {
	if s.err == nil && len(s.buf) > 0 {
		_, s.err = s.w.Write(s.buf)
	}
	s.buf = s.buf[:0]
}

// styled appends text between st's escape codes.
func (s *sink) styled(st style, text string) {
	s.buf = append(s.buf, st.on...)
	s.buf = append(s.buf, text...)
	s.buf = append(s.buf, st.off...)
}

// maxDepth bounds recursion over nested values. Decoders cap nesting far
// below it; the bound only keeps a value built with a cycle from
// exhausting the stack, printing "..." where Python prints [...].
const maxDepth = 1000
