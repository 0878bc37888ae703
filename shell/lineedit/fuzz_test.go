package lineedit

import (
	"testing"
	"unicode/utf8"
)

// FuzzKeys splits arbitrary terminal input into keys as the editor does:
// every byte belongs to exactly one key, in order, an incomplete key only
// ends the input, text keys hold runes (invalid bytes as U+FFFD) and never hold a control
// character, and the word and line motions stay within the text.
func FuzzKeys(f *testing.F) {
	for _, s := range []string{"obj.echo(1, 2)\r", "\x1b[A\x1b[1;5D\x1bb\x1b\x7f", "größe = 1\r", "\x1b[200~paste\x1b[201~", "\x1b", "\xc3", "a\tb\x03\x04"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		var b buffer
		for p := in; len(p) > 0; {
			n, complete := keyLen(p)
			if n < 1 || n > len(p) {
				t.Fatalf("keyLen(%q) = %d", p, n)
			}
			if !complete && n != len(p) {
				t.Fatalf("an incomplete key %q before the end of %q", p[:n], p)
			}
			k := decode(p[:n])
			if k.text != nil {
				// Invalid bytes decode as U+FFFD, never as a control.
				for _, r := range k.text {
					if r < 0x20 || r == 0x7f || !utf8.ValidRune(r) {
						t.Fatalf("text key %q holds %U", string(k.text), r)
					}
				}
				b.insert(k.text)
			}
			p = p[n:]
		}
		for _, move := range []func() int{b.wordLeft, b.wordRight, b.spaceLeft, b.lineStart, b.lineEnd} {
			if i := move(); i < 0 || i > len(b.r) {
				t.Fatalf("a motion left the text: %d of %d", i, len(b.r))
			}
		}
		b.vertical(-1)
		b.vertical(1)
		if b.pos < 0 || b.pos > len(b.r) {
			t.Fatalf("cursor %d of %d", b.pos, len(b.r))
		}
	})
}
