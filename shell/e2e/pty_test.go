//go:build linux

package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/hinshun/vt10x"
	"golang.org/x/sys/unix"

	"github.com/pyrosh/pyrosh/pyro/pyrotest"
	"github.com/pyrosh/pyrosh/shell"
	"github.com/pyrosh/pyrosh/shell/cli"
	"github.com/pyrosh/pyrosh/shell/iostreams"
	"github.com/pyrosh/pyrosh/shell/printer"
)

// TestMain doubles as the shell under test: with PYROSH_E2E_SHELL set the
// binary runs shell.Run on its real streams instead of the tests.
func TestMain(m *testing.M) {
	if os.Getenv("PYROSH_E2E_SHELL") == "1" {
		os.Exit(runShell())
	}
	if args := os.Getenv("PYROSH_E2E_CLI"); args != "" {
		os.Exit(cli.Main(strings.Fields(args), iostreams.System(), os.Getenv))
	}
	os.Exit(m.Run())
}

func runShell() int {
	ios := iostreams.System()
	ios.CatchBrokenPipe() // as cli.Main does
	err := shell.Run(context.Background(), shell.Options{
		IO:          ios,
		URI:         os.Getenv("PYROSH_E2E_URI"),
		HistoryPath: os.Getenv("PYROSH_E2E_HISTORY"),
		Format:      printer.Pretty,
		Banner:      "pyrosh e2e",
	})
	var coded interface{ ExitCode() int }
	switch {
	case err == nil:
		return 0
	case errors.As(err, &coded):
		return coded.ExitCode()
	}
	fmt.Fprintln(os.Stderr, err)
	return 1
}

// term is the shell running on a pty, rendered by vt10x.
type term struct {
	t     *testing.T
	draws atomic.Int64 // show-cursor sequences read: the line editor's redraws
	ptmx  *os.File
	tty   *os.File // the shell's side, kept open to read its modes afterwards
	hist  string   // the history file
	vt    vt10x.Terminal
	cmd   *exec.Cmd
	done  chan struct{} // closed when the shell exited
	err   error         // of cmd.Wait, once done is closed
}

func start(t *testing.T, uri string) *term {
	t.Helper()
	return startWith(t, "PYROSH_E2E_SHELL=1", "PYROSH_E2E_URI="+uri)
}

// startCLI runs the whole program (pyrosh ARGS...) on the pty.
func startCLI(t *testing.T, args string) *term {
	t.Helper()
	return startWith(t, "PYROSH_E2E_CLI="+args, "HOME="+t.TempDir())
}

func startWith(t *testing.T, env ...string) *term {
	t.Helper()
	return startCommand(t, exec.Command(os.Args[0], "-test.run=^$"), env...)
}

// startCommand runs cmd on a fresh pty as its session leader, with the
// test environment plus env.
func startCommand(t *testing.T, cmd *exec.Cmd, env ...string) *term {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Fatal(err)
	}
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 24, Cols: 80}); err != nil {
		t.Fatal(err)
	}
	hist := filepath.Join(t.TempDir(), "history")
	cmd.Env = append(os.Environ(), "PYROSH_E2E_HISTORY="+hist, "TERM=xterm-256color", "LANG=C.UTF-8", "NO_COLOR=")
	cmd.Env = append(cmd.Env, env...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	tm := &term{t: t, ptmx: ptmx, tty: tty, vt: vt10x.New(vt10x.WithSize(80, 24)), cmd: cmd, hist: hist, done: make(chan struct{})}
	go func() { _, _ = io.Copy(drawCounter{tm.vt, &tm.draws}, ptmx) }()
	go func() { tm.err = cmd.Wait(); close(tm.done) }()
	t.Cleanup(func() {
		select {
		case <-tm.done:
		default:
			_ = cmd.Process.Kill()
			<-tm.done
		}
		ptmx.Close()
		tty.Close()
	})
	return tm
}

func (tm *term) screen() string { return tm.vt.String() }

// drawCounter passes the shell's output to the screen and counts the
// show-cursor sequences that end each redraw of the line editor (one is
// never split across the reads of this test, in practice).
type drawCounter struct {
	w io.Writer
	n *atomic.Int64
}

func (d drawCounter) Write(p []byte) (int, error) {
	d.n.Add(int64(bytes.Count(p, []byte("\x1b[?25h"))))
	return d.w.Write(p)
}

