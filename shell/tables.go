package shell

import (
	"io"
	"strings"
	"unicode/utf8"

	"github.com/pyrosh/pyrosh/shell/printer"
)

// jsonOutput reports whether `:output json` is on: meta commands then
// print one JSON document, as results do.
func (s *session) jsonOutput() bool { return s.pr.Format() == printer.JSON }

// writeJSON prints v as one line of JSON on stdout.
func (s *session) writeJSON(v any) error {
	return printer.NewJSONEncoder(s.out).Encode(v)
}

// writeColumns writes rows with each column but the last padded to its
// widest cell, two spaces apart. Cells come from remote peers too (name
// server entries), so control characters are shown escaped.
func writeColumns(w io.Writer, rows [][]string) {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], utf8.RuneCountInString(printer.Escape(c)))
		}
	}
	var b strings.Builder
	for _, r := range rows {
		for i, c := range r {
			c = printer.Escape(c)
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c)+2))
			}
		}
		b.WriteByte('\n')
	}
	io.WriteString(w, b.String())
}
