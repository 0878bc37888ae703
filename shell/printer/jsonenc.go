package printer

import (
	"encoding/json"
	"io"
)

// NewJSONEncoder returns an encoding/json encoder for w that writes <, >
// and & as they are, as Python's json.dumps and pyrosh's value output do;
// encoding/json's default writes them as \u003c, \u003e and \u0026, also
// inside a json.RawMessage such as an exception's args.
func NewJSONEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}
