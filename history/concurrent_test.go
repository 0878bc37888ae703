package history

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"
)

// The test binary doubles as a child process appending to a history file:
// with PYROSH_HISTORY_CHILD set it runs child instead of the tests.
const (
	childEnv = "PYROSH_HISTORY_CHILD" // "count" appends N entries; "forever" until killed
	fileEnv  = "PYROSH_HISTORY_FILE"
	tagEnv   = "PYROSH_HISTORY_TAG"
	countEnv = "PYROSH_HISTORY_COUNT"
)

func TestMain(m *testing.M) {
	if mode := os.Getenv(childEnv); mode != "" {
		if err := child(mode); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func child(mode string) error {
	h, err := Open(os.Getenv(fileEnv), Options{})
	if err != nil {
		return err
	}
	defer h.Close()
	tag := os.Getenv(tagEnv)
	n, _ := strconv.Atoi(os.Getenv(countEnv))
	for i := 0; mode == "forever" || i < n; i++ {
		if err := h.Add(entryFor(tag, i)); err != nil {
			return err
		}
	}
	return nil
}

// entryFor is a multi-line entry, so a torn or interleaved record shows.
func entryFor(tag string, i int) string {
	return fmt.Sprintf("%s.call(%d,\n    %q)", tag, i, tag)
}

// checkWriters asserts that path holds exactly entries 0..n-1 of each tag,
// each in order, with nothing else.
func checkWriters(t *testing.T, path string, n int, tags ...string) {
	t.Helper()
	got := reload(t, path)
	if len(got) != n*len(tags) {
		t.Errorf("reloaded %d entries, want %d", len(got), n*len(tags))
	}
	next := make(map[string]int)
	index := make(map[string]string)
	for _, tag := range tags {
		for i := range n {
			index[entryFor(tag, i)] = tag
		}
	}
	for _, e := range got {
		tag, ok := index[e]
		if !ok {
			t.Fatalf("reloaded an entry no writer wrote: %q", e)
		}
		if want := entryFor(tag, next[tag]); e != want {
			t.Fatalf("writer %s: got %q, want %q", tag, e, want)
		}
		next[tag]++
	}
}

func TestTwoHistoriesAppendingAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	const n = 200
	tags := []string{"alpha", "beta"}
	var wg sync.WaitGroup
	errs := make(chan error, len(tags))
	for _, tag := range tags {
		h := open(t, path)
		wg.Go(func() {
			for i := range n {
				if err := h.Add(entryFor(tag, i)); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	checkWriters(t, path, n, tags...)
}

// startChild runs the test binary as an appending child process.
func startChild(ctx context.Context, t *testing.T, path, mode, tag string, n int) *exec.Cmd {
	t.Helper()
	cmd := exec.CommandContext(ctx, os.Args[0])
	cmd.Env = append(os.Environ(), childEnv+"="+mode, fileEnv+"="+path, tagEnv+"="+tag, countEnv+"="+strconv.Itoa(n))
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

func TestTwoProcessesAppendingAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	const n = 200
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	tags := []string{"proc1", "proc2"}
	var cmds []*exec.Cmd
	for _, tag := range tags {
		cmds = append(cmds, startChild(ctx, t, path, "count", tag, n))
	}
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("child: %v", err)
		}
	}
	checkWriters(t, path, n, tags...)
}

func TestKilledWriterLeavesLoadableFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := startChild(ctx, t, path, "forever", "victim", 0)
	deadline := time.Now().Add(10 * time.Second)
	for {
		if fi, err := os.Stat(path); err == nil && fi.Size() > 2000 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatal("child wrote under 2000 bytes in 10s")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL, mid-loop
		t.Fatal(err)
	}
	cmd.Wait()

	got := reload(t, path)
	if len(got) == 0 {
		t.Fatal("reloaded nothing")
	}
	for i, e := range got {
		if want := entryFor("victim", i); e != want {
			t.Fatalf("entry %d = %q, want %q", i, e, want)
		}
	}
	h := open(t, path)
	add(t, h, "after the crash")
	again := reload(t, path)
	if last := again[len(again)-1]; len(again) != len(got)+1 || last != "after the crash" {
		t.Errorf("after one more Add: %d entries ending %q, want %d ending %q", len(again), last, len(got)+1, "after the crash")
	}
	t.Logf("child appended %d entries before SIGKILL", len(got))
}
