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
		opt    *pyro.OptionError
		conn   *pyro.ConnError
	)
	var be *batchError
	if errors.As(err, &be) {
		code := s.report(be.err, src)
		s.infof("(%d more %s of the batch not run)", be.notRun, plural(be.notRun, "call", "calls"))
		return code
	}
	switch {
	case errors.As(err, &remote):
		s.vars["_exc"] = remote.Exception
		if where := s.where(); where != "" {
			fmt.Fprintf(s.errOut, "%s: %s raised\n", where, firstLine(src))
		}
		s.pr.Exception(s.errOut, s.traceback(remote.Exception))
		return StatusRemote
	case errors.As(err, &local):
		fmt.Fprintf(s.errOut, "%s%s (local)\n", s.wherePrefix(), printer.Escape(local.Error()))
		return StatusRemote
	case errors.As(err, &syn):
		s.syntaxFailed = true
		if s.o.Script != "" {
			fmt.Fprintf(s.errOut, "%s:%d: syntax error\n", s.o.Script, s.line+syn.Line-1)
		}
		s.syntaxError(src, syn)
		return StatusUsage
	case errors.As(err, &usage), errors.As(err, &uriErr), errors.As(err, &ser), errors.As(err, &opt):
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

// where names the statement running as FILE:LINE in a script (-f), ""
// elsewhere.
func (s *session) where() string {
	if s.o.Script == "" || s.line == 0 {
		return ""
	}
	return fmt.Sprintf("%s:%d", s.o.Script, s.line)
}

func (s *session) wherePrefix() string {
	if w := s.where(); w != "" {
		return w + ": "
	}
	return ""
}

// firstLine is a statement's first line, cut to a readable length.
func firstLine(src string) string {
	src = strings.TrimSpace(src)
	if i := strings.IndexByte(src, '\n'); i >= 0 {
		src = src[:i] + " ..."
	}
	if r := []rune(src); len(r) > 60 {
		src = string(r[:57]) + "..."
	}
	return printer.Escape(src)
}
