//go:build linux

package demo

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pyrotest"
	"github.com/pyrosh/pyrosh/pyro/server"
	"github.com/pyrosh/pyrosh/pyro/wire"
)

// The attacks of issue 13 on the demo daemon, each against a fresh daemon
// in a child process (this test binary, re-run as the daemon), whose peak
// and current RSS are read from /proc/<pid>/status. The bounds are
// generous; before the limits of docs/security.md the same attacks took
// the daemon to gigabytes.

const (
	childEnv       = "PYROSH_DEMO_HOSTILE_CHILD"
	childNofileEnv = "PYROSH_DEMO_HOSTILE_NOFILE"
	// peakBound is what the daemon's peak RSS must stay under during an
	// attack (docs/security.md).
	peakBound = 512 << 20
	// settledBound is what its RSS must come back under afterwards.
	settledBound = 64 << 20
)

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		os.Exit(runChildDaemon())
	}
	os.Exit(m.Run())
}

// runChildDaemon serves the demo on 127.0.0.1, prints "READY host:port",
// and exits when stdin closes. Its address space is capped at 8 GiB, so a
// daemon without limits fails the test by dying instead of taking the
// machine's memory.
func runChildDaemon() int {
	_ = syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: 8 << 30, Max: 8 << 30})
	if s := os.Getenv(childNofileEnv); s != "" {
		n, _ := strconv.ParseUint(s, 10, 64)
		if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
			fmt.Fprintln(os.Stderr, "setrlimit:", err)
			return 1
		}
	}
	r, err := Start(context.Background(), "127.0.0.1", 0)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Printf("READY %s\n", r.Addr)
	go func() {
		io.Copy(io.Discard, os.Stdin)
		r.Close()
	}()
	<-r.Done()
	if err := r.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "daemon stopped:", err)
		return 3
	}
	return 0
}

// child is a demo daemon in a child process.
type child struct {
	cmd  *exec.Cmd
	addr string
	done chan struct{} // closed when the process has exited
	err  error
}

func startChild(t *testing.T, nofile int) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=1")
	if nofile > 0 {
		cmd.Env = append(cmd.Env, childNofileEnv+"="+strconv.Itoa(nofile))
	}
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, done: make(chan struct{})}
	go func() { c.err = cmd.Wait(); close(c.done) }()
	t.Cleanup(func() {
		stdin.Close()
		select {
		case <-c.done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-c.done
		}
	})
	ready := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(out).ReadString('\n')
		ready <- line
		io.Copy(io.Discard, out)
	}()
	select {
	case line := <-ready:
		addr, ok := strings.CutPrefix(strings.TrimSpace(line), "READY ")
		if !ok {
			t.Fatalf("child daemon said %q", line)
		}
		c.addr = addr
	case <-time.After(30 * time.Second):
		t.Fatal("child daemon did not start in 30 s")
	}
	return c
}

// status returns a field of /proc/<pid>/status in bytes (VmHWM is the
// peak RSS, VmRSS the current one).
func (c *child) status(t *testing.T, field string) int {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", c.cmd.Process.Pid))
	if err != nil {
		t.Fatalf("daemon process gone (%v): %v", c.err, err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return kb << 10
		}
	}
	t.Fatalf("no %s in /proc status", field)
	return 0
}

// alive fails the test if the daemon has exited.
func (c *child) alive(t *testing.T) {
	t.Helper()
	select {
	case <-c.done:
		t.Fatalf("the daemon exited: %v", c.err)
	default:
	}
}

// call makes a normal client's call, echo(1, "a"), on a new connection.
func (c *child) call(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	p, err := pyro.Dial(ctx, "PYRO:"+ExampleID+"@"+c.addr)
	if err != nil {
		return err
	}
	defer p.Close()
	v, err := p.Call(ctx, "echo", []py.Value{py.Int(1), py.Str("a")}, nil)
	if err != nil {
		return err
	}
	if got := py.Repr(v); got != "(1, 'a')" {
		return fmt.Errorf("echo(1, 'a') = %s", got)
	}
	return nil
}

// servedThroughout calls the daemon as a normal client every 200 ms until
// stop is closed and fails the test if a call fails.
func (c *child) servedThroughout(t *testing.T, stop <-chan struct{}) (wait func()) {
	var wg sync.WaitGroup
	var n int
	wg.Go(func() {
		for {
			if err := c.call(context.Background()); err != nil {
				t.Errorf("a normal client was not served during the attack: %v", err)
				return
			}
			n++
			select {
			case <-stop:
				return
			case <-time.After(200 * time.Millisecond):
			}
		}
	})
	return func() {
		wg.Wait()
		if n == 0 {
			t.Errorf("no normal call completed")
		}
	}
}

// settles waits (up to 30 s) for the daemon's RSS to fall under
// settledBound after an attack.
func (c *child) settles(t *testing.T) {
	t.Helper()
	var rss int
	for range 60 {
		if rss = c.status(t, "VmRSS"); rss < settledBound {
			return
		}
		time.Sleep(500 * time.Millisecond)
	}
	t.Errorf("RSS still %d MiB 30 s after the attack, want under %d MiB", rss>>20, settledBound>>20)
}

func (c *child) peakUnder(t *testing.T, attack string) {
	t.Helper()
	peak := c.status(t, "VmHWM")
	t.Logf("%s: daemon peak RSS %d MiB, now %d MiB", attack, peak>>20, c.status(t, "VmRSS")>>20)
	if peak >= peakBound {
		t.Errorf("%s: daemon peak RSS %d MiB, want under %d MiB", attack, peak>>20, peakBound>>20)
	}
}

