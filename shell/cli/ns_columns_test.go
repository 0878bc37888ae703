package cli

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/shell/iostreams"
)

// ns list aligns every column, the metadata too, counting characters, not
// bytes, as the shell's :ns does.
func TestNSListAlignsColumns(t *testing.T) {
	ios, _, out, _ := iostreams.Test()
	a := &app{ios: ios}
	err := a.printEntries([]pyro.NSEntry{
		{Name: "Pyro.NameServer", URI: "PYRO:Pyro.NameServer@127.0.0.1:9090", Metadata: []string{"class:Pyro4.naming.NameServer"}},
		{Name: "größe", URI: "PYRO:Größe@127.0.0.1:9091", Metadata: []string{"demo"}},
		{Name: "plain", URI: "PYRO:Plain@127.0.0.1:9091"},
	})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("output %q, want 3 lines", out.String())
	}
	col := func(line, sub string) int { return utf8.RuneCountInString(line[:strings.Index(line, sub)]) }
	if col(lines[0], "PYRO:") != col(lines[1], "PYRO:") || col(lines[1], "PYRO:") != col(lines[2], "PYRO:") {
		t.Errorf("URI column not aligned:\n%s", out.String())
	}
	if col(lines[0], "[") != col(lines[1], "[") {
		t.Errorf("metadata column not aligned:\n%s", out.String())
	}
	if strings.HasSuffix(lines[2], " ") {
		t.Errorf("trailing blanks on an entry without metadata: %q", lines[2])
	}
}
