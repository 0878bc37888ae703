package printer

import (
	"strings"

	"github.com/fatih/color"
)

// style is one colour of the palette as the escape codes around a token;
// both are empty when colour is off.
type style struct{ on, off string }

// palette colours tokens by kind, close to IPython's terminal colours:
// keyword constants bold green, numbers cyan, strings yellow, dict keys
// bold blue, class-like names magenta. Punctuation keeps the terminal's
// own colour so the structure stays quiet.
type palette struct {
	keyword, number, str, key, class style
	// For tracebacks.
	header, location, excName style
}

func newPalette(enabled bool) palette {
	if !enabled {
		// Every style empty, as fatih/color writes them disabled
		// (TestDisabledPaletteIsEmpty), without building eight of them
		// for each Printer (two per one-off call, issue 14).
		return palette{}
	}
	mk := func(attrs ...color.Attribute) style {
		c := color.New(attrs...)
		// fatih/color decides from os.Stdout at start-up; ours is the only
		// decision that counts.
		if enabled {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
		on, off, _ := strings.Cut(c.Sprint("\x00"), "\x00")
		return style{on, off}
	}
	return palette{
		keyword:  mk(color.FgGreen, color.Bold),
		number:   mk(color.FgCyan),
		str:      mk(color.FgYellow),
		key:      mk(color.FgBlue, color.Bold),
		class:    mk(color.FgMagenta),
		header:   mk(color.Bold),
		location: mk(color.FgMagenta),
		excName:  mk(color.FgRed, color.Bold),
	}
}
