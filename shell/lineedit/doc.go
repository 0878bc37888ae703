// Package lineedit is the shell's line editor on a terminal: raw mode,
// readline's Emacs keys, multi-line statements, history recall and
// incremental search, and a completion menu drawn below the line.
//
// It reads the terminal itself, on the caller's goroutine, and keeps every
// byte it read but has not used for the next ReadLine: type-ahead and
// pastes are never dropped, however fast they arrive or however slow the
// machine is. A key reaches the screen as soon as it is read (no polling
// interval); a burst is drawn once, after its last key. Output goes through
// go-prompt's ConsoleWriter (VT100 sequences); go-prompt's own Prompt loop
// is not used, see docs/design.md.
//
// The package knows nothing of Pyro or of the shell language: the caller
// gives it the completer, the "is this statement complete" check, the
// history and the external editor (Config).
package lineedit
