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
	"strconv"
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
// key to the shell until the shell has drawn it (the redraw's closing
// show-cursor sequence has been read back), typing completions of an
// object with 10,000 methods: "obj.method_0" key by key, then Ctrl+U.
// Every key is drawn at once, then again with the completion menu computed
// from the 10,000 methods. It reports the median, p99 and worst in ms of
// both: key-* (the key on the screen) and menu-* (its menu too).
func BenchmarkKeystrokeToScreen(b *testing.B) {
	n := 10000
	if v, err := strconv.Atoi(os.Getenv("PYROSH_BENCH_METHODS")); err == nil {
		n = v
	}
	uri := wideDaemon(b, n)
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

	// One goroutine reads the shell's output (a pty master takes no read
	// deadline) and hands it over in chunks.
	out := make(chan []byte, 1024)
	go func() {
		for {
			buf := make([]byte, 1<<16)
			n, err := ptmx.Read(buf)
			if err != nil {
				close(out)
				return
			}
			out <- buf[:n]
		}
	}()
	var seen []byte
	// readUntil reads the shell's output until want has appeared, within
	// 10 s.
	readUntil := func(want []byte) {
		timeout := time.After(10 * time.Second)
		for !bytes.Contains(seen, want) {
			select {
			case chunk, ok := <-out:
				if !ok {
					b.Fatalf("the shell's output ended; so far %q", seen)
				}
				seen = append(seen, chunk...)
			case <-timeout:
				b.Fatalf("no %q within 10s; output so far %q", want, seen)
			}
		}
	}
	readUntil([]byte("obj = PYRO:Wide@"))
	readUntil([]byte(">>> "))
	// Let the first prompt's drawing settle.
	time.Sleep(200 * time.Millisecond)
	for len(out) > 0 {
		<-out
	}

	keys := []string{}
	for _, c := range "obj.method_0" {
		keys = append(keys, string(c))
	}
	keys = append(keys, "\x15") // Ctrl+U
	// Each key is drawn twice: at once, then with the menu of its
	// candidates. keyLat is the time to the first, menuLat to the second.
	keyLat := make([]time.Duration, 0, b.N)
	menuLat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		k := keys[i%len(keys)]
		seen = seen[:0]
		t0 := time.Now()
		if _, err := ptmx.Write([]byte(k)); err != nil {
			b.Fatal(err)
		}
		readUntil(showCursor)
		keyLat = append(keyLat, time.Since(t0))
		first := bytes.Index(seen, showCursor) + len(showCursor)
		seen = seen[first:]
		readUntil(showCursor)
		menuLat = append(menuLat, time.Since(t0))
	}
	b.StopTimer()
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	for _, m := range []struct {
		name string
		lat  []time.Duration
	}{{"key", keyLat}, {"menu", menuLat}} {
		slices.Sort(m.lat)
		b.ReportMetric(ms(m.lat[len(m.lat)/2]), m.name+"-p50-ms")
		b.ReportMetric(ms(m.lat[len(m.lat)*99/100]), m.name+"-p99-ms")
		b.ReportMetric(ms(m.lat[len(m.lat)-1]), m.name+"-max-ms")
	}
}
