package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/shell/demo"
)

func (a *app) newDemoCmd() *cobra.Command {
	var serve bool
	var host string
	var port int
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Start the built-in demo daemon and open the shell on it",
		Long: `Start a daemon written in Go, in this process, serving demo objects:
Example (hello, echo) and Showcase (every value type, exceptions, attributes,
oneway calls, generators, child proxies, keyword arguments), and a name
server where they are registered as demo.example and demo.showcase. Both
answer Pyro4 and Pyro5 clients on the same port (each connection speaks
what its first bytes say). Then open the shell with obj bound to Example
and :ns on that name server.

With --serve, only serve (until Ctrl+C), so Python Pyro4 and Pyro5 clients
and other pyrosh commands can call the demo objects. The daemon listens on
127.0.0.1:9091 like the Pyro4 seed example, the name server on
127.0.0.1:9090 (or --ns-port), each on a free port if taken.`,
		Example: `  pyrosh demo
  pyrosh demo --serve
  pyrosh demo --serve --port 9999 &
  pyrosh call PYRO:Showcase@127.0.0.1:9999 'greet("Ada", greeting="hi")'
  pyrosh ns list
  pyrosh call PYRONAME:demo.example hello`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// Ctrl+C stops a --serve demo; in the shell it only cancels the
			// call in flight, so the daemon must not listen for it.
			ctx := cmd.Context()
			if serve {
				var stop context.CancelFunc
				ctx, stop = signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
				defer stop()
			}
			if port < 0 || port > 65535 {
				return usageErrorf("invalid value %d for --port: want 0 to 65535 (0: any free port)", port)
			}
			nsPort := a.cfg.NSPort
			if nsPort == 0 {
				nsPort = pyro.DefaultNSPort
			}
			r, err := demo.StartWithNameServer(ctx, host, port, nsPort)
			if err != nil {
				return err
			}
			defer r.Close()
			uris := r.URIs()
			var b strings.Builder
			if r.Fallback {
				fmt.Fprintf(&b, "port %d is taken; the demo daemon listens on %s instead\n", port, r.Addr)
			} else {
				fmt.Fprintf(&b, "demo daemon listening on %s\n", r.Addr)
			}
			ids := make([]string, 0, len(uris))
			for id := range uris {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			for _, id := range ids {
				fmt.Fprintf(&b, "  %-9s %s\n", id, uris[id])
			}
			if r.NS.Fallback {
				fmt.Fprintf(&b, "port %d is taken; the demo name server listens on %s instead\n", nsPort, r.NS.Addr)
			} else {
				fmt.Fprintf(&b, "name server listening on %s\n", r.NS.Addr)
			}
			fmt.Fprintf(&b, "  %s, %s  (pyrosh ns list --ns-host %s --ns-port %d)\n", demo.ExampleName, demo.ShowcaseName, r.NS.Host, r.NS.Port)
			if serve {
				fmt.Fprint(a.ios.Out, b.String())
				fmt.Fprintln(a.ios.Out, "serving until Ctrl+C")
				select {
				case <-ctx.Done():
				case <-r.Done():
					return r.Err()
				}
				return nil
			}
			o, err := a.shellOptions()
			if err != nil {
				return err
			}
			o.URI = uris[demo.ExampleID]
			o.Pyro.NSHost, o.Pyro.NSPort = r.NS.Host, r.NS.Port
			b.WriteString("obj is bound to Example; try obj.echo(1, \"a\"), :ns, :connect PYRONAME:" + demo.ShowcaseName + " as show, :help\n")
			o.Banner = b.String()
			return runShellWith(cmd.Context(), o)
		},
	}
	shellFlags(cmd.Flags())
	cmd.Flags().BoolVar(&serve, "serve", false, "only serve the demo objects, until Ctrl+C")
	cmd.Flags().StringVar(&host, "host", "127.0.0.1", "address to listen on")
	cmd.Flags().IntVar(&port, "port", 9091, "port to listen on (a free port if taken; 0 for any)")
	return cmd
}
