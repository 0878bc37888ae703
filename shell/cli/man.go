package cli

import (
	"os"
	"time"

	"github.com/spf13/cobra/doc"

	"github.com/pyrosh/pyrosh/shell/iostreams"
)

//go:generate go run ./internal/mangen ../../docs/man

// WriteManPages writes one man page per command into dir. The date is
// fixed so the pages only change when the commands do.
func WriteManPages(dir string) error {
	ios, _, _, _ := iostreams.Test()
	a := &app{ios: ios, getenv: os.Getenv}
	root := a.newRootCmd()
	root.DisableAutoGenTag = true
	date := time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC)
	return doc.GenManTree(root, &doc.GenManHeader{
		Title:   "PYROSH",
		Section: "1",
		Source:  "pyrosh " + Version,
		Manual:  "pyrosh manual",
		Date:    &date,
	}, dir)
}
