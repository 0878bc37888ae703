// Package mangen writes pyrosh's man pages from its commands; run it with
// go generate ./shell/cli.
package mangen

import (
	"time"

	"github.com/spf13/cobra/doc"

	"github.com/pyrosh/pyrosh/shell/cli"
)

// Write writes one man page per command into dir. The date is fixed so
// the pages only change when the commands do.
func Write(dir string) error {
	date := time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC)
	return doc.GenManTree(cli.RootCommand(), &doc.GenManHeader{
		Title:   "PYROSH",
		Section: "1",
		Source:  "pyrosh " + cli.Version,
		Manual:  "pyrosh manual",
		Date:    &date,
	}, dir)
}
