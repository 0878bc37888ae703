package lineedit

import (
	"unicode/utf8"

	prompt "github.com/c-bata/go-prompt"
)

// keyLen returns the length of the first key in p (p is not empty): a
// line end, an escape sequence, one other control character, or a run of
// text up to the next of those. complete is false when p ends inside the
// key (an ESC, CSI or UTF-8 sequence cut by the read): more bytes may
// follow at once.
func keyLen(p []byte) (n int, complete bool) {
	switch c := p[0]; {
	case c == 0x1b:
		return escapeLen(p)
	case c < 0x20 || c == 0x7f:
		return 1, true
	}
	i := 0
	for i < len(p) && p[i] >= 0x20 && p[i] != 0x7f {
		if p[i] < utf8.RuneSelf {
			i++
			continue
		}
		if !utf8.FullRune(p[i:]) {
			if i == 0 {
				return len(p), false
			}
			return i, true
		}
		_, size := utf8.DecodeRune(p[i:])
		i += size
	}
	return i, true
}

// escapeLen returns the length of the escape sequence at the start of p:
// CSI (ESC [ parameters final) and SS3 (ESC O x) sequences, ESC with the
// byte after it (Alt+key), or ESC alone.
func escapeLen(p []byte) (int, bool) {
	if len(p) < 2 {
		return 1, false
	}
	switch p[1] {
	case '[':
		for i := 2; i < len(p); i++ {
			if p[i] >= 0x40 && p[i] <= 0x7e {
				return i + 1, true
			}
		}
		return len(p), false
	case 'O':
		if len(p) < 3 {
			return 2, false
		}
		return 3, true
	case 0x1b:
		return 1, true // ESC ESC: the first is Esc on its own
	}
	return 2, true
}

// key is one key read from the terminal.
type key struct {
	code prompt.Key // go-prompt's name for control keys and escape sequences
	alt  byte       // the byte after ESC for Alt+key, else 0
	text []rune     // typed text when code is prompt.NotDefined and alt is 0
}

// Alt+Left and Alt+Right (xterm) move by word as Alt+B and Alt+F do;
// go-prompt's table does not name them.
var (
	altLeft  = "\x1b[1;3D"
	altRight = "\x1b[1;3C"
)

// decode names the key of seq (one key as split by keyLen).
func decode(seq []byte) key {
	switch {
	case len(seq) == 2 && seq[0] == 0x1b && seq[1] != '[' && seq[1] != 'O':
		return key{code: prompt.NotDefined, alt: seq[1]}
	case string(seq) == altLeft:
		return key{code: prompt.NotDefined, alt: 'b'}
	case string(seq) == altRight:
		return key{code: prompt.NotDefined, alt: 'f'}
	case seq[0] == '\r' || seq[0] == '\n':
		return key{code: prompt.Enter}
	}
	if k := prompt.GetKey(seq); k != prompt.NotDefined {
		return key{code: k}
	}
	if seq[0] < 0x20 || seq[0] == 0x7f {
		return key{code: prompt.Ignore} // an escape sequence we do not know
	}
	return key{code: prompt.NotDefined, text: []rune(string(seq))}
}
