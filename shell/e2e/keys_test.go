//go:build linux

package e2e

import (
	"bufio"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"

	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

// Keys as a terminal sends them.
const (
	keyUp        = "\x1b[A"
	keyCtrlLeft  = "\x1b[1;5D"
	keyCtrlRight = "\x1b[1;5C"
	keyAltB      = "\x1bb"
	keyAltF      = "\x1bf"
	keyAltD      = "\x1bd"
	keyAltBS     = "\x1b\x7f"
	keyEsc       = "\x1b"
)

// trimmed is the screen with the blanks at the end of each line removed.
func trimmed(screen string) string {
	lines := strings.Split(screen, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// waitLines waits for text in the trimmed screen.
func (tm *term) waitLines(text string) {
	tm.t.Helper()
	tm.waitFor(fmt.Sprintf("%q", text), 10*time.Second, func(s string) bool { return strings.Contains(trimmed(s), text) })
}

// historyLines returns the entries of a history file that match re, in
// file order.
func historyLines(t *testing.T, path string, re *regexp.Regexp) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if re.MatchString(sc.Text()) {
			out = append(out, sc.Text())
		}
	}
	return out
}

// saturate keeps every core busy, with busy processes (competing with
// the shell as other programs would) and goroutines in this one, until
// the returned stop is called.
func saturate(t *testing.T) (stop func()) {
	var done atomic.Bool
	var wg sync.WaitGroup
	var procs []*exec.Cmd
	for range 2 * runtime.NumCPU() {
		cmd := exec.Command("/bin/sh", "-c", "while :; do :; done")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		procs = append(procs, cmd)
		wg.Add(1)
		go func() {
			defer wg.Done()
			x := 0
			for !done.Load() {
				for i := range 1 << 16 {
					x += i
				}
			}
			_ = x
		}()
	}
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		done.Store(true)
		for _, p := range procs {
			_ = p.Process.Kill()
			_ = p.Wait()
		}
		wg.Wait()
	}
	t.Cleanup(stop)
	return stop
}

