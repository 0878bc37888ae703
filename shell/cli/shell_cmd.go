package cli

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/pyrosh/pyrosh/shell"
)

// runShell opens the interactive shell, bound to the URI when one is
// given, or runs -c / -f statements.
func (a *app) runShell(cmd *cobra.Command, args []string) error {
	o, err := a.shellOptions()
	if err != nil {
		return err
	}
	if len(args) == 1 {
		u, err := targetURI(args[0])
		if err != nil {
			return err
		}
		o.URI = u.String()
	}
	return runShellWith(cmd.Context(), o)
}

func (a *app) shellOptions() (shell.Options, error) {
	po, err := a.cfg.PyroOptions()
	if err != nil {
		return shell.Options{}, err
	}
	return shell.Options{
		IO:          a.ios,
		Pyro:        po,
		CallTimeout: a.cfg.Timeout,
		Format:      a.format(),
		HistoryPath: a.cfg.History,
		Statements:  a.cfg.Statements,
		Script:      a.cfg.Script,
		KeepGoing:   a.cfg.KeepGoing,
	}, nil
}

// runShellWith runs the shell with ready options.
func runShellWith(ctx context.Context, o shell.Options) error {
	return shell.Run(ctx, o)
}
