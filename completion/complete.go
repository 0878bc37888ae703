package completion

import "strings"

// Complete returns the candidates for the word that ends at cursor in text.
// Only text[:cursor] is read; cursor is a byte offset, clamped into the text
// and moved back to the start of any rune it splits. src may be nil.
//
// The context decides what is offered: a line starting with ':' completes
// meta commands and their arguments; "NAME." completes the methods, oneway
// methods and attributes of the bound object NAME; an identifier in
// statement or argument position completes bound names, variables and
// keywords. Nothing is offered inside a string literal or a comment.
func Complete(text string, cursor int, src *Sources) Result {
	cursor = clampCursor(text, cursor)
	if src == nil {
		src = &Sources{}
	}
	t := text[:cursor]
	if rest := strings.TrimLeft(t, " \t"); strings.HasPrefix(rest, ":") {
		return completeMeta(t, len(t)-len(rest)+1, src)
	}
	if !endsInCode(t) {
		return Result{Start: cursor}
	}
	return completeStatement(t, src)
}
