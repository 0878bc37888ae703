package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/shell/printer"
)

func (a *app) newMetaCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "meta URI|HOST:PORT",
		Short: "Show an object's exposed methods, oneway methods and attributes",
		Long: `Show what the object at URI exposes, as its daemon reports it. Given a
daemon's address (HOST:PORT, or PYRO:Pyro.Daemon@HOST:PORT) it lists every
object registered with that daemon and what each exposes.`,
		Example: `  pyrosh meta PYRO:Example@localhost:9091
  pyrosh meta localhost:9091
  pyrosh meta -o json PYRONAME:example.service | jq .methods`,
		Args: cobra.ExactArgs(1),
		RunE: a.runMeta,
	}
}

// objectMeta is one object's metadata as printed.
type objectMeta struct {
	URI        string   `json:"uri"`
	Protocol   string   `json:"protocol"` // Pyro4 or Pyro5
	Methods    []string `json:"methods"`
	Oneway     []string `json:"oneway"`
	Attributes []string `json:"attributes"`
	// Handshake is the daemon's handshake response (its validateHandshake's
	// return value), as JSON.
	Handshake json.RawMessage `json:"handshake,omitempty"`
	handshake py.Value
}

func (a *app) runMeta(cmd *cobra.Command, args []string) error {
	ctx, cancel := a.callContext(cmd.Context())
	defer cancel()
	target := args[0]
	if pyro.IsDaemonAddress(target) {
		target = "PYRO:" + pyro.DaemonObjectID + "@" + target
	}
	p, err := a.dial(ctx, target)
	if err != nil {
		return err
	}
	defer p.Close()
	if p.URI().Object == pyro.DaemonObjectID {
		return a.listDaemon(ctx, p)
	}
	m := p.Metadata()
	return a.printMeta([]objectMeta{{URI: p.URI().String(), Protocol: pyro.ProtocolName(p.Protocol()),
		Methods: m.Methods, Oneway: m.Oneway, Attributes: m.Attrs, handshake: p.HandshakeResponse()}}, false)
}

// listDaemon lists every object a daemon has registered.
func (a *app) listDaemon(ctx context.Context, p *pyro.Proxy) error {
	registered, err := p.Registered(ctx)
	if err != nil {
		return err
	}
	objs := make([]objectMeta, 0, len(registered))
	for _, r := range registered {
		md := r.Metadata
		objs = append(objs, objectMeta{URI: r.URI.String(), Protocol: pyro.ProtocolName(p.Protocol()),
			Methods: md.Methods, Oneway: md.Oneway, Attributes: md.Attrs, handshake: p.HandshakeResponse()})
	}
	return a.printMeta(objs, true)
}

func (a *app) printMeta(objs []objectMeta, daemon bool) error {
	out := a.ios.Out
	if a.format() == printer.JSON {
		for i := range objs {
			for _, l := range []*[]string{&objs[i].Methods, &objs[i].Oneway, &objs[i].Attributes} {
				if *l == nil {
					*l = []string{}
				}
			}
			if objs[i].handshake != nil {
				objs[i].Handshake = printer.AppendJSON(nil, objs[i].handshake)
			}
		}
		enc := printer.NewJSONEncoder(out)
		if daemon {
			return enc.Encode(objs)
		}
		return enc.Encode(objs[0])
	}
	st := newStyles(a.ios.ColorEnabled())
	for i, o := range objs {
		if i > 0 {
			fmt.Fprintln(out)
		}
		fmt.Fprintln(out, st.heading(printer.Escape(o.URI)), st.dim("("+o.Protocol+")"))
		if o.handshake != nil {
			fmt.Fprintf(out, "  %s %s\n", st.label("handshake:"), printer.Escape(py.Repr(o.handshake)))
		}
		section(out, st, "methods", without(o.Methods, o.Oneway))
		section(out, st, "oneway", o.Oneway)
		section(out, st, "attributes", o.Attributes)
	}
	return nil
}

func section(w io.Writer, st styles, title string, names []string) {
	if len(names) == 0 {
		fmt.Fprintf(w, "  %s %s\n", st.label(title+":"), st.dim("(none)"))
		return
	}
	fmt.Fprintf(w, "  %s\n", st.label(title+":"))
	for _, n := range names {
		fmt.Fprintf(w, "    %s\n", printer.Escape(n))
	}
}

// without returns the names of a not in b.
func without(a, b []string) []string {
	var out []string
	for _, x := range a {
		found := false
		for _, y := range b {
			found = found || x == y
		}
		if !found {
			out = append(out, x)
		}
	}
	return out
}
