package shell

import (
	"context"
	"fmt"
	"strings"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
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

// :ns register NAME URI [META...]
func (s *session) nsRegister(ctx context.Context, ns *pyro.NameServer, args []string) error {
	if len(args) < 2 {
		return usagef("usage: :ns register NAME URI [META...]")
	}
	u, err := pyro.ParseURI(args[1])
	if err != nil {
		return err
	}
	if u.Protocol != "PYRO" {
		return usagef("register %s: want a PYRO: uri, not %s", args[0], u.Protocol)
	}
	if err := ns.Register(ctx, args[0], u.String(), args[2:]); err != nil {
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
	entries, err := ns.List(ctx, lo)
	if err != nil {
		return err
	}
	var names []string
	for _, e := range entries {
		if e.Name != pyro.NameServerObject {
			names = append(names, e.Name)
		}
	}
	if len(names) > 1 && !yes {
		for _, n := range names {
			fmt.Fprintf(s.out, "  %s\n", n)
		}
		return usagef("%d entries match %s %s: nothing removed (repeat with --yes to remove them)", len(names), args[0], args[1])
	}
	removed := 0
	for _, n := range names {
		ok, err := ns.Remove(ctx, n)
		if err != nil {
			return err
		}
		if ok {
			removed++
		}
	}
	fmt.Fprintf(s.out, "removed %d of %d matching entries\n", removed, len(names))
	return nil
}

// nsUnknownName is the NamingError a name server raises for a name it
// does not have.
func nsUnknownName(name string) *py.Exception {
	return &py.Exception{Class: "Pyro4.errors.NamingError", Args: py.Tuple{py.Str("unknown name: " + name)}}
}
