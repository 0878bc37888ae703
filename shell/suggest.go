package shell

import (
	"strings"

	prompt "github.com/c-bata/go-prompt"
)

// wordSeparators end the word go-prompt replaces with a suggestion. '.'
// and ':' are not among them: "obj.ec" is replaced by "obj.echo", so the
// list shows which object a method belongs to.
const wordSeparators = " \t\n(),=[]{}"

// suggestions adapts completion candidates to go-prompt, which replaces
// the word after the last separator: a candidate for text[start:] is
// given with the part of that word before start.
func suggestions(text string, start int, cands []suggestion) []prompt.Suggest {
	wordStart := strings.LastIndexAny(text, wordSeparators) + 1
	out := make([]prompt.Suggest, 0, len(cands))
	for _, c := range cands {
		if start < wordStart || start > len(text) {
			continue
		}
		out = append(out, prompt.Suggest{Text: printable(text[wordStart:start] + c.text), Description: printable(c.desc)})
	}
	return out
}

// suggestion is one candidate, whatever produced it.
type suggestion struct{ text, desc string }

// printable replaces control characters by spaces: a tab or newline in a
// suggestion would move the cursor when go-prompt draws the list and
// break the rendering.
func printable(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}
