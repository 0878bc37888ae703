package printer

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// errorJSON is the error object written on stderr with -o json (and the
// shell's :output json), one line, so scripts need no text parsing (like
// grpcurl's -format-error):
//
//	{"error": {"type": "remote", "exception": "ZeroDivisionError",
//	  "message": "division by zero", "args": ["division by zero"],
//	  "attributes": {}, "traceback": ["Traceback ...", ...], "status": 1}}
type errorJSON struct {
	Type       string          `json:"type"`
	Exception  *string         `json:"exception"`
	Message    string          `json:"message"`
	Args       json.RawMessage `json:"args"`
	Attributes json.RawMessage `json:"attributes"`
	Traceback  []string        `json:"traceback"`
	Status     int             `json:"status"`
}

// ErrorJSON writes one error as {"error": {...}} on w. kind is remote,
// usage, communication or interrupted; message is the one line pyrosh
// prints; exc, when not nil, gives exception (its class, without
// "builtins."), args, attributes and traceback (null, [], {} and []
// otherwise); status is the exit status.
func ErrorJSON(w io.Writer, kind, message string, exc *py.Exception, status int) error {
	e := errorJSON{Type: kind, Message: message, Args: json.RawMessage("[]"), Attributes: json.RawMessage("{}"), Traceback: []string{}, Status: status}
	if exc != nil {
		name := strings.TrimPrefix(exc.Class, "builtins.")
		e.Exception = &name
		e.Args = AppendJSON(nil, exc.Args)
		if exc.Attrs != nil {
			e.Attributes = AppendJSON(nil, exc.Attrs)
		}
		if len(exc.Traceback) > 0 {
			e.Traceback = strings.Split(strings.TrimSuffix(strings.Join(exc.Traceback, ""), "\n"), "\n")
		}
	}
	return json.NewEncoder(w).Encode(map[string]errorJSON{"error": e})
}
