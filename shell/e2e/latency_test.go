//go:build linux

package e2e

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/server"
)

// wideDaemon serves "Wide", an object with n methods, from this process.
func wideDaemon(b *testing.B, n int) string {
	b.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	d := server.New(server.Options{Location: l.Addr().String()})
	o := server.NewObject("bench.Wide")
	for i := range n {
		o.Method(fmt.Sprintf("method_%05d", i), func(context.Context, []py.Value, *py.Dict) (py.Value, error) { return py.Int(i), nil })
	}
	d.Register("Wide", o)
	go d.Serve(l)
	b.Cleanup(func() { d.Close() })
	return d.URI("Wide")
}

// showCursor ends every redraw of the line editor (and of go-prompt's).
var showCursor = []byte("\x1b[?25h")

// BenchmarkKeystrokeToScreen measures, in a pty, the time from writing one
// key to the shell until the shell has drawn the result (the redraw's
// closing show-cursor sequence has been read back), typing completions of
// an object with 10,000 methods: "obj.method_0" key by key, then Ctrl+U.
// Every key redraws the completion menu from 10,000 candidates. It reports
// the median, p99 and worst key in ms.
func BenchmarkKeystrokeToScreen(b *testing.B) {
	uri := wideDaemon(b, 10000)
	ptmx, tty, err := pty.Open()
	if err != nil {
		b.Fatal(err)
	}
	defer ptmx.Close()
	defer tty.Close()
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 40, Cols: 120}); err != nil {
		b.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^$")
	cmd.Env = append(os.Environ(), "PYROSH_E2E_SHELL=1", "PYROSH_E2E_URI="+uri,
		"PYROSH_E2E_HISTORY="+filepath.Join(b.TempDir(), "history"), "TERM=xterm-256color", "LANG=C.UTF-8")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()

	buf := make([]byte, 1<<16)
	var seen []byte
	// readUntil reads the shell's output until want has appeared after
	// from, within 10 s.
	readUntil := func(want []byte) {
		deadline := time.Now().Add(10 * time.Second)
		for !bytes.Contains(seen, want) {
			_ = ptmx.SetReadDeadline(deadline)
			n, err := ptmx.Read(buf)
			if err != nil {
				b.Fatalf("reading the shell: %v; output so far %q", err, seen)
			}
			seen = append(seen, buf[:n]...)
		}
	}
	readUntil([]byte("obj = PYRO:Wide@"))
	readUntil([]byte(">>> "))
	// Let the first prompt's drawing settle.
	time.Sleep(200 * time.Millisecond)
	_ = ptmx.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
	for {
		if _, err := ptmx.Read(buf); err != nil {
			break
		}
	}

	keys := []string{}
	for _, c := range "obj.method_0" {
		keys = append(keys, string(c))
	}
	keys = append(keys, "\x15") // Ctrl+U
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		k := keys[i%len(keys)]
		seen = seen[:0]
		t0 := time.Now()
		if _, err := ptmx.Write([]byte(k)); err != nil {
			b.Fatal(err)
		}
		readUntil(showCursor)
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[len(lat)*99/100]), "p99-ms")
	b.ReportMetric(ms(lat[len(lat)-1]), "max-ms")
}
