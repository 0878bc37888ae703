package history

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// open opens a History on path and closes it when the test ends.
func open(t *testing.T, path string) *History {
	t.Helper()
	h, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h
}

func add(t *testing.T, h *History, entries ...string) {
	t.Helper()
	for _, e := range entries {
		if err := h.Add(e); err != nil {
			t.Fatalf("Add(%q): %v", e, err)
		}
	}
}

// reload returns the entries a fresh History reads from path.
func reload(t *testing.T, path string) []string {
	t.Helper()
	h, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	return h.Entries()
}

func TestOpenCreatesPrivateFileAndDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "pyrosh", "history")
	open(t, path)
	for p, want := range map[string]os.FileMode{path: 0o600, filepath.Dir(path): 0o700} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("mode of %s = %o, want %o", p, got, want)
		}
	}
}

func TestOpenTightensLooseMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	if err := os.WriteFile(path, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil { // umask may have narrowed it
		t.Fatal(err)
	}
	h := open(t, path)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != 0o600 {
		t.Errorf("mode = %o, want 600", got)
	}
	if diff := cmp.Diff([]string{"old"}, h.Entries()); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
}

func TestAddThenReload(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	h := open(t, path)
	add(t, h, "a = obj.echo(1)", "a", `obj.say("x\\y")`)
	want := []string{"a = obj.echo(1)", "a", `obj.say("x\\y")`}
	if diff := cmp.Diff(want, h.Entries()); diff != "" {
		t.Errorf("in memory (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, reload(t, path)); diff != "" {
		t.Errorf("reloaded (-want +got):\n%s", diff)
	}
}

func TestAddIgnoresBlankEntries(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	h := open(t, path)
	add(t, h, "", "  ", "\t\n", "x")
	if diff := cmp.Diff([]string{"x"}, reload(t, path)); diff != "" {
		t.Errorf("reloaded (-want +got):\n%s", diff)
	}
}

func TestAddFoldsConsecutiveDuplicates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	h := open(t, path)
	add(t, h, "a", "a", "b", "a", "a")
	want := []string{"a", "b", "a"}
	if diff := cmp.Diff(want, h.Entries()); diff != "" {
		t.Errorf("in memory (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, reload(t, path)); diff != "" {
		t.Errorf("reloaded (-want +got):\n%s", diff)
	}
}

func TestAddFoldsDuplicatesAcrossShells(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	one, two := open(t, path), open(t, path)
	add(t, one, "x.ping()")
	add(t, two, "x.ping()") // the file's last record: not written again
	add(t, two, "y")
	add(t, one, "y")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(data), "x.ping()\ny\n"; got != want {
		t.Errorf("file = %q, want %q", got, want)
	}
	if diff := cmp.Diff([]string{"x.ping()", "y"}, two.Entries()); diff != "" {
		t.Errorf("second shell's memory (-want +got):\n%s", diff)
	}
}

func TestSecretsNeverStored(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	h := open(t, path)
	add(t, h, "before", ":hmac topsecret", `p._pyroHmacKey = b"topsecret"`, ":connect PYRO:o@h:1 --hmac-key topsecret", "after")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "topsecret") {
		t.Errorf("file holds a secret: %q", data)
	}
	if diff := cmp.Diff([]string{"before", "after"}, h.Entries()); diff != "" {
		t.Errorf("in memory (-want +got):\n%s", diff)
	}
}

func TestLoadSkipsSecretsAlreadyInFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	if err := os.WriteFile(path, []byte("a\n:hmac k\nb\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a", "b"}, reload(t, path)); diff != "" {
		t.Errorf("reloaded (-want +got):\n%s", diff)
	}
}

func TestMultiLineEntriesRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	h := open(t, path)
	entries := []string{
		"r = obj.echo([\n    1,\n    2,\n])",
		"s = \"\"\"two\\nlines\n\\\"\"\"",
		"crlf\r\nend\\",
	}
	add(t, h, entries...)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), "\n"); n != len(entries) {
		t.Errorf("file has %d lines, want one per entry: %q", n, data)
	}
	if diff := cmp.Diff(entries, reload(t, path)); diff != "" {
		t.Errorf("reloaded (-want +got):\n%s", diff)
	}
}

func TestTornLastRecord(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	if err := os.WriteFile(path, []byte("good\nobj.half_writ"), 0o600); err != nil {
		t.Fatal(err)
	}
	h := open(t, path)
	if diff := cmp.Diff([]string{"good"}, h.Entries()); diff != "" {
		t.Errorf("loaded (-want +got):\n%s", diff)
	}
	add(t, h, "next", "good")
	if diff := cmp.Diff([]string{"good", "next", "good"}, reload(t, path)); diff != "" {
		t.Errorf("reloaded (-want +got):\n%s", diff)
	}
}

func TestTornRecordAloneInFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	if err := os.WriteFile(path, []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	h := open(t, path)
	add(t, h, "garbage")
	if diff := cmp.Diff([]string{"garbage"}, reload(t, path)); diff != "" {
		t.Errorf("reloaded (-want +got):\n%s", diff)
	}
}

func TestMaxBoundsMemory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	var data []byte
	for i := range 50 {
		data = append(data, strings.Repeat("e", i+1)+"\n"...)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	h, err := Open(path, Options{Max: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	add(t, h, "new")
	want := []string{strings.Repeat("e", 49), strings.Repeat("e", 50), "new"}
	if diff := cmp.Diff(want, h.Entries()); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
}

func TestLoadSkipsOverlongLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	data := "a\n" + strings.Repeat("x", maxLine+1) + "\nb\n"
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a", "b"}, reload(t, path)); diff != "" {
		t.Errorf("reloaded (-want +got):\n%s", diff)
	}
}

func TestAddRejectsOverlongEntryButRecallsIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	h := open(t, path)
	long := strings.Repeat("y", MaxEntryBytes+1)
	if err := h.Add(long); err == nil {
		t.Error("Add of an over-long entry returned nil")
	}
	add(t, h, "short")
	if diff := cmp.Diff([]string{long, "short"}, h.Entries()); diff != "" {
		t.Errorf("in memory (-want +got)\n%s", diff)
	}
	if diff := cmp.Diff([]string{"short"}, reload(t, path)); diff != "" {
		t.Errorf("reloaded (-want +got):\n%s", diff)
	}
}

func TestSearch(t *testing.T) {
	h := NewMemory(Options{})
	add(t, h, "obj.echo(1)", "obj.ping()", "x = 1", "obj.echo(1)", "obj.echo(2)", "obj")
	tests := []struct {
		prefix string
		limit  int
		want   []string
	}{
		{"obj.", 0, []string{"obj.echo(2)", "obj.echo(1)", "obj.ping()"}},
		{"obj.", 2, []string{"obj.echo(2)", "obj.echo(1)"}},
		{"obj", 1, []string{"obj"}},
		{"", 0, []string{"obj", "obj.echo(2)", "obj.echo(1)", "x = 1", "obj.ping()"}},
		{"nothing", 5, nil},
	}
	for _, tt := range tests {
		got := h.Search(tt.prefix, tt.limit)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Search(%q, %d) (-want +got):\n%s", tt.prefix, tt.limit, diff)
		}
	}
}

func TestOpenOrMemoryDegrades(t *testing.T) {
	dir := t.TempDir()
	notDir := filepath.Join(dir, "file")
	if err := os.WriteFile(notDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	h, err := OpenOrMemory(filepath.Join(notDir, "history"), Options{})
	if err == nil {
		t.Fatal("OpenOrMemory under a regular file returned no error")
	}
	if h == nil || h.Persistent() {
		t.Fatalf("OpenOrMemory = %v, want a memory-only History", h)
	}
	add(t, h, "still works")
	if diff := cmp.Diff([]string{"still works"}, h.Entries()); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
}

func TestOpenOrMemoryLoadsReadOnlyFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes through read-only modes")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "history")
	if err := os.WriteFile(path, []byte("old\n"), 0o400); err != nil {
		t.Fatal(err)
	}
	h, err := OpenOrMemory(path, Options{})
	if err == nil {
		t.Fatal("OpenOrMemory of a read-only file returned no error")
	}
	add(t, h, "new")
	if diff := cmp.Diff([]string{"old", "new"}, h.Entries()); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
}

func TestOpenRejectsDirectory(t *testing.T) {
	if _, err := Open(t.TempDir(), Options{}); err == nil {
		t.Error("Open of a directory returned no error")
	}
}

func TestWriteFailureReportedOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	h := open(t, path)
	add(t, h, "a")
	h.f.Close() // the descriptor goes bad under the History
	if err := h.Add("b"); err == nil {
		t.Fatal("Add on a failed file returned nil")
	}
	if h.Persistent() {
		t.Error("Persistent() = true after a write failure")
	}
	if err := h.Add("c"); err != nil {
		t.Errorf("second Add after failure = %v, want nil", err)
	}
	if diff := cmp.Diff([]string{"a", "b", "c"}, h.Entries()); diff != "" {
		t.Errorf("in memory (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"a"}, reload(t, path)); diff != "" {
		t.Errorf("reloaded (-want +got):\n%s", diff)
	}
}
