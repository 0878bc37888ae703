package shell

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/pyrotest"
	"github.com/pyrosh/pyrosh/shell/iostreams"
	"github.com/pyrosh/pyrosh/shell/printer"
)

// BenchmarkPipedStatement runs b.N lines of `obj.echo(1)` piped through
// the shell against a Pyro4 daemon (another process, so -benchmem counts
// the shell's allocations alone): the per-statement cost of issue 14's
// piped script, start-up spread over the lines.
func BenchmarkPipedStatement(b *testing.B) {
	d := pyrotest.StartDaemon(b, pyrotest.DaemonOptions{})
	ios, in, _, errOut := iostreams.Test()
	ios.Out = io.Discard
	in.WriteString(strings.Repeat("obj.echo(1)\n", b.N))
	b.ReportAllocs()
	b.ResetTimer()
	err := Run(context.Background(), Options{URI: d.URI("Thing"), IO: ios, Format: printer.Repr})
	b.StopTimer()
	if err != nil || errOut.Len() > 0 {
		b.Fatalf("Run: %v, stderr %q", err, errOut)
	}
}
