package cli

import "github.com/spf13/cobra"

func (a *app) runShell(cmd *cobra.Command, args []string) error {
	return usageErrorf("the shell is not built yet")
}
