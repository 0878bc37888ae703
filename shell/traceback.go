package shell

import (
	"context"
	"fmt"
	"strings"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// shortFrames is how many of the innermost frames `:traceback short`
// keeps: where the exception was raised and the calls just above it.
const shortFrames = 3

// traceback returns e as the session prints it: whole with
// `:traceback full`; with `:traceback short` its last traceback keeps
// the innermost frames and one line says how many were left out.
// Chained tracebacks before the last are kept as sent.
func (s *session) traceback(e *py.Exception) *py.Exception {
	if s.fullTraceback || len(e.Traceback) == 0 {
		return e
	}
	lines := strings.SplitAfter(strings.Join(e.Traceback, ""), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	last := 0 // the last "Traceback (most recent call last):" header
	for i, l := range lines {
		if strings.HasPrefix(l, "Traceback (most recent call last)") {
			last = i
		}
	}
	var frames []int // lines starting a frame of the last traceback
	for i := last; i < len(lines); i++ {
		if strings.HasPrefix(lines[i], `  File "`) {
			frames = append(frames, i)
		}
	}
	drop := len(frames) - shortFrames
	if drop <= 0 {
		return e
	}
	short := *e
	short.Traceback = make([]string, 0, len(lines))
	short.Traceback = append(short.Traceback, lines[:frames[0]]...)
	short.Traceback = append(short.Traceback, fmt.Sprintf("  ... %d earlier %s left out (:traceback full shows them)\n", drop, plural(drop, "frame", "frames")))
	short.Traceback = append(short.Traceback, lines[frames[drop]:]...)
	return &short
}

// plural picks the singular for one, as "1 attribute", "2 attributes".
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func (s *session) metaTraceback(_ context.Context, args []string) error {
	switch {
	case len(args) == 0:
		fmt.Fprintln(s.out, s.tracebackMode())
		return nil
	case len(args) == 1 && strings.EqualFold(args[0], "short"):
		s.fullTraceback = false
	case len(args) == 1 && strings.EqualFold(args[0], "full"):
		s.fullTraceback = true
	default:
		return usagef("usage: :traceback short|full")
	}
	s.confirmf("traceback %s", s.tracebackMode())
	return nil
}

func (s *session) tracebackMode() string {
	if s.fullTraceback {
		return "full"
	}
	return "short"
}
