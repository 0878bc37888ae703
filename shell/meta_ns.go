package shell

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/shell/printer"
)

// nsWrites are the :ns subcommands that change the name server, as
// `pyrosh ns register|remove|setmeta` and pyro4-nsc do.
var nsWrites = map[string]func(s *session, ctx context.Context, ns *pyro.NameServer, args []string) error{
	"register": (*session).nsRegister,
	"remove":   (*session).nsRemove,
	"setmeta":  (*session).nsSetMeta,
}

// metaNSWrite runs :ns register|remove|setmeta on the session's name
// server and confirms the change in one line.
func (s *session) metaNSWrite(ctx context.Context, sub string, args []string) error {
	ns, err := s.ns.proxy(ctx)
	if err != nil {
		return err
	}
	cctx, cancel := s.callCtx(ctx)
	defer cancel()
	if err := nsWrites[sub](s, cctx, ns, args); err != nil {
		return err
	}
	s.ns.changed()
	return nil
}

// :ns register NAME URI [META...]; each META may also be written as
// `--meta META`, as `pyrosh ns register` takes it.
func (s *session) nsRegister(ctx context.Context, ns *pyro.NameServer, args []string) error {
	const usage = "usage: :ns register NAME URI [META...] (or --meta META...)"
	var meta []string
	for i := 2; i < len(args); i++ {
		switch w := args[i]; {
		case w == "--meta" && i+1 < len(args):
			i++
			meta = append(meta, args[i])
		case strings.HasPrefix(w, "--meta="):
			meta = append(meta, strings.TrimPrefix(w, "--meta="))
		case strings.HasPrefix(w, "--"):
			return usagef("%s", usage)
		default:
			meta = append(meta, w)
		}
	}
	if len(args) < 2 || strings.HasPrefix(args[0], "--") || strings.HasPrefix(args[1], "--") {
		return usagef("%s", usage)
	}
	u, err := pyro.ParseURI(args[1])
	if err != nil {
		return err
	}
	if u.Protocol != "PYRO" {
		return usagef("register %s: want a PYRO: uri, not %s", args[0], u.Protocol)
	}
	if err := ns.Register(ctx, args[0], u.String(), meta); err != nil {
		return err
	}
	fmt.Fprintf(s.out, "registered %s -> %s\n", args[0], u)
	return nil
}

// :ns setmeta NAME [META...]
func (s *session) nsSetMeta(ctx context.Context, ns *pyro.NameServer, args []string) error {
	if len(args) < 1 {
		return usagef("usage: :ns setmeta NAME [META...]")
	}
	if err := ns.SetMetadata(ctx, args[0], args[1:]); err != nil {
		return err
	}
	if len(args) == 1 {
		fmt.Fprintf(s.out, "cleared the metadata of %s\n", args[0])
	} else {
		fmt.Fprintf(s.out, "set the metadata of %s: %s\n", args[0], strings.Join(args[1:], ", "))
	}
	return nil
}

// :ns remove NAME | --prefix P [--yes] | --regex R [--yes]. Several
// entries are removed only with --yes: the shell lists them otherwise.
func (s *session) nsRemove(ctx context.Context, ns *pyro.NameServer, args []string) error {
	const usage = "usage: :ns remove NAME | --prefix PREFIX [--yes] | --regex REGEX [--yes]"
	yes := len(args) > 0 && args[len(args)-1] == "--yes"
	if yes {
		args = args[:len(args)-1]
	}
	switch {
	case len(args) == 1 && !strings.HasPrefix(args[0], "--"):
		ok, err := ns.Remove(ctx, args[0])
		if err != nil {
			return err
		}
		if !ok {
			return &pyro.RemoteError{Exception: nsUnknownName(args[0])}
		}
		fmt.Fprintf(s.out, "removed %s\n", args[0])
		return nil
	case len(args) != 2 || args[0] != "--prefix" && args[0] != "--regex":
		return usagef(usage)
	}
	lo := pyro.ListOptions{Prefix: args[1]}
	if args[0] == "--regex" {
		lo = pyro.ListOptions{Regex: args[1]}
	}
	names, err := ns.Names(ctx, lo)
	if err != nil {
		return err
	}
	if len(names) > 1 && !yes {
		for _, n := range names {
			fmt.Fprintf(s.out, "  %s\n", printer.Escape(n))
		}
		return usagef("%d entries match %s %s: nothing removed (repeat with --yes to remove them)", len(names), args[0], args[1])
	}
	removed, err := ns.RemoveNames(ctx, names)
	if err != nil {
		return err
	}
	fmt.Fprintf(s.out, "removed %d of %d matching entries\n", removed, len(names))
	return nil
}

// nsUnknownName is the NamingError a name server raises for a name it
// does not have.
func nsUnknownName(name string) *py.Exception {
	return &py.Exception{Class: "Pyro4.errors.NamingError", Args: py.Tuple{py.Str("unknown name: " + name)}}
}

