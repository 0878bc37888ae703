package cli

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/shell/printer"
)

// Ctrl+C while `pyrosh call` prints a large result stops the printing at
// the next write and reports "interrupted", status 130, instead of being
// caught and ignored while all of it goes out (a fresh tester's finding:
// 7.3 MB into a slow reader, SIGINT after 1 s, status 0).
func TestCtrlCStopsACallsPrinting(t *testing.T) {
	big := make(py.List, 200000)
	for i := range big {
		big[i] = py.Str("item")
	}
	for _, f := range []printer.Format{printer.Repr, printer.JSON, printer.Pretty} {
		ctx, cancel := context.WithCancel(context.Background())
		var out bytes.Buffer
		w := interruptibleWriter{ctx, &out}
		if _, err := w.Write([]byte("before\n")); err != nil {
			t.Fatalf("a write before Ctrl+C: %v", err)
		}
		cancel()
		err := printer.New(w, f, 80, false).Value(big)
		if !errors.Is(err, context.Canceled) || ExitCode(err) != ExitInterrupted || errorLine(err) != "interrupted" {
			t.Errorf("%v: error %v (status %d), want interrupted (130)", f, err, ExitCode(err))
		}
		if out.String() != "before\n" {
			t.Errorf("%v: %d bytes written after Ctrl+C", f, out.Len()-len("before\n"))
		}
	}
}
