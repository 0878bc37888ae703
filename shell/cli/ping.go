package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/shell/printer"
)

func (a *app) newPingCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "ping URI",
		Short: "Check that a daemon answers, and show the round trip",
		Long: `Connect to the object at URI (handshake included), make a PING round trip
to its daemon, and say which protocol it speaks (Pyro4 or Pyro5). Exit
status 0 when it answers, 3 when it cannot be reached.`,
		Example: `  pyrosh ping PYRO:Example@localhost:9091
  pyrosh ping --timeout 2 PYRONAME:example.service`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, cancel := a.callContext(cmd.Context())
			defer cancel()
			start := time.Now()
			p, err := a.dial(ctx, args[0])
			if err != nil {
				return err
			}
			defer p.Close()
			connect := time.Since(start)
			rtt, err := p.Ping(ctx)
			if err != nil {
				return err
			}
			if a.format() == printer.JSON {
				return printer.NewJSONEncoder(a.ios.Out).Encode(map[string]any{
					"uri": p.URI().String(), "alive": true, "protocol": pyro.ProtocolName(p.Protocol()),
					"latency_ms": ms(rtt), "connect_ms": ms(connect),
				})
			}
			st := newStyles(a.ios.ColorEnabled())
			fmt.Fprintf(a.ios.Out, "%s %s (%s): ping %.3f ms (connect and handshake %.3f ms)\n",
				st.ok("alive"), p.URI(), pyro.ProtocolName(p.Protocol()), ms(rtt), ms(connect))
			return nil
		},
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