// waitFor polls the screen until ok holds, for at most d; it fails the
// test with the screen when the deadline passes.
func (tm *term) waitFor(what string, d time.Duration, ok func(screen string) bool) {
	tm.t.Helper()
	deadline := time.Now().Add(d)
	for {
		s := tm.screen()
		if ok(s) {
			return
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("timed out after %v waiting for %s; screen:\n%s", d, what, s)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (tm *term) waitText(text string) {
	tm.t.Helper()
	tm.waitFor(fmt.Sprintf("%q", text), 10*time.Second, func(s string) bool { return strings.Contains(s, text) })
}

// promptLine is the last line of the screen that starts with the prompt,
// without trailing blanks.
func promptLine(screen string) string {
	lines := strings.Split(screen, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.HasPrefix(lines[i], ">>> ") {
			return strings.TrimRight(lines[i], " ")
		}
	}
	return ""
}

func (tm *term) waitPromptLine(want string, d time.Duration) {
	tm.t.Helper()
	tm.waitFor(fmt.Sprintf("prompt line %q", want), d, func(s string) bool { return promptLine(s) == want })
}

// send types keys (any number in one write) and gives the shell a moment.
func (tm *term) send(keys string) {
	tm.t.Helper()
	if _, err := tm.ptmx.Write([]byte(keys)); err != nil {
		tm.t.Fatal(err)
	}
	time.Sleep(60 * time.Millisecond)
}

// waitRunning waits until the statement just entered runs: the line
// editor has left raw mode and ISIG is back on, so that Ctrl+C signals
// (typed sooner, it is a key the next line reads). It is for a shell
// that showed its prompt: before that the modes are the original ones.
func (tm *term) waitRunning() {
	tm.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		tio, err := unix.IoctlGetTermios(int(tm.tty.Fd()), unix.TCGETS)
		if err != nil {
			tm.t.Fatal(err)
		}
		if tio.Lflag&unix.ISIG != 0 {
			return
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("the statement did not start within 10s; screen:\n%s", tm.screen())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// wait waits for the shell to exit and returns its status.
func (tm *term) wait(d time.Duration) int {
	tm.t.Helper()
	select {
	case <-tm.done:
	case <-time.After(d):
		tm.t.Fatalf("the shell did not exit within %v; screen:\n%s", d, tm.screen())
	}
	var ee *exec.ExitError
	if errors.As(tm.err, &ee) {
		return ee.ExitCode()
	}
	if tm.err != nil {
		tm.t.Fatal(tm.err)
	}
	return 0
}

// checkRestored asserts the terminal is back in cooked mode with echo.
func (tm *term) checkRestored() {
	tm.t.Helper()
	tio, err := unix.IoctlGetTermios(int(tm.tty.Fd()), unix.TCGETS)
	if err != nil {
		tm.t.Fatal(err)
	}
	if tio.Lflag&unix.ECHO == 0 || tio.Lflag&unix.ICANON == 0 || tio.Lflag&unix.ISIG == 0 || tio.Iflag&unix.ICRNL == 0 {
		tm.t.Errorf("terminal left in raw mode: lflag %#x iflag %#x", tio.Lflag, tio.Iflag)
	}
	if fl, err := unix.FcntlInt(tm.tty.Fd(), unix.F_GETFL, 0); err == nil && fl&unix.O_NONBLOCK != 0 {
		tm.t.Errorf("terminal left non-blocking")
	}
}

func TestInteractiveSession(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	tm := start(t, d.URI("Thing"))
	tm.waitText("pyrosh e2e")
	tm.waitPromptLine(">>>", 10*time.Second)

	// Completion as you type, Tab picks the first candidate.
	tm.send("obj.ec")
	tm.waitText("method")
	tm.send("\t")
	tm.waitPromptLine(">>> obj.echo", 5*time.Second)
	tm.send("('hi')")
	tm.send("\r")
	tm.waitText("'hi'")
	tm.waitPromptLine(">>>", 5*time.Second)

	// Up recalls history; Ctrl+C clears the line without leaving.
	tm.send("\x1b[A")
	tm.waitPromptLine(">>> obj.echo('hi')", 5*time.Second)
	tm.send("\x03")
	tm.waitPromptLine(">>>", 5*time.Second)

	// Multi-line continuation.
	tm.send("obj.echo([1,")
	tm.send("\r")
	tm.waitText("... ")
	tm.send("2])")
	tm.send("\r")
	tm.waitText("[1, 2]")

	// Ctrl+C cancels a call in flight and the prompt comes back quickly.
	tm.send("obj.sleep(30)")
	tm.send("\r")
	tm.waitRunning()
	tm.send("\x03")
	tm.waitText("interrupted")
	tm.waitPromptLine(">>>", 10*time.Second)
	tm.send("obj.name")
	tm.send("\r")
	tm.waitText("'thing'")

	// Ctrl+D leaves with status 0 and the terminal restored.
	tm.waitPromptLine(">>>", 5*time.Second)
	tm.send("\x04")
	if status := tm.wait(5 * time.Second); status != 0 {
		t.Errorf("exit status %d after Ctrl+D, want 0; screen:\n%s", status, tm.screen())
	}
	tm.checkRestored()
	b, err := os.ReadFile(tm.hist)
	if err != nil {
		t.Fatal(err)
	}
	for _, entry := range []string{"obj.echo('hi')", "obj.sleep(30)", "obj.name"} {
		if !strings.Contains(string(b), entry) {
			t.Errorf("history file lacks %q:\n%s", entry, b)
		}
	}
}

func TestSIGTERMRestoresTheTerminal(t *testing.T) {
	tm := start(t, "")
	tm.waitPromptLine(">>>", 10*time.Second)
	tm.send("x = ")
	if err := tm.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if status := tm.wait(5 * time.Second); status != 128+int(syscall.SIGTERM) {
		t.Errorf("exit status %d after SIGTERM, want %d", status, 128+int(syscall.SIGTERM))
	}
	tm.checkRestored()
}

func TestPasteOfSeveralLines(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	tm := start(t, d.URI("Example"))
	tm.waitPromptLine(">>>", 10*time.Second)
	tm.send("x = obj.echo('pasted',\r 2)\rx[0]\r")
	tm.waitFor("the result of the pasted lines", 10*time.Second, func(s string) bool {
		return strings.Contains(s, "\n'pasted'  ")
	})
	tm.waitPromptLine(">>>", 5*time.Second)
	tm.send("\x04")
	if status := tm.wait(5 * time.Second); status != 0 {
		t.Errorf("exit status %d, want 0", status)
	}
	tm.checkRestored()
}

func TestHMACKeyIsNeverEchoed(t *testing.T) {
	tm := start(t, "")
	tm.waitPromptLine(">>>", 10*time.Second)
	tm.send(":hmac")
	tm.send("\r")
	tm.waitText("HMAC key (empty for none):")
	tm.send("sup3rs3cret")
	tm.send("\r")
	tm.waitText("hmac key set")
	tm.waitPromptLine(">>>", 5*time.Second)
	tm.send("\x04")
	if status := tm.wait(5 * time.Second); status != 0 {
		t.Errorf("exit status %d, want 0", status)
	}
	if strings.Contains(tm.screen(), "sup3rs3cret") {
		t.Errorf("the key was echoed:\n%s", tm.screen())
	}
	if b, _ := os.ReadFile(tm.hist); strings.Contains(string(b), "sup3rs3cret") || strings.Contains(string(b), "hmac") {
		t.Errorf("history holds the :hmac line: %q", b)
	}
	tm.checkRestored()
}

// TestDemoShell runs `pyrosh demo` as a new user would: the shell opens on
// the in-process demo daemon, and Ctrl+C on a slow call cancels the call
// without stopping the daemon.
func TestDemoShell(t *testing.T) {
	tm := startCLI(t, "demo --port 0")
	tm.waitText("obj = PYRO:Example@127.0.0.1:")
	tm.waitPromptLine(">>>", 10*time.Second)
	m := regexp.MustCompile(`obj = PYRO:Example@(127\.0\.0\.1:[0-9]+)`).FindStringSubmatch(tm.screen())
	if m == nil {
		t.Fatalf("no demo address on screen:\n%s", tm.screen())
	}
	tm.send(`obj.echo(1, "a")`)
	tm.send("\r")
	tm.waitText("(1, 'a')")
	tm.send(":connect PYRO:Showcase@" + m[1] + " as show")
	tm.send("\r")
	tm.waitText("show = PYRO:Showcase@")
	tm.waitPromptLine(">>>", 5*time.Second)
	tm.send("show.sleep(30)")
	tm.send("\r")
	tm.waitRunning()
	tm.send("\x03")
	tm.waitText("interrupted")
	tm.waitPromptLine(">>>", 5*time.Second)
	tm.send("show.greet(\"Ada\")")
	tm.send("\r")
	tm.waitText("'hello, Ada!'")
	tm.waitPromptLine(">>>", 5*time.Second)
	tm.send("\x04")
	if status := tm.wait(5 * time.Second); status != 0 {
		t.Errorf("exit status %d after Ctrl+D, want 0; screen:\n%s", status, tm.screen())
	}
	tm.checkRestored()
}

// TestRemoteTextCannotDriveTheTerminal: a daemon puts
// "\x1b]0;pwned-title\x07\x1b[2J" in an exception message, an exception
// class name and a method name; the shell shows them escaped, so the
// terminal keeps its title and its screen.
func TestRemoteTextCannotDriveTheTerminal(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	tm := start(t, d.URI("Fidelity"))
	tm.waitText("pyrosh e2e")
	tm.waitPromptLine(">>>", 10*time.Second)
	for _, stmt := range []string{"obj.hostile()", "obj.hostile_class()", ":meta"} {
		tm.send(stmt)
		tm.send("\r")
		time.Sleep(200 * time.Millisecond)
		tm.waitPromptLine(">>>", 10*time.Second)
	}
	tm.waitText(`ValueError: message \x1b]0;pwned-title\x07\x1b[2J`)
	tm.waitText("oneway:")
	if title := tm.vt.Title(); strings.Contains(title, "pwned") {
		t.Errorf("the daemon set the terminal title to %q", title)
	}
	if !strings.Contains(tm.screen(), ">>> obj.hostile_class()") {
		t.Errorf("the screen was cleared:\n%s", tm.screen())
	}
	tm.send("\x04")
	tm.wait(5 * time.Second)
}
