// Command gen regenerates pyrosh's man pages: go generate ./shell/cli.
package main

import (
	"fmt"
	"os"

	"github.com/pyrosh/pyrosh/shell/cli/internal/mangen"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gen DIR")
		os.Exit(2)
	}
	err := os.MkdirAll(os.Args[1], 0o755)
	if err == nil {
		err = mangen.Write(os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
