package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/pylit"
	"github.com/pyrosh/pyrosh/shell/printer"
)

// Exit statuses of PRODUCT.md.
const (
	ExitOK     = 0
	ExitRemote = 1 // the remote call raised
	ExitUsage  = 2 // usage or syntax error
	ExitComm   = 3 // connect, timeout, handshake, HMAC, protocol, name server
	// ExitInterrupted is the shell convention for a run stopped by Ctrl+C.
	ExitInterrupted = 130
)

// ExitCode maps an error to the exit status PRODUCT.md gives it. It is
// the one place that decides; nothing else picks an exit status.
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var (
		remote *pyro.RemoteError
		usage  *usageError
		uriErr *pyro.URIError
		syn    *pylit.SyntaxError
		ser    *pyro.SerializeError
		opt    *pyro.OptionError
		coded  interface{ ExitCode() int } // reported already, status decided there
	)
	switch {
	case errors.As(err, &coded):
		return coded.ExitCode()
	case errors.Is(err, context.Canceled):
		return ExitInterrupted
	case errors.As(err, &remote):
		return ExitRemote
	case errors.As(err, &usage), errors.As(err, &uriErr), errors.As(err, &syn), errors.As(err, &ser),
		errors.As(err, &opt):
		return ExitUsage
	case errors.Is(err, printer.ErrRecursive):
		// The output format asked for cannot hold the result.
		return ExitUsage
	}
	// Anything else went wrong between us and the daemon.
	return ExitComm
}

// statusError carries an exit status whose message was already printed
// (a script that failed part-way, a remote exception shown in full).
type statusError struct{ code int }

func (e *statusError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// ExitCode gives the status, as the shell's errors do.
func (e *statusError) ExitCode() int { return e.code }

// StatusError returns an error that only sets the exit status.
func StatusError(code int) error {
	if code == 0 {
		return nil
	}
	return &statusError{code}
}

// reportError prints err as one line on stderr ("pyrosh: ..."); remote
// exceptions are printed by the caller with their traceback.
func reportError(w io.Writer, err error) {
	var coded interface{ ExitCode() int }
	if errors.As(err, &coded) {
		return // already reported where it happened
	}
	fmt.Fprintf(w, "pyrosh: %s\n", errorLine(err))
}

// errorLine is err as the one line pyrosh prints: its first line, with
// control characters from the remote side shown escaped; an interrupt is
// just that.
func errorLine(err error) string {
	if errors.Is(err, context.Canceled) {
		return "interrupted"
	}
	msg := strings.TrimSpace(err.Error())
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return printer.Escape(msg)
}
