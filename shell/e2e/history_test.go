//go:build linux

package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestHistoryFileFollowsNoLinks: a symlink, a FIFO or a symlinked
// directory at the history path is refused with one line, the shell
// starts and keeps its history in memory, and nothing outside is touched.
func TestHistoryFileFollowsNoLinks(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	if err := os.WriteFile(target, []byte("precious\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(dir, filepath.Join(dir, "pyrosh")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, path, says string }{
		{"symlink", link, "is a symbolic link"},
		{"fifo", fifo, "is a FIFO"},
		{"symlinked directory", filepath.Join(dir, "pyrosh", "history"), "directory"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tm := startWith(t, "PYROSH_E2E_SHELL=1", "PYROSH_E2E_HISTORY="+c.path)
			tm.waitPromptLine(">>>", 10*time.Second)
			// The refusal is one line, which the screen wraps at 80 columns,
			// maybe at a space that the screen then trims: compare without
			// white space.
			squeeze := strings.NewReplacer("\n", "", " ", "").Replace
			flat := squeeze(trimmed(tm.screen()))
			if s := flat; !strings.Contains(s, squeeze(c.says)) || !strings.Contains(s, "(historykeptinmemory)") || strings.Count(s, "pyrosh:") != 1 {
				t.Errorf("no one-line refusal on screen:\n%s", s)
			}
			tm.send("abc = 1\rabc\r")
			tm.waitLines(">>> abc\n1")
			tm.send("\x1b[A")
			tm.waitPromptLine(">>> abc", 5*time.Second)
			tm.send("\x03\x04")
			if status := tm.wait(5 * time.Second); status != 0 {
				t.Errorf("exit status %d", status)
			}
		})
	}
	b, _ := os.ReadFile(target)
	fi, _ := os.Stat(target)
	if string(b) != "precious\n" || fi.Mode().Perm() != 0o644 {
		t.Errorf("the link's target changed: %q mode %v", b, fi.Mode())
	}
	if _, err := os.Lstat(filepath.Join(dir, "history")); err == nil {
		t.Error("a history file was created through the symlinked directory")
	}
}
