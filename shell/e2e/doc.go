// Package e2e runs the pyrosh shell on a pseudo-terminal and checks what a
// user sees: it re-runs its own test binary as the shell (see TestMain),
// drives it through creack/pty at 80x24, renders the output with vt10x and
// asserts on the screen, then checks the terminal modes were restored.
package e2e