// nameServerOf makes the name server of a PYRONAME or PYROMETA URI with a
// location the session's, so :ns lists the one the shell was opened with.
func (s *session) nameServerOf(target string) {
	if target == "" {
		return
	}
	u, err := parseTarget(target)
	if err != nil || u.Protocol == "PYRO" || u.Host == "" {
		return
	}
	s.opts.NSHost, s.opts.NSPort = u.Host, u.Port
}

// nsLocation names the name server :ns talks to: host:port, or
// "broadcast" when it is found by broadcast.
func (s *session) nsLocation() string {
	port := s.opts.NSPort
	if port == 0 {
		port = pyro.DefaultNSPort
	}
	host := s.opts.NSHost
	if host == "" {
		if len(s.opts.BroadcastAddrs) > 0 {
			return "found by broadcast"
		}
		host = "localhost"
	}
	return net.JoinHostPort(host, strconv.Itoa(port))
}

func (s *session) metaNS(ctx context.Context, args []string) error {
	if len(args) > 0 && nsWrites[strings.ToLower(args[0])] != nil {
		return s.metaNSWrite(ctx, strings.ToLower(args[0]), args[1:])
	}
	if len(args) > 1 {
		return usagef("usage: :ns [PREFIX | HOST:PORT]")
	}
	lo := pyro.ListOptions{}
	switched := false
	oldHost, oldPort := s.opts.NSHost, s.opts.NSPort
	if len(args) == 1 {
		if host, port, ok := nsAddress(args[0]); ok {
			s.setNameServer(host, port)
			switched = true
		} else {
			lo.Prefix = args[0]
		}
	}
	entries, err := s.ns.list(ctx, lo)
	if err != nil && switched {
		// A failed switch keeps the name server the session had, as a
		// failed :connect keeps the names.
		// The error names the HOST:PORT tried (reach name server at ...).
		s.setNameServer(oldHost, oldPort)
		if s.wasInterrupted() {
			return err
		}
		return fmt.Errorf("%w (still using %s)", err, s.nsLocation())
	}
	if err != nil {
		return err
	}
	if s.jsonOutput() {
		type entry struct {
			Name     string   `json:"name"`
			URI      string   `json:"uri"`
			Metadata []string `json:"metadata"`
		}
		out := make([]entry, len(entries))
		for i, e := range entries {
			out[i] = entry{e.Name, e.URI, e.Metadata}
			if out[i].Metadata == nil {
				out[i].Metadata = []string{}
			}
		}
		return s.writeJSON(out)
	}
	what := fmt.Sprintf("%d %s", len(entries), plural(len(entries), "entry", "entries"))
	if lo.Prefix != "" {
		what += " starting with " + lo.Prefix
	}
	s.confirmf("name server %s: %s", s.nsLocation(), what)
	rows := make([][]string, len(entries))
	for i, e := range entries {
		rows[i] = []string{printer.Escape(e.Name), printer.Escape(e.URI)}
		if len(e.Metadata) > 0 {
			rows[i] = append(rows[i], "["+printer.Escape(strings.Join(e.Metadata, ", "))+"]")
		}
	}
	writeColumns(s.out, rows)
	return nil
}

// nsAddress reads HOST:PORT; a name server entry's name has no ':'
// followed by a port number.
func nsAddress(arg string) (string, int, bool) {
	host, p, err := net.SplitHostPort(arg)
	if err != nil || host == "" {
		return "", 0, false
	}
	port, err := strconv.Atoi(p)
	if err != nil || port <= 0 || port > 65535 {
		return "", 0, false
	}
	return host, port, true
}

// setNameServer switches :ns and PYRONAME lookups to another name server.
func (s *session) setNameServer(host string, port int) {
	s.opts.NSHost, s.opts.NSPort = host, port
	s.ns.reset()
}

func (s *session) metaNSHost(_ context.Context, args []string) error {
	switch len(args) {
	case 0:
		fmt.Fprintln(s.out, s.nsLocation())
		return nil
	case 1:
		s.setNameServer(args[0], s.opts.NSPort)
		s.confirmf("name server %s", s.nsLocation())
		return nil
	}
	return usagef("usage: :ns-host HOST")
}

func (s *session) metaNSPort(_ context.Context, args []string) error {
	switch len(args) {
	case 0:
		fmt.Fprintln(s.out, s.nsLocation())
		return nil
	case 1:
		port, err := strconv.Atoi(args[0])
		if err != nil || port <= 0 || port > 65535 {
			return usagef("usage: :ns-port PORT (1-65535)")
		}
		s.setNameServer(s.opts.NSHost, port)
		s.confirmf("name server %s", s.nsLocation())
		return nil
	}
	return usagef("usage: :ns-port PORT")
}
