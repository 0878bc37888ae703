package shell

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/pylit"
	"github.com/pyrosh/pyrosh/shell/printer"
)

var printSyntaxError = printer.SyntaxError

// usageError is a meta command used wrongly: status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// report prints err for the statement src and returns its status:
// 1 for a remote exception or a local evaluation error, 2 for a syntax or
// usage error, 3 for anything about the connection.
func (s *session) report(err error, src string) int {
	var (
		remote *pyro.RemoteError
		local  *localError
		syn    *pylit.SyntaxError
		usage  *usageError
		uriErr *pyro.URIError
		ser    *pyro.SerializeError
		conn   *pyro.ConnError
	)
	switch {
	case errors.As(err, &remote):
		s.pr.Exception(s.errOut, remote.Exception)
		return StatusRemote
	case errors.As(err, &local):
		fmt.Fprintf(s.errOut, "%s (local)\n", local.Error())
		return StatusRemote
	case errors.As(err, &syn):
		s.syntaxError(src, syn)
		return StatusUsage
	case errors.As(err, &usage), errors.As(err, &uriErr), errors.As(err, &ser):
		s.errorf("%s", oneLine(err))
		return StatusUsage
	case errors.As(err, &conn) && (strings.HasPrefix(conn.Op, "call ") || conn.Op == "ping" || conn.Op == "iterate"):
		// The proxy dropped the connection; it dials again on next use.
		s.errorf("%s (connection dropped; the next call reconnects)", oneLine(err))
		return StatusComm
	}
	s.errorf("%s", oneLine(err))
	return StatusComm
}

func oneLine(err error) string {
	msg := strings.TrimSpace(err.Error())
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return msg
}