var bomb = sync.OnceValue(func() []byte { return pyrotest.ZlibBomb(120 << 20) })

func TestHostileConnectBomb(t *testing.T) {
	c := startChild(t, 0)
	stop := make(chan struct{})
	wait := c.servedThroughout(t, stop)
	// Two in each protocol's framing.
	frames := [][]byte{pyrotest.Pyro4Frame(wire.Connect, wire.FlagCompressed, 0, bomb()),
		pyrotest.Pyro5Frame(wire.Connect, 0x02, 0, bomb())}
	var wg sync.WaitGroup
	for i := range 4 {
		frame := frames[i%2]
		wg.Go(func() {
			conn, err := net.Dial("tcp", c.addr)
			if err != nil {
				t.Error(err)
				return
			}
			defer conn.Close()
			// Over the CONNECT limit at its header: closed with no answer
			// (an answer in either framing is a reply or a protocol error
			// here, a closed connection EOF or a reset).
			o := pyrotest.Send(conn, frame, 30*time.Second)
			if o.Reply != nil || !errors.Is(o.Err, io.EOF) && !errors.Is(o.Err, io.ErrUnexpectedEOF) && !errors.Is(o.Err, syscall.ECONNRESET) {
				t.Errorf("bomb %d: %+v, want the connection closed without an answer", i, o)
			}
		})
	}
	wg.Wait()
	close(stop)
	wait()
	c.alive(t)
	c.peakUnder(t, "CONNECT of a 245 KB zlib bomb (126 M values), 4 at once (2 Pyro4, 2 Pyro5)")
}

func TestHostileInvokeBomb(t *testing.T) {
	c := startChild(t, 0)
	stop := make(chan struct{})
	wait := c.servedThroughout(t, stop)
	// Half the bombs inflate past the message limit; the other half fit
	// it (a 10 MiB list of 5 M zeros in 10 KB) and must be stopped by the
	// decoded-value budget instead.
	frames := [][]byte{pyrotest.Pyro4Frame(wire.Invoke, wire.FlagCompressed, 1, bomb()),
		pyrotest.Pyro4Frame(wire.Invoke, wire.FlagCompressed, 1, pyrotest.ZlibBomb(5<<20))}
	var wg sync.WaitGroup
	for i := range 8 {
		frame := frames[i%2]
		wg.Go(func() {
			conn, err := pyrotest.Handshake(context.Background(), c.addr, ExampleID)
			if err != nil {
				t.Error(err)
				return
			}
			defer conn.Close()
			o := pyrotest.Send(conn, frame, 60*time.Second)
			if o.Reply != nil && o.Reply.Flags&wire.FlagException == 0 {
				t.Errorf("the bomb got a normal reply")
			}
		})
	}
	wg.Wait()
	// Alone, a bomb within the message limit gets its answer.
	conn, err := pyrotest.Handshake(context.Background(), c.addr, ExampleID)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if o := pyrotest.Send(conn, frames[1], 60*time.Second); o.Reply == nil || !strings.Contains(string(o.Reply.Data), "MessageTooLargeError") {
		t.Errorf("a bomb within the message limit: %+v, want a MessageTooLargeError reply", o)
	}
	close(stop)
	wait()
	c.alive(t)
	c.peakUnder(t, "INVOKE of zlib bombs after a handshake (4 of 245 KB, 4 of 10 KB), 8 at once")
	c.settles(t)
}

func TestHostileFlood(t *testing.T) {
	for _, handshake := range []bool{false, true} {
		t.Run(fmt.Sprintf("handshake=%v", handshake), func(t *testing.T) {
			c := startChild(t, 0)
			stop := make(chan struct{})
			wait := c.servedThroughout(t, stop)
			// Issue 13: 30 connections announcing 256 MiB - 1 and sending
			// 16 MiB + 1 of zeros; then 30 announcing what the limit lets
			// through, sending all of it.
			for _, announce := range []int{256<<20 - 1, server.DefaultConnMemory / (1 + server.DecodedFactor)} {
				send := min(announce, 16<<20+1)
				if _, err := pyrotest.Flood(context.Background(), c.addr, ExampleID, 30, announce, send, handshake, 3*time.Second); err != nil {
					t.Errorf("flood: %v", err)
				}
			}
			close(stop)
			wait()
			c.alive(t)
			c.peakUnder(t, "30 connections sending 16 MiB each")
			c.settles(t)
		})
	}
}

func TestHostileIdleConnectionsAtTheDescriptorLimit(t *testing.T) {
	// Issue 13 used 1,100 idle connections at ulimit -n 1024; the same
	// kind at 128.
	c := startChild(t, 128)
	conns, err := pyrotest.Idle(context.Background(), c.addr, 200)
	defer func() {
		for _, k := range conns {
			k.Close()
		}
	}()
	if err != nil {
		t.Fatalf("after %d connections: %v", len(conns), err)
	}
	for i := range 3 {
		if err := c.call(context.Background()); err != nil {
			t.Fatalf("call %d with 200 idle connections open: %v", i, err)
		}
	}
	c.alive(t)
}

func TestHostileSlowloris(t *testing.T) {
	c := startChild(t, 0)
	stop := make(chan struct{})
	wait := c.servedThroughout(t, stop)
	closed, err := pyrotest.Slowloris(context.Background(), c.addr, 500, time.Second, 10*time.Second)
	close(stop)
	wait()
	if err != nil {
		t.Errorf("slowloris: %v", err)
	}
	t.Logf("the daemon closed %d of 500 slow connections within 10 s", closed)
	if closed == 0 {
		t.Errorf("no slow connection was closed, want them timed out in the handshake")
	}
	c.alive(t)
}
