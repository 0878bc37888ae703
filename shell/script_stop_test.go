package shell

import (
	"errors"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/shell/iostreams"
	"github.com/pyrosh/pyrosh/shell/printer"
)

// In a script (piped, -c, -f), as at the prompt, Ctrl+C stops a large
// result's printing at its next write, buffered stdout or not: it was
// written whole into a slow reader first (a tester's finding: 7.3 MB, then
// status 130).
func TestCtrlCStopsAScriptsPrinting(t *testing.T) {
	big := make(py.List, 100000)
	for i := range big {
		big[i] = py.Str("item")
	}
	for _, buffered := range []bool{false, true} {
		ios, _, out, _ := iostreams.Test()
		s := newSession(Options{IO: ios, Name: "obj", Format: printer.Repr}, false)
		if buffered {
			s.bufferOutput()
		}
		s.interrupted.Store(true)
		err := s.pr.Value(big)
		if !errors.Is(err, errOutputStopped) {
			t.Errorf("buffered %v: error %v, want the output stopped", buffered, err)
		}
		s.flushOut()
		if out.Len() != 0 {
			t.Errorf("buffered %v: %d bytes written after Ctrl+C", buffered, out.Len())
		}
		s.close()
	}
}
