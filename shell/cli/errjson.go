package cli

import (
	"encoding/json"
	"errors"
	"io"
	"strings"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/shell/printer"
)

// errorJSON is the error object -o json writes on stderr, one line, so
// scripts need no text parsing (like grpcurl's -format-error):
//
//	{"error": {"type": "remote", "exception": "ZeroDivisionError",
//	  "message": "division by zero", "args": ["division by zero"],
//	  "attributes": {}, "traceback": ["Traceback ...", ...], "status": 1}}
//
// type is remote, usage, communication or interrupted; exception, args,
// attributes and traceback are those of a remote exception (null, [], {}
// and [] otherwise); message is the one line pyrosh prints; status the
// exit status.
type errorJSON struct {
	Type       string          `json:"type"`
	Exception  *string         `json:"exception"`
	Message    string          `json:"message"`
	Args       json.RawMessage `json:"args"`
	Attributes json.RawMessage `json:"attributes"`
	Traceback  []string        `json:"traceback"`
	Status     int             `json:"status"`
}

// writeErrorJSON writes err as {"error": {...}} on w.
func writeErrorJSON(w io.Writer, err error) error {
	code := ExitCode(err)
	e := errorJSON{Message: errorLine(err), Args: json.RawMessage("[]"), Attributes: json.RawMessage("{}"), Traceback: []string{}, Status: code}
	switch code {
	case ExitRemote:
		e.Type = "remote"
	case ExitUsage:
		e.Type = "usage"
	case ExitInterrupted:
		e.Type = "interrupted"
	default:
		e.Type = "communication"
	}
	var remote *pyro.RemoteError
	if errors.As(err, &remote) {
		x := remote.Exception
		name := strings.TrimPrefix(x.Class, "builtins.")
		e.Exception = &name
		e.Args = printer.AppendJSON(nil, x.Args)
		if x.Attrs != nil {
			e.Attributes = printer.AppendJSON(nil, x.Attrs)
		}
		if len(x.Traceback) > 0 {
			e.Traceback = strings.Split(strings.TrimSuffix(strings.Join(x.Traceback, ""), "\n"), "\n")
		}
		if msg := x.Message(); msg != "" && !errors.As(err, new(*hinted)) {
			e.Message = name + ": " + msg
		}
	}
	return json.NewEncoder(w).Encode(map[string]errorJSON{"error": e})
}
