package printer

import (
	"testing"

	"github.com/fatih/color"
)

// TestDisabledPaletteIsEmpty: newPalette(false) skips fatih/color, so
// check that fatih/color, disabled, writes no escape sequence for any
// of the palette's styles either.
func TestDisabledPaletteIsEmpty(t *testing.T) {
	if newPalette(false) != (palette{}) {
		t.Fatal("the disabled palette has styles")
	}
	for _, attrs := range [][]color.Attribute{
		{color.FgGreen, color.Bold}, {color.FgCyan}, {color.FgYellow}, {color.FgBlue, color.Bold},
		{color.FgMagenta}, {color.Bold}, {color.FgRed, color.Bold},
	} {
		c := color.New(attrs...)
		c.DisableColor()
		if got := c.Sprint("\x00"); got != "\x00" {
			t.Errorf("%v disabled writes %q", attrs, got)
		}
	}
	if on := newPalette(true); on.keyword.on == "" || on.keyword.off == "" {
		t.Errorf("the enabled palette has no keyword style: %+v", on.keyword)
	}
}
