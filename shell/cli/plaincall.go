package cli

import (
	"context"

	"github.com/spf13/pflag"
)

// plainCall recognises the commonest one-off command, `pyrosh call URI
// METHOD [ARG...]` written without a flag or "--", and returns its words
// (URI METHOD ARG...). Such a command line means the same to cobra
// whatever else the command tree holds: "call" has no subcommands, so
// every word after it is an argument (normalizeArgs), no flag is set, and
// cobra runs the root's PersistentPreRunE (configure) and then runCall.
// mainCall does just that without building the tree of every command and
// flag first, which is most of the start-up work of a one-off call
// (issue 14). Anything else, a flag or -h included, goes through cobra.
func plainCall(args []string) ([]string, bool) {
	if len(args) < 3 || args[0] != "call" {
		return nil, false // missing words are cobra's usage errors
	}
	for _, s := range args[1:] {
		if s == "--" || isFlagToken(s) {
			return nil, false
		}
	}
	return args[1:], true
}

// mainCall runs a plainCall command line as cobra would: the global
// flags at their defaults (the environment still applies), then the
// call. Errors are reported as Main reports them.
func (a *app) mainCall(words []string) int {
	fs := pflag.NewFlagSet("call", pflag.ContinueOnError)
	globalFlags(fs)
	ctx := context.Background()
	err := a.configureFrom(fs)
	if err == nil {
		err = a.call(ctx, words)
	}
	if err != nil {
		err = a.withHint(ctx, err)
		a.report(err)
	}
	return ExitCode(err)
}
