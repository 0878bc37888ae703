package printer

import (
	"encoding/json"
	"io"
	"strconv"
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
// otherwise); status is the exit status. The message and every traceback
// line keep at most MaxRemoteText bytes, and a traceback longer than
// maxTraceback its head and tail lines, as Exception prints them (JSON
// escapes the controls).
func ErrorJSON(w io.Writer, kind, message string, exc *py.Exception, status int) error {
	e := errorJSON{Type: kind, Message: clip(message), Args: json.RawMessage("[]"), Attributes: json.RawMessage("{}"), Traceback: []string{}, Status: status}
	if exc != nil {
		name := strings.TrimPrefix(exc.Class, "builtins.")
		e.Exception = &name
		e.Args = AppendJSON(nil, exc.Args)
		if exc.Attrs != nil {
			e.Attributes = AppendJSON(nil, exc.Attrs)
		}
		e.Traceback = clippedTraceback(exc.Traceback)
	}
	return NewJSONEncoder(w).Encode(map[string]errorJSON{"error": e})
}

// clippedTraceback returns tb's lines, each clipped, keeping the lines that
// reach into the first and last maxTraceback/2 bytes of a longer traceback
// around one saying what was left out; never nil.
func clippedTraceback(tb tracebackLines) []string {
	total, _ := tb.size()
	keep := total
	if total > maxTraceback {
		keep = maxTraceback / 2
	}
	lines, skipped, skippedBytes := []string{}, 0, 0
	tb.each(func(l string, at int) {
		if at >= keep && at+len(l)+1 <= total-keep {
			skipped++
			skippedBytes += len(l) + 1
			return
		}
		if skipped > 0 {
			lines = append(lines, "  ... ("+strconv.Itoa(skipped)+" lines, "+strconv.Itoa(skippedBytes)+" bytes of traceback left out) ...")
			skipped = 0
		}
		lines = append(lines, clip(l))
	})
	return lines
}
