package printer

import (
	"strings"
	"testing"
)

func TestEscape(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain text, tab\tand newline\n", "plain text, tab\tand newline\n"},
		{`C:\path\x1b stays`, `C:\path\x1b stays`},
		{"\x1b]0;pwned-title\x07\x1b[2J", `\x1b]0;pwned-title\x07\x1b[2J`},
		{"cr\rdel\x7fnul\x00", `cr\rdel\x7fnul\x00`},
		{"c1 \u009b31m", `c1 \x9b31m`},
		{"bidi \u202eevil\u202c \u2066iso\u2069", `bidi \u202eevil\u202c \u2066iso\u2069`},
		{"bad utf-8 \xff\xfe", `bad utf-8 \xff\xfe`},
		{"é€😀 stay", "é€😀 stay"},
	} {
		if got := Escape(c.in); got != c.want {
			t.Errorf("Escape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestEscapeClipsLongText(t *testing.T) {
	in := strings.Repeat("é", MaxRemoteText) + "\x1b"
	got := Escape(in)
	if len(got) > MaxRemoteText+100 {
		t.Fatalf("Escape kept %d bytes of %d", len(got), len(in))
	}
	if !strings.Contains(got, " bytes left out)…") || !strings.HasSuffix(got, `é\x1b`) || !strings.HasPrefix(got, "éé") {
		t.Errorf("clipped text lacks its head, note or tail: %q...%q", got[:20], got[len(got)-40:])
	}
	if strings.ContainsRune(got, '\uFFFD') {
		t.Errorf("clipping split a character")
	}
}
