package printer

import (
	"bytes"
	"strings"
	"testing"
)

func TestSyntaxErrorCutsLongLines(t *testing.T) {
	line := strings.Repeat("[", 100000)
	var b bytes.Buffer
	SyntaxError(&b, line, 513, "nesting deeper than 512 levels", false)
	lines := strings.Split(b.String(), "\n")
	if len(lines[0]) > 100 {
		t.Fatalf("the line shown is %d bytes long", len(lines[0]))
	}
	shown, caret := lines[0], lines[1]
	if !strings.HasPrefix(shown, "  ...[") || !strings.HasSuffix(shown, "[...") {
		t.Fatalf("line = %q", shown)
	}
	// The caret sits under the 513th '[': 60 of them show before it.
	if strings.Index(caret, "^") != strings.Index(shown, "[")+60 {
		t.Fatalf("caret %q under %q", caret, shown)
	}
	var short bytes.Buffer
	SyntaxError(&short, "obj.echo(1 2)", 12, "expected ',' or ')'", false)
	if want := "  obj.echo(1 2)\n             ^\nSyntaxError: expected ',' or ')'\n"; short.String() != want {
		t.Fatalf("short line:\n%s", short.String())
	}
}

// A control character in the line shows escaped, as remote text does, and
// the caret stays under the column the error names.
func TestSyntaxErrorEscapesControls(t *testing.T) {
	var b bytes.Buffer
	SyntaxError(&b, "x\x1b[31m\x00 ?", 9, "unexpected character '\x1b'", false)
	want := "  x\\x1b[31m\\x00 ?\n" +
		"                ^\n" +
		"SyntaxError: unexpected character '\\x1b'\n"
	if b.String() != want {
		t.Fatalf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}
