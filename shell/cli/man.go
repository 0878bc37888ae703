package cli

import (
	"os"

	"github.com/spf13/cobra"

	"github.com/pyrosh/pyrosh/shell/iostreams"
)

//go:generate go run ./internal/mangen/gen ../../docs/man

// RootCommand returns pyrosh's command tree, for generating
// documentation; the man page generator lives apart (internal/mangen) so
// the binary does not carry a Markdown renderer.
func RootCommand() *cobra.Command {
	ios, _, _, _ := iostreams.Test()
	a := &app{ios: ios, getenv: os.Getenv}
	root := a.newRootCmd()
	root.DisableAutoGenTag = true
	return root
}
