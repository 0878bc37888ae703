package completion

import (
	"testing"
	"unicode/utf8"
)

func FuzzComplete(f *testing.F) {
	seeds := []struct {
		text   string
		cursor int
	}{
		{"obj.ec", 6},
		{"x = obj.echo(obj.he", 19},
		{`obj.echo("a\"", ob`, 18},
		{`obj.echo("""a`, 13},
		{":connect PYRONAME:ex", 20},
		{":connect PYRONAME:x as o", 24},
		{":serializer j", 13},
		{"  :time o", 9},
		{"объект.пр", 5},
		{"a\x80\xffb.c", 4},
		{"1.e", 3},
		{"", 0},
		{"obj.", -3},
		{"obj.", 1 << 30},
	}
	for _, s := range seeds {
		f.Add(s.text, s.cursor)
	}
	src := testSources()
	src.Objects["объект"] = Object{Methods: []string{"привет", "größe"}}
	f.Fuzz(func(t *testing.T, text string, cursor int) {
		got := Complete(text, cursor, src)
		clamped := min(max(cursor, 0), len(text))
		if got.Start < 0 || got.Start > clamped {
			t.Fatalf("Complete(%q, %d).Start = %d, outside [0, %d]", text, cursor, got.Start, clamped)
		}
		if got.Start > 0 && got.Start < len(text) && utf8.ValidString(text) && !utf8.RuneStart(text[got.Start]) {
			t.Fatalf("Complete(%q, %d).Start = %d splits a rune", text, cursor, got.Start)
		}
		seen := map[string]bool{}
		for _, c := range got.Candidates {
			if seen[c.Text] {
				t.Fatalf("Complete(%q, %d) lists %q twice", text, cursor, c.Text)
			}
			seen[c.Text] = true
		}
	})
}
