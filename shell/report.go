package shell

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
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
	)
	if isOutputError(err) {
		return StatusComm // the loop prints it once as it stops the script
	}
	if s.jsonOutput() {
		return s.reportJSON(err)
	}
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
		if name := s.scriptName(); name != "" {
			fmt.Fprintf(s.errOut, "%s:%d: syntax error\n", name, s.line+syn.Line-1)
		}
		s.syntaxError(src, syn)
		return StatusUsage
	case s.statusOf(err) == StatusUsage:
		s.errorf("%s", oneLine(err))
		return StatusUsage
	case connDropped(err):
		// The proxy dropped the connection; it dials again on next use.
		s.errorf("%s (connection dropped; the next call reconnects)", oneLine(err))
		return StatusComm
	}
	s.errorf("%s%s", oneLine(err), commHint(err))
	return StatusComm
}

// connDropped reports whether err is a connection that failed under a
// call, ping or iteration: the proxy dropped it and dials again on next use.
func connDropped(err error) bool {
	var conn *pyro.ConnError
	return errors.As(err, &conn) && (strings.HasPrefix(conn.Op, "call ") || conn.Op == "ping" || conn.Op == "iterate")
}

// commHint is the meta command that fixes a refused connection, in the
// shell's terms (the command line names its flags instead): an HMAC key
// missing, handshake data or a serializer the daemon refuses.
func commHint(err error) string {
	var (
		conn *pyro.ConnError
		prot *pyro.ProtocolError
	)
	if !errors.As(err, &conn) && !errors.As(err, &prot) {
		return ""
	}
	switch msg := err.Error(); {
	case strings.Contains(msg, "hmac key and none was given"):
		return " (give the key with :hmac)"
	case strings.Contains(msg, "does not accept serializer"):
		return " (choose another with :serializer NAME)"
	case conn != nil && pyro.IsHandshakeRefused(err):
		return " (the daemon's validateHandshake refused the handshake data: set it with :handshake LITERAL)"
	}
	return ""
}

// reportJSON is report under :output json (or -o json): the error as
// one {"error": {...}} object on stderr, as pyrosh's commands write it,
// with type "local" for an evaluation error on this side. In a script the
// message starts with FILE:LINE.
func (s *session) reportJSON(err error) int {
	var (
		remote *pyro.RemoteError
		local  *localError
		syn    *pylit.SyntaxError
		be     *batchError
	)
	kind, status, msg := "usage", StatusUsage, oneLine(err)
	var exc *py.Exception
	switch {
	case errors.As(err, &remote):
		exc = remote.Exception
		s.vars["_exc"] = exc
		kind, status = "remote", StatusRemote
		if m := exc.Message(); m != "" {
			msg = strings.TrimPrefix(exc.Class, "builtins.") + ": " + m
		}
		if errors.As(err, &be) {
			msg += fmt.Sprintf(" (%d more %s of the batch not run)", be.notRun, plural(be.notRun, "call", "calls"))
		}
	case errors.As(err, &local):
		kind, status, msg = "local", StatusRemote, local.Error()
		exc = &py.Exception{Class: local.class, Args: py.Tuple{py.Str(local.msg)}}
	case errors.As(err, &syn):
		s.syntaxFailed = true
		msg = "SyntaxError: " + syn.Error()
		if name := s.scriptName(); name != "" {
			msg = fmt.Sprintf("%s:%d: SyntaxError: %s", name, s.line+syn.Line-1, syn.Msg)
		}
	case s.statusOf(err) == StatusComm:
		kind, status = "communication", StatusComm
		if connDropped(err) {
			msg += " (connection dropped; the next call reconnects)"
		}
	}
	if w := s.where(); w != "" && !errors.As(err, &syn) {
		msg = w + ": " + msg
	}
	printer.ErrorJSON(s.errOut, kind, printer.Escape(msg), exc, status)
	return status
}

// statusOf is the status report gives an error that is not a remote,
// local or syntax error: 2 for usage errors, 3 for the rest.
func (s *session) statusOf(err error) int {
	var (
		usage  *usageError
		uriErr *pyro.URIError
		ser    *pyro.SerializeError
		opt    *pyro.OptionError
	)
	if errors.As(err, &usage) || errors.As(err, &uriErr) || errors.As(err, &ser) || errors.As(err, &opt) ||
		errors.Is(err, printer.ErrRecursive) { // the output format cannot hold the result
		return StatusUsage
	}
	return StatusComm
}

func oneLine(err error) string {
	msg := strings.TrimSpace(err.Error())
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return msg
}

// where names the statement running as FILE:LINE in a script (-f, or
// <stdin>:LINE piped), "" elsewhere.
func (s *session) where() string {
	name := s.scriptName()
	if name == "" || s.line == 0 {
		return ""
	}
	return fmt.Sprintf("%s:%d", name, s.line)
}

// scriptName is the name errors give the script: the -f file, <stdin>
// for a piped one, "" elsewhere.
func (s *session) scriptName() string {
	if s.o.Script != "" {
		return s.o.Script
	}
	return s.stdinName
}

func (s *session) wherePrefix() string {
	if w := s.where(); w != "" {
		return w + ": "
	}
	return ""
}

// firstLine is a statement's first line without its comment, cut to a
// readable length.
func firstLine(src string) string {
	src = strings.TrimSpace(src)
	more := ""
	if i := strings.IndexByte(src, '\n'); i >= 0 {
		src, more = src[:i], " ..."
	}
	src = strings.TrimSpace(withoutComment(src)) + more
	if r := []rune(src); len(r) > 60 {
		src = string(r[:57]) + "..."
	}
	return printer.Escape(src)
}
