package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/pyrosh/pyrosh/pyro/wire"
	"github.com/pyrosh/pyrosh/pyro/wire5"
)

// Version is pyrosh's version, set at build time with
// -ldflags "-X github.com/pyrosh/pyrosh/shell/cli.Version=v1.2.3".
var Version = "0.1.0-dev"

func (a *app) newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Show pyrosh's version, commit, Go version and the Pyro protocol versions",
		Example: `  pyrosh version`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			version, commit := Version, "unknown"
			if bi, ok := debug.ReadBuildInfo(); ok {
				// go install ...@vX.Y.Z stamps the module version;
				// a build in a git checkout stamps the commit.
				if v := bi.Main.Version; v != "" && v != "(devel)" {
					version = v
				}
				for _, s := range bi.Settings {
					if s.Key == "vcs.revision" && len(s.Value) >= 12 {
						commit = s.Value[:12]
					}
				}
			}
			fmt.Fprintf(a.ios.Out, "pyrosh %s (commit %s, %s, Pyro4 protocol %d, Pyro5 protocol %d)\n", version, commit, runtime.Version(), wire.ProtocolVersion, wire5.ProtocolVersion)
			return nil
		},
	}
}
