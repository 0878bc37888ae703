package cli

import (
	"os"
	"os/signal"

	"github.com/spf13/cobra"

	"github.com/pyrosh/pyrosh/pyro"
)

func (a *app) newBatchCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "batch URI EXPR [EXPR...]",
		Short: "Make several calls in one Pyro batch request, one result per line",
		Long: `Call the object at URI once per EXPR, all in one Pyro batch request (as
Pyro4.batch and Pyro5's BatchProxy do): one round trip whatever the number of
calls. Each EXPR is a call written as in the shell, 'echo(1, "a", k=2)', or a
bare method name. The results print one per line, in order. The daemon runs
the calls in order and stops at the first that raises: the results before it
print, then the exception, and the exit status is 1.

Attributes cannot be read in a batch (Pyro runs only method calls there).`,
		Example: `  pyrosh batch PYRO:Example@localhost:9091 hello 'echo(1)' 'echo("a", [2])'
  pyrosh batch -o json PYRONAME:example.service 'add(1, 2)' 'add(3, 4)' | jq .`,
		Args: uriAnd("EXPR"),
		RunE: a.runBatch,
	}
}

func (a *app) runBatch(cmd *cobra.Command, args []string) error {
	calls := make([]pyro.BatchCall, 0, len(args)-1)
	for _, expr := range args[1:] {
		spec, err := parseCallArgs([]string{expr}, nil)
		if err != nil {
			return err
		}
		calls = append(calls, pyro.BatchCall{Method: spec.method, Args: spec.args, Kwargs: spec.kwargs})
	}
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
	defer stop()
	p, err := a.dial(ctx, args[0])
	if err != nil {
		return err
	}
	defer p.Close()
	meta := p.Metadata()
	for _, c := range calls {
		if isAttrOnly(meta, c.Method) {
			return usageErrorf("%s is an attribute: Pyro runs only method calls in a batch (read it with `pyrosh call %s %s`)", c.Method, args[0], c.Method)
		}
	}
	ctx, cancel := a.callContext(ctx)
	defer cancel()
	results, err := p.Batch(ctx, calls)
	out := a.printer(a.format())
	for _, v := range results {
		if perr := out.Value(v); perr != nil {
			return perr
		}
	}
	if err != nil && len(results) < len(calls) {
		// Pyro looks every method up before running the batch's calls, so
		// an unknown one fails the whole batch: name the first unknown.
		failed := calls[len(results)].Method
		for _, c := range calls[len(results):] {
			if !meta.HasMethod(c.Method) {
				failed = c.Method
				break
			}
		}
		return unknownMember(err, failed, meta, args[0])
	}
	return err
}
