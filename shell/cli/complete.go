package cli

import (
	"context"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/pyrosh/pyrosh/pyro"
)

// Completion of the remote side, for the scripts `pyrosh completion`
// writes: cobra asks the binary (`pyrosh __complete ...`) on every Tab.
// Every network step is bounded by completeTimeout, so a dead daemon or
// name server costs the user's shell at most that, and then offers
// nothing.
const completeTimeout = 1500 * time.Millisecond

// uriArgs completes a URI argument with the name server's names: bare
// (a bare name is a PYRONAME), or after "PYRONAME:" as typed.
func (a *app) uriArgs(cmd *cobra.Command, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	prefix := ""
	if i := strings.IndexByte(toComplete, ':'); i >= 0 {
		if !strings.EqualFold(toComplete[:i], "PYRONAME") {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		prefix = toComplete[:i+1]
	}
	names := a.completeNames(cmd, strings.TrimPrefix(toComplete, prefix))
	out := make([]cobra.Completion, len(names))
	for i, n := range names {
		out[i] = prefix + n
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeNames returns the registered names starting with prefix, or
// none when the name server cannot be reached in time.
func (a *app) completeNames(cmd *cobra.Command, prefix string) []string {
	ctx, o, ok := a.completeOptions(cmd)
	if !ok {
		return nil
	}
	defer ctx.cancel()
	ns, err := pyro.LocateNS(ctx, "", 0, o)
	if err != nil {
		return nil
	}
	defer ns.Close()
	entries, err := ns.List(ctx, pyro.ListOptions{Prefix: prefix})
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		if e.Name != pyro.NameServerObject && strings.HasPrefix(e.Name, prefix) {
			names = append(names, completionSafe(e.Name))
		}
	}
	return names
}

// members completes METHOD after `call URI` and `bench URI`: the object's
// methods and attributes, each with its kind as the description.
func (a *app) members(cmd *cobra.Command, uri string) []cobra.Completion {
	ctx, o, ok := a.completeOptions(cmd)
	if !ok {
		return nil
	}
	defer ctx.cancel()
	u, err := targetURI(uri)
	if err != nil {
		return nil
	}
	p, err := pyro.DialURI(ctx, u, o)
	if err != nil {
		return nil
	}
	defer p.Close()
	m := p.Metadata()
	var out []cobra.Completion
	for _, n := range m.Methods {
		kind := "method"
		if m.IsOneway(n) {
			kind = "oneway method"
		}
		out = append(out, cobra.CompletionWithDesc(completionSafe(n), kind))
	}
	for _, n := range m.Attrs {
		if !m.HasMethod(n) {
			out = append(out, cobra.CompletionWithDesc(completionSafe(n), "attribute"))
		}
	}
	return out
}

// completeCtx is a context with its cancel, for completion's short
// deadline.
type completeCtx struct {
	context.Context
	cancel context.CancelFunc
}

// completeOptions resolves the flags given so far (cobra parsed them; the
// PersistentPreRun that does so for a command does not run for
// completion) and bounds connecting by completeTimeout.
func (a *app) completeOptions(cmd *cobra.Command) (completeCtx, pyro.Options, bool) {
	cfg, err := resolveConfig(cmd.Flags(), a.getenv)
	if err != nil {
		return completeCtx{}, pyro.Options{}, false
	}
	o, err := cfg.PyroOptions()
	if err != nil {
		return completeCtx{}, pyro.Options{}, false
	}
	o.ConnectTimeout = completeTimeout
	ctx, cancel := context.WithTimeout(context.Background(), completeTimeout)
	return completeCtx{ctx, cancel}, o, true
}

// completionSafe drops what a shell's completion protocol cannot carry:
// cobra separates candidates by newlines and descriptions by a tab.
func completionSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// setCompletions attaches the remote-aware completion functions to the
// commands and flags.
func (a *app) setCompletions(root *cobra.Command) {
	fixed := func(values ...string) func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp)
	}
	root.RegisterFlagCompletionFunc("serializer", fixed("serpent", "json", "marshal", "msgpack", "pickle"))
	root.RegisterFlagCompletionFunc("output", fixed("pretty", "repr", "json"))
	root.RegisterFlagCompletionFunc("color", fixed("auto", "always", "never"))
	root.RegisterFlagCompletionFunc("protocol", fixed("auto", "4", "5"))
	uriOnly := func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) == 0 {
			return a.uriArgs(cmd, toComplete)
		}
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	uriThenMember := func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		switch len(args) {
		case 0:
			return a.uriArgs(cmd, toComplete)
		case 1:
			return a.members(cmd, args[0]), cobra.ShellCompDirectiveNoFileComp
		}
		return nil, cobra.ShellCompDirectiveDefault // arguments: @FILE may want a path
	}
	nameOnly := func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) == 0 {
			return a.completeNames(cmd, toComplete), cobra.ShellCompDirectiveNoFileComp
		}
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	root.ValidArgsFunction = uriOnly
	for _, c := range root.Commands() {
		switch c.Name() {
		case "call", "bench":
			c.ValidArgsFunction = uriThenMember
		case "batch":
			c.ValidArgsFunction = func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
				if len(args) == 0 {
					return a.uriArgs(cmd, toComplete)
				}
				return a.members(cmd, args[0]), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
			}
		case "meta", "ping":
			c.ValidArgsFunction = uriOnly
		case "ns":
			for _, sub := range c.Commands() {
				switch sub.Name() {
				case "lookup", "remove", "setmeta", "register":
					sub.ValidArgsFunction = nameOnly
				case "list":
					sub.ValidArgsFunction = nameOnly
				}
			}
		}
	}
}