// TestBurstsUnderLoadLoseNothing types 300 statements in bursts of random
// sizes (cutting statements anywhere, escape sequences included) while
// every core is busy: every statement runs, in order.
func TestBurstsUnderLoadLoseNothing(t *testing.T) {
	// The shell runs at the lowest priority against busy processes: a
	// slow machine, made slower.
	tm := startCommand(t, exec.Command("nice", "-n", "19", os.Args[0], "-test.run=^$"), "PYROSH_E2E_SHELL=1")
	tm.waitPromptLine(">>>", 10*time.Second)
	const n = 150
	var stmts []string
	for i := range n {
		stmts = append(stmts, fmt.Sprintf("v = %d\r", i), fmt.Sprintf("s%d = v\r", i))
	}
	stmts = append(stmts, "s0\r", "s57\r", "s149\r")

	// Half the writes are one statement each, as tmux send-keys sends
	// them, a moment apart (each read then ends at an Enter); the others
	// cut the rest anywhere.
	stop := saturate(t)
	rng := rand.New(rand.NewSource(1))
	write := func(b string) {
		if _, err := tm.ptmx.Write([]byte(b)); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < len(stmts); {
		if rng.Intn(2) == 0 {
			write(stmts[i])
			i++
			time.Sleep(time.Duration(rng.Intn(20000)) * time.Microsecond)
			continue
		}
		k := min(len(stmts)-i, 1+rng.Intn(8))
		all := strings.Join(stmts[i:i+k], "")
		for len(all) > 0 {
			c := min(len(all), 1+rng.Intn(40))
			write(all[:c])
			all = all[c:]
		}
		i += k
	}
	tm.waitFor("the last statement's result", 120*time.Second, func(s string) bool {
		// The results as lines of their own, in order (type-ahead echoed
		// by the terminal while a statement runs may come between).
		rest := "\n" + trimmed(s)
		for _, want := range []string{"\n0\n", "\n57\n", "\n149\n"} {
			i := strings.Index(rest, want)
			if i < 0 {
				return false
			}
			rest = rest[i+len(want)-1:]
		}
		return true
	})
	stop()

	got := historyLines(t, tm.hist, regexp.MustCompile(`^(v = \d+|s\d+ = v)$`))
	if len(got) != 2*n {
		t.Fatalf("history holds %d of the %d statements", len(got), 2*n)
	}
	for i := range n {
		if got[2*i] != fmt.Sprintf("v = %d", i) || got[2*i+1] != fmt.Sprintf("s%d = v", i) {
			t.Fatalf("statement %d out of order: %q %q", i, got[2*i], got[2*i+1])
		}
	}
	if strings.Contains(tm.screen(), "Error") {
		t.Errorf("an error on screen:\n%s", tm.screen())
	}
	tm.send("\x04")
	if status := tm.wait(10 * time.Second); status != 0 {
		t.Errorf("exit status %d", status)
	}
	tm.checkRestored()
}

func TestWordKeys(t *testing.T) {
	tm := start(t, "")
	tm.waitPromptLine(">>>", 10*time.Second)
	steps := []struct{ keys, want string }{
		{"obj.echo(1, 2)", ">>> obj.echo(1, 2)"},
		{keyAltB + keyAltB + keyAltBS, ">>> obj.1, 2)"},
		{"\x05\x15alpha beta gamma", ">>> alpha beta gamma"},
		{keyCtrlLeft + "X", ">>> alpha beta Xgamma"},
		{"\x01" + keyAltF + keyAltD, ">>> alpha Xgamma"},
		{keyCtrlRight + keyCtrlRight + "!", ">>> alpha Xgamma!"},
		{"\x01" + keyCtrlRight + "_", ">>> alpha_ Xgamma!"},
		{"\x17", ">>>  Xgamma!"},                    // Ctrl+W
		{"\x05\x17\x19\x19", ">>>  Xgamma!Xgamma!"}, // Ctrl+E, Ctrl+W, Ctrl+Y twice
		{"\x01\x0b", ">>>"},                         // Ctrl+A, Ctrl+K
	}
	for _, st := range steps {
		tm.send(st.keys)
		tm.waitPromptLine(st.want, 5*time.Second)
	}
	if strings.Contains(tm.screen(), "\x1b") || strings.Contains(tm.screen(), "SyntaxError") {
		t.Errorf("a raw escape reached the line:\n%s", tm.screen())
	}
}

func TestHistorySearch(t *testing.T) {
	tm := start(t, "")
	tm.waitPromptLine(">>>", 10*time.Second)
	tm.send("apple = 1\rbanana = 2\rapricot = 3\r")
	tm.waitPromptLine(">>>", 5*time.Second)

	tm.send("\x12ap") // Ctrl+R
	tm.waitText("(reverse-i-search)`ap': apricot = 3")
	tm.send("\x12")
	tm.waitText("(reverse-i-search)`ap': apple = 1")
	tm.send("\x13") // Ctrl+S: forwards again
	tm.waitText("(i-search)`ap': apricot = 3")
	tm.send(keyEsc) // cancels: the line is as it was
	tm.waitPromptLine(">>>", 5*time.Second)
	tm.send("\x12ban\x07") // Ctrl+G cancels too
	tm.waitPromptLine(">>>", 5*time.Second)

	tm.send("\x12appl")
	tm.waitText("`appl': apple = 1")
	tm.send("\r") // runs the match
	tm.waitPromptLine(">>>", 5*time.Second)
	tm.send("apple\r")
	tm.waitFor("apple's value", 5*time.Second, func(s string) bool { return strings.Contains(trimmed(s), ">>> apple\n1\n") })

	tm.send("\x12ban\x05 + 0") // another key takes the match and acts
	tm.waitPromptLine(">>> banana = 2 + 0", 5*time.Second)
}

func TestMultiLineStatementRecalledWhole(t *testing.T) {
	tm := start(t, "")
	tm.waitPromptLine(">>>", 10*time.Second)
	tm.send("x = [1,\r2]\rx\r")
	tm.waitText("[1, 2]")
	tm.send(keyUp + keyUp)
	tm.waitFor("the statement recalled whole", 5*time.Second, func(s string) bool {
		return strings.Contains(trimmed(s), ">>> x = [1,\n... 2]")
	})
	tm.send("\x03\x04")
	if status := tm.wait(5 * time.Second); status != 0 {
		t.Errorf("exit status %d", status)
	}

	// After a restart, from the history file.
	tm2 := startWith(t, "PYROSH_E2E_SHELL=1", "PYROSH_E2E_HISTORY="+tm.hist)
	tm2.waitPromptLine(">>>", 10*time.Second)
	tm2.send(keyUp + keyUp)
	tm2.waitFor("the statement recalled whole after a restart", 5*time.Second, func(s string) bool {
		return strings.Contains(trimmed(s), ">>> x = [1,\n... 2]")
	})
	tm2.send("\r")
	tm2.send("x[1]\r")
	tm2.waitFor("the recalled statement ran", 5*time.Second, func(s string) bool { return strings.Contains(trimmed(s), ">>> x[1]\n2\n") })
}

func TestCtrlDAtContinuationCancels(t *testing.T) {
	tm := start(t, "")
	tm.waitPromptLine(">>>", 10*time.Second)
	tm.send("y = [1,\r")
	tm.waitText("... ")
	tm.send("\x04")
	tm.waitPromptLine(">>>", 5*time.Second)
	tm.send("y\r")
	tm.waitText("NameError")
	tm.send("\x04")
	if status := tm.wait(5 * time.Second); status != 0 {
		t.Errorf("exit status %d", status)
	}
	tm.checkRestored()
}

// TestLongLineTypedAheadIsKeptWhole: a line of 6000 characters pasted
// while a call runs is read whole at the next prompt (the kernel's
// canonical line buffer would keep 4095 bytes of it).
func TestLongLineTypedAheadIsKeptWhole(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	tm := start(t, d.URI("Thing"))
	tm.waitPromptLine(">>>", 10*time.Second)
	tm.send("obj.sleep(2)\r")
	tm.waitFor("the call sent", 5*time.Second, func(s string) bool { return strings.Contains(s, ">>> obj.sleep(2)") })
	tm.send(`s = "` + strings.Repeat("x", 6000) + "\"\r")
	tm.send("len(s)\r")
	tm.waitFor("len(s) run", 20*time.Second, func(s string) bool {
		return strings.Contains(s, "\n6000") || strings.Contains(s, "Error")
	})
	if !strings.Contains(tm.screen(), "\n6000") {
		t.Errorf("the pasted line was cut:\n%s", tm.screen())
	}
	tm.send("\x04")
	if status := tm.wait(5 * time.Second); status != 0 {
		t.Errorf("exit status %d", status)
	}
	tm.checkRestored()
}

// TestCtrlDAtBatchCancels: Ctrl+D at the batch> prompt drops the batch
// and the shell goes on; the next Ctrl+D leaves with status 0.
func TestCtrlDAtBatchCancels(t *testing.T) {
	tm := start(t, "")
	tm.waitPromptLine(">>>", 10*time.Second)
	tm.send(":batch\r")
	tm.waitFor("the batch> prompt", 5*time.Second, func(s string) bool { return strings.Contains(s, "\nbatch> ") })
	tm.send("\x04")
	tm.waitText("batch cancelled (0 calls not sent)")
	tm.waitPromptLine(">>>", 5*time.Second)
	tm.send("1 + 1\r")
	tm.waitText("2")
	if strings.Contains(tm.screen(), "input ended") {
		t.Errorf("the batch was reported as unended:\n%s", tm.screen())
	}
	tm.send("\x04")
	if status := tm.wait(5 * time.Second); status != 0 {
		t.Errorf("exit status %d", status)
	}
	tm.checkRestored()
}

// TestExternalEditor: Ctrl+X Ctrl+E opens the line in $EDITOR and :edit
// the last statement; what is saved runs.
func TestExternalEditor(t *testing.T) {
	dir := t.TempDir()
	seen := filepath.Join(dir, "seen")
	script := filepath.Join(dir, "ed.sh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\ncat \"$1\" >> \""+seen+"\"\nprintf '[7, 8, 9]\\n' > \"$1\"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	tm := startWith(t, "PYROSH_E2E_SHELL=1", "EDITOR="+script, "VISUAL=")
	tm.waitPromptLine(">>>", 10*time.Second)
	tm.send("[4,")
	tm.send("\x18\x05") // Ctrl+X Ctrl+E
	tm.waitLines("[7, 8, 9]\n>>>")
	tm.send(":edit\r")
	tm.waitFor("the second edit's result", 5*time.Second, func(s string) bool {
		return strings.Count(trimmed(s), "[7, 8, 9]\n") >= 4 // two echoes of the statement, two results
	})
	b, err := os.ReadFile(seen)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != "[4,\n[7, 8, 9]\n" {
		t.Errorf("the editor was given %q, want the line, then the last statement", b)
	}
	tm.send("\x04")
	if status := tm.wait(5 * time.Second); status != 0 {
		t.Errorf("exit status %d", status)
	}
	tm.checkRestored()
}

// TestCtrlCStopsALargeResultPrinting: Ctrl+C while a large result is
// printing stops it and the prompt returns. The shell's write is usually
// blocked on the full terminal when Ctrl+C comes: with the kernel's flush
// at the signal (no NOFLSH) that write was never woken unless the signal
// landed on its thread, and the shell hung (1 run in 4 under load).
func TestCtrlCStopsALargeResultPrinting(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	tm := start(t, d.URI("Thing"))
	tm.waitPromptLine(">>>", 10*time.Second)
	tm.send("obj.big(300000)\r")
	tm.waitFor("the result printing", 60*time.Second, func(s string) bool { return strings.Contains(s, "'item1") })
	tio, err := unix.IoctlGetTermios(int(tm.tty.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	if tio.Lflag&unix.ISIG == 0 || tio.Lflag&unix.NOFLSH == 0 {
		t.Errorf("while a statement runs lflag is %#x: want ISIG and NOFLSH", tio.Lflag)
	}
	tm.send("\x03")
	tm.waitText("interrupted")
	tm.waitPromptLine(">>>", 30*time.Second)
	if strings.Contains(tm.screen(), "item299999") {
		t.Errorf("the result printed to its end:\n%s", tm.screen())
	}
	tm.send("obj.name\r")
	tm.waitText("'thing'")
}

// TestCtrlCDropsKeysTypedAhead: the keys typed while a statement runs
// are dropped when Ctrl+C cancels it, as the terminal's own flush did;
// the next line typed runs.
func TestCtrlCDropsKeysTypedAhead(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	tm := start(t, d.URI("Thing"))
	tm.waitPromptLine(">>>", 10*time.Second)
	tm.send("obj.sleep(30)\r")
	tm.waitRunning()
	tm.send("obj.echo('typed ahead')\r")
	tm.send("\x03")
	tm.waitText("interrupted")
	tm.waitPromptLine(">>>", 10*time.Second)
	tm.send("obj.echo('after')\r")
	tm.waitText("'after'")
	if strings.Contains(tm.screen(), "typed ahead") {
		t.Errorf("the line typed ahead of Ctrl+C ran:\n%s", tm.screen())
	}
}

// TestCtrlZSuspends runs the shell from an interactive bash, which does
// job control: Ctrl+Z stops it, fg brings it back with its prompt.
func TestCtrlZSuspends(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatalf("bash is needed for job control: %v", err)
	}
	tm := startCommand(t, exec.Command(bash, "--norc", "--noprofile", "-i"), "PS1=$ ", "PYROSH_E2E_SHELL=1")
	tm.waitText("$ ")
	tm.send(os.Args[0] + " -test.run=^$\r")
	tm.waitPromptLine(">>>", 10*time.Second)
	tm.send("1\r")
	tm.waitLines(">>> 1\n1\n")
	tm.send("2 +")
	tm.send("\x1a")
	tm.waitText("Stopped")
	tm.send("fg\r")
	tm.waitFor("the prompt back", 5*time.Second, func(s string) bool {
		_, after, ok := strings.Cut(trimmed(s), "$ fg\n")
		return ok && strings.Contains(after, "\n>>> 2 +")
	})
	tm.send("\x153\r")
	tm.waitLines(">>> 3\n3\n")
	tm.send("\x04")
	tm.waitFor("bash's prompt", 5*time.Second, func(s string) bool { return strings.HasSuffix(strings.TrimRight(s, " \n"), "$") })
	tm.send("exit\r")
	tm.wait(5 * time.Second)
}

// TestHMACKeyTypedAhead: a key typed in the same burst as :hmac is read
// as the key (hidden), not run as a statement.
func TestHMACKeyTypedAhead(t *testing.T) {
	tm := start(t, "")
	tm.waitPromptLine(">>>", 10*time.Second)
	tm.send(":hmac\rsup3rs3cret\r12\r")
	tm.waitText("hmac key set")
	tm.waitLines(">>> 12\n12")
	if strings.Contains(tm.screen(), "sup3rs3cret") {
		t.Errorf("the key was echoed:\n%s", tm.screen())
	}
	tm.send("\x04")
	tm.wait(5 * time.Second)
	if b, _ := os.ReadFile(tm.hist); strings.Contains(string(b), "sup3rs3cret") {
		t.Errorf("history holds the key: %q", b)
	}
}

// TestMetaArgumentCompletion: inside a meta command's arguments the menu
// offers that argument's values only, not history.
func TestMetaArgumentCompletion(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	tm := start(t, d.URI("Example"))
	tm.waitPromptLine(">>>", 10*time.Second)
	tm.send(":serializer json\r")
	tm.waitPromptLine(">>>", 5*time.Second)
	tm.send(":serializer ")
	tm.waitText("serpent")
	if s := tm.screen(); strings.Contains(s, "history") {
		t.Errorf(":serializer offers history rows:\n%s", s)
	}
	tm.send("\x15:meta ")
	tm.waitFor("bound names", 5*time.Second, func(s string) bool { return strings.Contains(s, " obj ") })
	if s := tm.screen(); strings.Contains(s, "history") || strings.Contains(s, "serpent ") {
		t.Errorf(":meta offers more than bound names:\n%s", s)
	}
}

// TestCompletionMenuKeys: Tab selects (the choice shown in the line), Tab
// again the next, Esc puts the word back, Enter takes the choice without
// running the line.
func TestCompletionMenuKeys(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	tm := start(t, d.URI("Example"))
	tm.waitPromptLine(">>>", 10*time.Second)
	tm.send("obj.")
	tm.waitText("hello")
	tm.send("\t")
	tm.waitPromptLine(">>> obj.echo", 5*time.Second)
	tm.send("\t")
	tm.waitPromptLine(">>> obj.hello", 5*time.Second)
	tm.send(keyEsc)
	tm.waitPromptLine(">>> obj.", 5*time.Second)
	tm.send("\t\r")
	tm.waitPromptLine(">>> obj.echo", 5*time.Second)
	tm.send("('x')\r")
	tm.waitLines(">>> obj.echo('x')\n('x',)")
}

// TestResizeRedraws: a terminal resize redraws the line without a key.
func TestResizeRedraws(t *testing.T) {
	tm := start(t, "")
	tm.waitPromptLine(">>>", 10*time.Second)
	tm.send("abc")
	tm.waitPromptLine(">>> abc", 5*time.Second)
	before := tm.draws.Load()
	tm.vt.Resize(60, 24)
	if err := pty.Setsize(tm.ptmx, &pty.Winsize{Rows: 24, Cols: 60}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for tm.draws.Load() == before {
		if time.Now().After(deadline) {
			t.Fatalf("no redraw after the resize; screen:\n%s", tm.screen())
		}
		time.Sleep(20 * time.Millisecond)
	}
	tm.waitPromptLine(">>> abc", 5*time.Second)
	tm.send("\r")
	tm.waitText("NameError")
}
