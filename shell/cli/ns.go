package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/shell/printer"
)

func (a *app) newNSCmd() *cobra.Command {
	ns := &cobra.Command{
		Use:   "ns",
		Short: "Query and change a Pyro name server",
		Long: `Query and change the Pyro name server at --ns-host/--ns-port (env
PYRO_NS_HOST, PYRO_NS_PORT; default localhost:9090), as pyro4-nsc and pyro5-nsc
do. With PYRO_BROADCAST_ADDRS set and no host given, the name server is found
by broadcast.`,
		Example: `  pyrosh ns list
  pyrosh ns list example. --ns-host 10.0.0.5
  pyrosh ns list --regex '.*\.service$'
  pyrosh ns lookup example.service
  pyrosh ns register example.service PYRO:Example@localhost:9091 --meta class:example
  pyrosh ns setmeta example.service class:example room:1
  pyrosh ns remove example.service
  pyrosh ns remove --prefix example. --yes
  pyrosh ns ping`,
	}
	var lo pyro.ListOptions
	list := &cobra.Command{
		Use:   "list [PREFIX]",
		Short: "List registrations (name -> URI) with their metadata",
		Example: `  pyrosh ns list
  pyrosh ns list example.
  pyrosh ns list --regex 'example\..*'
  pyrosh ns list --meta-all class:example -o json | jq .`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				lo.Prefix = args[0]
			}
			n := 0
			for _, set := range []bool{lo.Prefix != "", lo.Regex != "", len(lo.MetadataAll) > 0, len(lo.MetadataAny) > 0} {
				if set {
					n++
				}
			}
			if n > 1 {
				return usageErrorf("give at most one of PREFIX, --regex, --meta-all, --meta-any")
			}
			return a.withNS(cmd.Context(), func(ctx context.Context, ns *pyro.NameServer) error {
				entries, err := ns.List(ctx, lo)
				if err != nil {
					return badRegex(err, lo.Regex)
				}
				return a.printEntries(entries)
			})
		},
	}
	list.Flags().StringVar(&lo.Regex, "regex", "", "only names matching this regular expression (Python re.match)")
	list.Flags().StringArrayVar(&lo.MetadataAll, "meta-all", nil, "only entries with this metadata string; repeat for all of several")
	list.Flags().StringArrayVar(&lo.MetadataAny, "meta-any", nil, "only entries with this metadata string; repeat for any of several")
	lookup := &cobra.Command{
		Use:     "lookup NAME",
		Short:   "Show the URI and metadata registered under NAME",
		Example: `  pyrosh ns lookup example.service`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withNS(cmd.Context(), func(ctx context.Context, ns *pyro.NameServer) error {
				e, err := ns.Lookup(ctx, args[0])
				if err != nil {
					return unknownName(ctx, ns, args[0], err)
				}
				return a.printEntries([]pyro.NSEntry{e})
			})
		},
	}
	ping := &cobra.Command{
		Use:     "ping",
		Short:   "Check that the name server answers",
		Example: `  pyrosh ns ping --ns-host 10.0.0.5`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withNS(cmd.Context(), func(ctx context.Context, ns *pyro.NameServer) error {
				if _, err := ns.Call(ctx, "ping", nil, nil); err != nil {
					return err
				}
				if a.format() == printer.JSON {
					return printer.NewJSONEncoder(a.ios.Out).Encode(map[string]any{
						"uri": ns.URI().String(), "alive": true, "protocol": pyro.ProtocolName(ns.Protocol()),
					})
				}
				fmt.Fprintf(a.ios.Out, "%s name server %s (%s)\n", newStyles(a.ios.ColorEnabled()).ok("alive"),
					printer.Escape(ns.URI().String()), pyro.ProtocolName(ns.Protocol()))
				return nil
			})
		},
	}
	ns.AddCommand(list, lookup, a.newNSRegisterCmd(), a.newNSRemoveCmd(), a.newNSSetMetaCmd(), ping)
	return ns
}

func (a *app) withNS(ctx context.Context, f func(context.Context, *pyro.NameServer) error) error {
	ctx, cancel := a.callContext(ctx)
	defer cancel()
	o, err := a.cfg.PyroOptions()
	if err != nil {
		return err
	}
	ns, err := pyro.LocateNS(ctx, "", 0, o)
	if err != nil {
		return err
	}
	defer ns.Close()
	return f(ctx, ns)
}

type nsEntryJSON struct {
	Name     string   `json:"name"`
	URI      string   `json:"uri"`
	Metadata []string `json:"metadata"`
}

func (a *app) printEntries(entries []pyro.NSEntry) error {
	if a.format() == printer.JSON {
		out := make([]nsEntryJSON, len(entries))
		for i, e := range entries {
			out[i] = nsEntryJSON{e.Name, e.URI, e.Metadata}
			if out[i].Metadata == nil {
				out[i].Metadata = []string{}
			}
		}
		return printer.NewJSONEncoder(a.ios.Out).Encode(out)
	}
	// Columns are padded to their widest cell in characters, as the
	// shell's :ns does; a URI is padded only before metadata.
	nameWidth, uriWidth := 0, 0
	for _, e := range entries {
		nameWidth = max(nameWidth, utf8.RuneCountInString(printer.Escape(e.Name)))
		if len(e.Metadata) > 0 {
			uriWidth = max(uriWidth, utf8.RuneCountInString(printer.Escape(e.URI)))
		}
	}
	st := newStyles(a.ios.ColorEnabled())
	for _, e := range entries {
		name, uri := printer.Escape(e.Name), printer.Escape(e.URI)
		line := st.heading(name) + strings.Repeat(" ", nameWidth-utf8.RuneCountInString(name)) + "  " + uri
		if len(e.Metadata) > 0 {
			line += strings.Repeat(" ", max(0, uriWidth-utf8.RuneCountInString(uri))) +
				"  " + st.dim("["+printer.Escape(strings.Join(e.Metadata, ", "))+"]")
		}
		fmt.Fprintln(a.ios.Out, line)
	}
	return nil
}

// badRegex turns the name server's NamingError for a --regex that Python's
// re does not compile ("invalid regex: ...") into one line, not the name
// server's chained traceback.
func badRegex(err error, regex string) error {
	var remote *pyro.RemoteError
	if regex == "" || !errors.As(err, &remote) || remote.Exception.Name() != "NamingError" {
		return err
	}
	return &hinted{err: err, hint: "--regex takes Python re syntax, matched from the start of the name", oneLine: true}
}
