package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/shell/printer"
)

func (a *app) newNSRegisterCmd() *cobra.Command {
	var meta []string
	cmd := &cobra.Command{
		Use:   "register NAME URI",
		Short: "Register NAME as URI (replacing an existing entry), with metadata",
		Long: `Register NAME as URI on the name server, replacing any entry of that name, as
Pyro's NameServer.register does. Each --meta is one metadata string (it may
hold commas and spaces); repeat it for several.`,
		Example: `  pyrosh ns register example.service PYRO:Example@localhost:9091
  pyrosh ns register example.service PYRO:Example@localhost:9091 --meta class:example --meta 'room:1,2'`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			u, err := pyro.ParseURI(args[1])
			if err != nil {
				return err
			}
			if u.Protocol != "PYRO" {
				return usageErrorf("register %s: want a PYRO: uri, not %s (a name server maps names to PYRO uris)", args[0], u.Protocol)
			}
			return a.withNS(cmd.Context(), func(ctx context.Context, ns *pyro.NameServer) error {
				if err := ns.Register(ctx, args[0], u.String(), meta); err != nil {
					return err
				}
				a.done("registered %s -> %s", args[0], u)
				return nil
			})
		},
	}
	cmd.Flags().StringArrayVar(&meta, "meta", nil, "a metadata string; repeat for several")
	return cmd
}

func (a *app) newNSSetMetaCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "setmeta NAME [METADATA...]",
		Short: "Replace the metadata of NAME's entry (none given: clear it)",
		Long: `Replace the metadata of the entry NAME with the METADATA strings, each one
argument (it may hold commas and spaces); with none, clear it. As Pyro's
NameServer.set_metadata.`,
		Example: `  pyrosh ns setmeta example.service class:example 'room:1,2'
  pyrosh ns setmeta example.service`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withNS(cmd.Context(), func(ctx context.Context, ns *pyro.NameServer) error {
				if err := ns.SetMetadata(ctx, args[0], args[1:]); err != nil {
					return unknownName(ctx, ns, args[0], err)
				}
				if len(args) == 1 {
					a.done("cleared the metadata of %s", args[0])
				} else {
					a.done("set the metadata of %s: %s", args[0], strings.Join(args[1:], ", "))
				}
				return nil
			})
		},
	}
}

// nsRemoveOptions are the flags of ns remove.
type nsRemoveOptions struct {
	prefix, regex string
	yes           bool
}

func (a *app) newNSRemoveCmd() *cobra.Command {
	o := &nsRemoveOptions{}
	cmd := &cobra.Command{
		Use:   "remove NAME | --prefix PREFIX | --regex REGEX",
		Short: "Remove an entry, or the entries matching a prefix or a regular expression",
		Long: `Remove the entry NAME, or every entry whose name starts with PREFIX or matches
REGEX (Python re.match). The name server's own entry is never removed.

Removing several entries asks first when standard input and standard error
are a terminal, after listing them; in a script it refuses (exit status 2,
nothing removed) unless --yes is given.`,
		Example: `  pyrosh ns remove example.service
  pyrosh ns remove --prefix example.
  pyrosh ns remove --regex 'test\..*' --yes`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			n := len(args)
			if o.prefix != "" {
				n++
			}
			if o.regex != "" {
				n++
			}
			if n != 1 {
				return usageErrorf("give one of NAME, --prefix PREFIX or --regex REGEX (usage: %s)", cmd.UseLine())
			}
			return a.withNS(cmd.Context(), func(ctx context.Context, ns *pyro.NameServer) error {
				if len(args) == 1 {
					return a.removeOne(ctx, ns, args[0])
				}
				return a.removeMatching(ctx, ns, o)
			})
		},
	}
	cmd.Flags().StringVar(&o.prefix, "prefix", "", "remove the entries whose names start with PREFIX")
	cmd.Flags().StringVar(&o.regex, "regex", "", "remove the entries whose names match REGEX (Python re.match)")
	cmd.Flags().BoolVarP(&o.yes, "yes", "y", false, "remove several entries without asking")
	return cmd
}

func (a *app) removeOne(ctx context.Context, ns *pyro.NameServer, name string) error {
	if name == pyro.NameServerObject {
		return usageErrorf("the name server's own entry %s cannot be removed", name)
	}
	ok, err := ns.Remove(ctx, name)
	if err != nil {
		return err
	}
	if !ok {
		return unknownName(ctx, ns, name, nil)
	}
	a.done("removed %s", name)
	return nil
}

func (a *app) removeMatching(ctx context.Context, ns *pyro.NameServer, o *nsRemoveOptions) error {
	names, err := ns.Names(ctx, pyro.ListOptions{Prefix: o.prefix, Regex: o.regex})
	if err != nil {
		return badRegex(err, o.regex)
	}
	what := "prefix " + o.prefix
	if o.regex != "" {
		what = "regex " + o.regex
	}
	switch {
	case len(names) == 0:
		a.done("no entries match %s: nothing removed", what)
		return nil
	case len(names) > 1 && !o.yes:
		if !a.ios.IsStdinTTY() || !a.ios.IsStderrTTY() {
			return usageErrorf("%d entries match %s: nothing removed (add --yes to remove them all without asking)", len(names), what)
		}
		for _, n := range names {
			fmt.Fprintf(a.ios.ErrOut, "  %s\n", printer.Escape(n))
		}
		fmt.Fprintf(a.ios.ErrOut, "Remove these %d entries? [y/N] ", len(names))
		line, _ := bufio.NewReader(a.ios.In).ReadString('\n')
		if ans := strings.ToLower(strings.TrimSpace(line)); ans != "y" && ans != "yes" {
			a.done("nothing removed")
			return nil
		}
	}
	removed, err := ns.RemoveNames(ctx, names)
	if err != nil {
		return err
	}
	a.done("removed %d %s", removed, plural(removed, "entry", "entries"))
	return nil
}

// done confirms a change in one line on stderr, so stdout stays for
// results.
func (a *app) done(format string, args ...any) {
	fmt.Fprintf(a.ios.ErrOut, "%s\n", printer.Escape(fmt.Sprintf(format, args...)))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// unknownName turns the name server's NamingError for name (or a remove
// that found nothing, err nil) into one line, "NamingError: unknown name:
// x", with the closest registered names, instead of the name server's
// chained traceback.
func unknownName(ctx context.Context, ns *pyro.NameServer, name string, err error) error {
	var remote *pyro.RemoteError
	if err != nil && (!errors.As(err, &remote) || remote.Exception.Name() != "NamingError") {
		return err
	}
	if err == nil {
		err = &pyro.RemoteError{Exception: namingError(ns.Protocol(), "unknown name: "+name)}
	}
	hint := "pyrosh ns list shows the names"
	if entries, lerr := ns.List(ctx, pyro.ListOptions{}); lerr == nil {
		names := make([]string, len(entries))
		for i, e := range entries {
			names[i] = e.Name
		}
		if h := didYouMean(name, names); h != "" {
			hint = h
		}
	}
	return &hinted{err: err, hint: hint, oneLine: true}
}

// namingError is the NamingError the name server of that protocol would
// raise.
func namingError(protocol int, msg string) *py.Exception {
	class := "Pyro4.errors.NamingError"
	if protocol == pyro.Pyro5 {
		class = "Pyro5.errors.NamingError"
	}
	return &py.Exception{Class: class, Args: py.Tuple{py.Str(msg)}}
}
