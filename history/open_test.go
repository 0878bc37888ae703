//go:build unix

package history

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// openOrMemory runs OpenOrMemory with a deadline: a FIFO at the path
// must not block it.
func openOrMemory(t *testing.T, path string) (*History, error) {
	t.Helper()
	type res struct {
		h   *History
		err error
	}
	done := make(chan res, 1)
	go func() {
		h, err := OpenOrMemory(path, Options{})
		done <- res{h, err}
	}()
	select {
	case r := <-done:
		return r.h, r.err
	case <-time.After(10 * time.Second):
		t.Fatalf("OpenOrMemory(%s) blocked", path)
	}
	return nil, nil
}

func TestSymlinkedFileIsRefused(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	if err := os.WriteFile(target, []byte("precious\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "history")
	if err := os.Symlink(target, path); err != nil {
		t.Fatal(err)
	}
	h, err := openOrMemory(t, path)
	if err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Fatalf("err = %v, want a symbolic link refused", err)
	}
	if h.Persistent() {
		t.Error("the history writes through the link")
	}
	if err := h.Add("obj.hello()"); err != nil {
		t.Fatal(err)
	}
	if got := h.Entries(); len(got) != 1 {
		t.Errorf("entries kept in memory = %q", got)
	}
	b, _ := os.ReadFile(target)
	fi, _ := os.Stat(target)
	if string(b) != "precious\n" || fi.Mode().Perm() != 0o644 {
		t.Errorf("the target changed: %q mode %v", b, fi.Mode())
	}
}

func TestDanglingSymlinkTargetIsNotCreated(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "created-by-link")
	path := filepath.Join(dir, "history")
	if err := os.Symlink(target, path); err != nil {
		t.Fatal(err)
	}
	if _, err := openOrMemory(t, path); err == nil {
		t.Fatal("a dangling link was accepted")
	}
	if _, err := os.Lstat(target); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the link's target was created: %v", err)
	}
}

func TestSymlinkedDirectoryIsRefused(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "elsewhere")
	if err := os.Mkdir(real, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, filepath.Join(dir, "pyrosh")); err != nil {
		t.Fatal(err)
	}
	_, err := openOrMemory(t, filepath.Join(dir, "pyrosh", "history"))
	if err == nil || !strings.Contains(err.Error(), "directory") {
		t.Fatalf("err = %v, want the symlinked directory refused", err)
	}
	if _, err := os.Lstat(filepath.Join(real, "history")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a history file was created through the link: %v", err)
	}
}

func TestFIFOIsRefusedWithoutBlocking(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
	h, err := openOrMemory(t, path)
	if err == nil || !strings.Contains(err.Error(), "FIFO") {
		t.Fatalf("err = %v, want the FIFO refused", err)
	}
	if h == nil || h.Persistent() {
		t.Error("no memory history for a FIFO")
	}
}

func TestFileOfAnotherUserIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	if err := os.WriteFile(path, []byte("x = 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	other := os.Getuid() + 1
	if err := os.Lchown(path, other, -1); err != nil {
		t.Skipf("cannot give the file to another user here: %v", err)
	}
	_, err := openOrMemory(t, path)
	if err == nil || !strings.Contains(err.Error(), "belongs to user") {
		t.Fatalf("err = %v, want another user's file refused", err)
	}
}
