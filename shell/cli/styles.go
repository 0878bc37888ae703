package cli

import (
	"github.com/fatih/color"
)

// styles colours the command's own text (headings, labels); values are
// coloured by the printer. Each colour is switched on or off from our one
// decision, never from fatih/color's global guess.
type styles struct {
	headingC, labelC, dimC, okC *color.Color
}

func newStyles(enabled bool) styles {
	s := styles{
		headingC: color.New(color.Bold),
		labelC:   color.New(color.FgCyan),
		dimC:     color.New(color.Faint),
		okC:      color.New(color.FgGreen),
	}
	for _, c := range []*color.Color{s.headingC, s.labelC, s.dimC, s.okC} {
		if enabled {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
	}
	return s
}

func (s styles) heading(t string) string { return s.headingC.Sprint(t) }
func (s styles) label(t string) string   { return s.labelC.Sprint(t) }
func (s styles) dim(t string) string     { return s.dimC.Sprint(t) }
func (s styles) ok(t string) string      { return s.okC.Sprint(t) }
