package cli

import (
	"errors"
	"io"
	"strings"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/shell/printer"
)

// writeErrorJSON writes err as {"error": {...}} on w (printer.ErrorJSON),
// so scripts need no text parsing (like grpcurl's -format-error).
func writeErrorJSON(w io.Writer, err error) error {
	code := ExitCode(err)
	kind := "communication"
	switch code {
	case ExitRemote:
		kind = "remote"
	case ExitUsage:
		kind = "usage"
	case ExitInterrupted:
		kind = "interrupted"
	}
	msg := errorLine(err)
	var remote *pyro.RemoteError
	var exc *py.Exception
	if errors.As(err, &remote) {
		exc = remote.Exception
		if m := exc.Message(); m != "" && !errors.As(err, new(*hinted)) {
			msg = strings.TrimPrefix(exc.Class, "builtins.") + ": " + m
		}
	}
	return printer.ErrorJSON(w, kind, msg, exc, code)
}
