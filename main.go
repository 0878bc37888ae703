// Command pyrosh is an interactive shell and scripting tool for Python
// Pyro4 remote objects.
package main

import (
	"os"

	"github.com/pyrosh/pyrosh/shell/cli"
	"github.com/pyrosh/pyrosh/shell/iostreams"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], iostreams.System(), os.Getenv))
}
