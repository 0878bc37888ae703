//go:build linux

package e2e

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

// pyroshCmd is the whole program (pyrosh ARGS...) with pipes, not a pty.
func pyroshCmd(t *testing.T, args string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "PYROSH_E2E_CLI="+args, "HOME="+t.TempDir())
	return cmd
}

// openStreams asks the daemon how many remote iterators it still holds,
// waiting up to 5 s for the count to reach want (a oneway close_stream
// runs in its own thread on the daemon).
func openStreams(t *testing.T, d *pyrotest.Daemon, want int) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	p, err := pyro.Dial(ctx, d.URI("Thing"))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		v, err := p.Call(ctx, "open_streams", nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		n := int(v.(py.Int))
		if n == want || time.Now().After(deadline) {
			return n
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// headOf runs cmd with its stdout read by a `head -n`: n lines are read,
// then the pipe is closed. It returns the lines and how cmd ended.
func headOf(t *testing.T, cmd *exec.Cmd, n int) ([]string, *os.ProcessState) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = w
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	br := bufio.NewReader(r)
	var lines []string
	for len(lines) < n {
		l, err := br.ReadString('\n')
		if err != nil {
			t.Fatalf("read line %d: %v; stderr: %s", len(lines)+1, err, stderr.String())
		}
		lines = append(lines, strings.TrimSpace(l))
	}
	r.Close()
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("pyrosh did not end after its reader left; stderr: %s", stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("stderr after a closed stdout: %q", stderr.String())
	}
	return lines, cmd.ProcessState
}

func killedBySIGPIPE(ps *os.ProcessState) bool {
	ws, ok := ps.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGPIPE
}

// TestStreamPipedToHeadIsClosed: `pyrosh call URI count 1000000 | head -3`
// closes the stream on the daemon, then dies of SIGPIPE like any filter
// whose reader left (issue 15 item 8).
func TestStreamPipedToHeadIsClosed(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	lines, ps := headOf(t, pyroshCmd(t, "call "+d.URI("Thing")+" count 1000000"), 3)
	if strings.Join(lines, " ") != "0 1 2" {
		t.Errorf("first lines %q, want 0 1 2", lines)
	}
	if !killedBySIGPIPE(ps) {
		t.Errorf("pyrosh ended with %v, want killed by SIGPIPE (status 141 in a shell)", ps)
	}
	if n := openStreams(t, d, 0); n != 0 {
		t.Errorf("the daemon still holds %d streams", n)
	}
}

// TestShellStreamPipedToHeadIsClosed is the same for a piped script.
func TestShellStreamPipedToHeadIsClosed(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	cmd := pyroshCmd(t, d.URI("Thing"))
	cmd.Stdin = strings.NewReader("obj.count(1000000)\nobj.fire(1)\n")
	_, ps := headOf(t, cmd, 3)
	if !killedBySIGPIPE(ps) {
		t.Errorf("pyrosh ended with %v, want killed by SIGPIPE", ps)
	}
	if n := openStreams(t, d, 0); n != 0 {
		t.Errorf("the daemon still holds %d streams", n)
	}
}

// TestStreamStoppedByCtrlCOrTimeoutIsClosed: Ctrl+C (SIGINT) and
// --timeout on an item close the stream on the daemon too.
func TestStreamStoppedByCtrlCOrTimeoutIsClosed(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	cmd := pyroshCmd(t, "call "+d.URI("Thing")+" slow_count 100 30")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	first, _ := bufio.NewReader(stdout).ReadString('\n')
	if first != "0\n" {
		t.Fatalf("first item %q", first)
	}
	time.Sleep(200 * time.Millisecond) // waiting for the second item
	_ = cmd.Process.Signal(os.Interrupt)
	err = cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		t.Errorf("after Ctrl+C: %v, want exit status 130", err)
	}
	if n := openStreams(t, d, 0); n != 0 {
		t.Errorf("after Ctrl+C the daemon still holds %d streams", n)
	}

	out, err := pyroshCmd(t, "--timeout 5 call "+d.URI("Thing")+" slow_count 100 60").Output()
	if !errors.As(err, &ee) || ee.ExitCode() != 3 || string(out) != "0\n" {
		t.Errorf("timed out stream: %q, %v, want 0 and exit status 3", out, err)
	}
	if n := openStreams(t, d, 0); n != 0 {
		t.Errorf("after a timeout the daemon still holds %d streams", n)
	}
}

// TestStreamTimeoutIsPerItem: --timeout bounds each item, as Pyro's
// COMMTIMEOUT bounds each receive; a generator slower in total than the
// timeout, but quicker per item, runs to its end (issue 15 item 9).
func TestStreamTimeoutIsPerItem(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	out, err := pyroshCmd(t, "--timeout 5 call "+d.URI("Thing")+" slow_count 4 2").Output()
	if err != nil || string(out) != "0\n1\n2\n3\n" {
		t.Errorf("slow stream under a per-item timeout: %q, %v", out, err)
	}
}

// TestShellStreamStoppedByCtrlCIsClosed: Ctrl+C on a generator printing
// in the interactive shell closes it on the daemon.
func TestShellStreamStoppedByCtrlCIsClosed(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	tm := start(t, d.URI("Thing"))
	tm.waitPromptLine(">>>", 10*time.Second)
	tm.send("obj.slow_count(100, 30)")
	tm.send("\r")
	tm.waitText("\n0")
	time.Sleep(200 * time.Millisecond) // waiting for the second item
	tm.send("\x03")
	tm.waitText("interrupted")
	tm.waitPromptLine(">>>", 5*time.Second)
	if n := openStreams(t, d, 0); n != 0 {
		t.Errorf("after Ctrl+C in the shell the daemon still holds %d streams", n)
	}
	tm.send("\x04")
	if status := tm.wait(5 * time.Second); status != 0 {
		t.Errorf("exit status %d, want 0", status)
	}
}

// TestCallStoppedByCtrlC: Ctrl+C (SIGINT) while a one-off call waits for
// its reply cancels it: "interrupted" and exit status 130, not death by
// the signal (the handler is installed while the call runs, see
// cli.lateInterrupt).
func TestCallStoppedByCtrlC(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	cmd := pyroshCmd(t, "call "+d.URI("Thing")+" sleep 30")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The call is waiting for its reply: pyrosh dialled the daemon (its
	// start-up under load may take longer than any fixed sleep), and the
	// handler comes 10 ms after the call began.
	waitDialled(t, cmd.Process.Pid)
	time.Sleep(500 * time.Millisecond)
	_ = cmd.Process.Signal(os.Interrupt)
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 || stderr.String() != "pyrosh: interrupted\n" {
		t.Errorf("after Ctrl+C: %v, stderr %q, want exit status 130 and pyrosh: interrupted", err, stderr.String())
	}
}

// waitDialled waits until process pid holds a socket: a one-off pyrosh
// has dialled its daemon.
func waitDialled(t *testing.T, pid int) {
	t.Helper()
	dir := fmt.Sprintf("/proc/%d/fd", pid)
	deadline := time.Now().Add(30 * time.Second)
	for {
		fds, _ := os.ReadDir(dir)
		for _, fd := range fds {
			if l, err := os.Readlink(filepath.Join(dir, fd.Name())); err == nil && strings.HasPrefix(l, "socket:") {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("process %d opened no socket within 30s", pid)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
