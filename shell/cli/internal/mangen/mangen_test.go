package mangen_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pyrosh/pyrosh/shell/cli/internal/mangen"
)

// TestManPagesAreFresh fails when docs/man no longer matches the commands:
// run `go generate ./shell/cli` after changing a command or its help.
func TestManPagesAreFresh(t *testing.T) {
	dir := t.TempDir()
	if err := mangen.Write(dir); err != nil {
		t.Fatal(err)
	}
	want, _ := filepath.Glob(filepath.Join(dir, "*.1"))
	have, _ := filepath.Glob(filepath.Join("..", "..", "..", "..", "docs", "man", "*.1"))
	if len(want) == 0 || len(want) != len(have) {
		t.Fatalf("docs/man has %d pages, the commands make %d: run go generate ./shell/cli", len(have), len(want))
	}
	for _, w := range want {
		got, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "docs", "man", filepath.Base(w)))
		exp, _ := os.ReadFile(w)
		if err != nil || string(got) != string(exp) {
			t.Errorf("docs/man/%s is stale: run go generate ./shell/cli", filepath.Base(w))
		}
	}
}
