package shell

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/shell/printer"
)

func (s *session) metaConnect(ctx context.Context, args []string) error {
	name := s.o.Name
	switch {
	case len(args) == 3 && args[1] == "as":
		name = args[2]
		if !isIdentifier(name) {
			return usagef(":connect: %q is not a valid name", name)
		}
	case len(args) != 1:
		return usagef("usage: :connect URI [as NAME]")
	}
	u, err := parseTarget(args[0])
	if err != nil {
		return err
	}
	r, err := s.bind(ctx, name, u)
	if err != nil {
		return err
	}
	md := r.meta
	s.infof("%s = %s (%d methods, %d attributes)", name, r.resolved(), len(md.Methods), len(md.Attrs))
	return nil
}

func isIdentifier(name string) bool {
	for i, r := range name {
		if r != '_' && !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || i > 0 && '0' <= r && r <= '9') {
			return false
		}
	}
	return name != ""
}

func (s *session) metaObjects(_ context.Context, args []string) error {
	if len(args) != 0 {
		return usagef(":objects takes no arguments")
	}
	names := s.bound()
	if len(names) == 0 {
		s.infof("no objects bound (use :connect URI)")
		return nil
	}
	for _, n := range names {
		r := s.remoteFor(s.vars[n])
		state := "not connected"
		if r.proxy != nil {
			state = r.proxy.Serializer()
		}
		fmt.Fprintf(s.out, "%s\t%s\t(%s)\n", n, r.resolved(), state)
	}
	return nil
}

// target returns the remote object a meta command names, by default the
// one bound at start (or the only one bound).
func (s *session) target(args []string) (string, *remote, error) {
	if len(args) > 1 {
		return "", nil, usagef("expected at most one object name")
	}
	name := s.o.Name
	if len(args) == 1 {
		name = args[0]
	} else if _, ok := s.vars[name]; !ok {
		if b := s.bound(); len(b) == 1 {
			name = b[0]
		}
	}
	v, ok := s.vars[name]
	if !ok {
		return "", nil, usagef("no object named %s (see :objects)", name)
	}
	r := s.remoteFor(v)
	if r == nil {
		return "", nil, usagef("%s is a %s, not a remote object", name, py.TypeName(v))
	}
	return name, r, nil
}

func (s *session) metaMeta(ctx context.Context, args []string) error {
	_, r, err := s.target(args)
	if err != nil {
		return err
	}
	if _, err := s.dial(ctx, r); err != nil {
		return err
	}
	md := r.proxy.Metadata()
	r.meta = md
	var methods []string
	for _, m := range md.Methods {
		if !md.IsOneway(m) {
			methods = append(methods, m)
		}
	}
	fmt.Fprintln(s.out, r.resolved())
	fmt.Fprintf(s.out, "methods:    %s\n", listOrNone(methods))
	fmt.Fprintf(s.out, "oneway:     %s\n", listOrNone(md.Oneway))
	fmt.Fprintf(s.out, "attributes: %s\n", listOrNone(md.Attrs))
	return nil
}

func listOrNone(names []string) string {
	if len(names) == 0 {
		return "(none)"
	}
	return strings.Join(names, ", ")
}

func (s *session) metaNS(ctx context.Context, args []string) error {
	if len(args) > 0 && nsWrites[args[0]] != nil {
		return s.metaNSWrite(ctx, args[0], args[1:])
	}
	if len(args) > 1 {
		return usagef("usage: :ns [PREFIX]")
	}
	lo := pyro.ListOptions{}
	if len(args) == 1 {
		lo.Prefix = args[0]
	}
	entries, err := s.ns.list(ctx, lo)
	if err != nil {
		return err
	}
	for _, e := range entries {
		fmt.Fprintf(s.out, "%s -> %s", e.Name, e.URI)
		if len(e.Metadata) > 0 {
			fmt.Fprintf(s.out, "  %s", strings.Join(e.Metadata, ","))
		}
		fmt.Fprintln(s.out)
	}
	return nil
}

func (s *session) metaPing(ctx context.Context, args []string) error {
	name, r, err := s.target(args)
	if err != nil {
		return err
	}
	p, err := s.dial(ctx, r)
	if err != nil {
		return err
	}
	cctx, cancel := s.callCtx(ctx)
	defer cancel()
	d, err := p.Ping(cctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(s.out, "pong from %s (%s) in %s\n", name, p.URI().Location(), formatDuration(d))
	return nil
}

func (s *session) metaSerializer(ctx context.Context, args []string) error {
	if len(args) == 0 {
		name := s.opts.Serializer
		if name == "" {
			name = "serpent"
		}
		fmt.Fprintln(s.out, name)
		return nil
	}
	if len(args) != 1 {
		return usagef("usage: :serializer NAME")
	}
	if !slices.Contains(pyro.Serializers(), args[0]) {
		return usagef("unknown serializer %q: want %s", args[0], strings.Join(pyro.Serializers(), ", "))
	}
	s.opts.Serializer = args[0]
	return s.redialAll(ctx)
}

func (s *session) metaTimeout(_ context.Context, args []string) error {
	if len(args) == 0 {
		if s.callTimeout == 0 {
			fmt.Fprintln(s.out, "no call timeout")
		} else {
			fmt.Fprintf(s.out, "%gs\n", s.callTimeout.Seconds())
		}
		return nil
	}
	secs, err := strconv.ParseFloat(args[0], 64)
	if len(args) != 1 || err != nil || secs < 0 || secs > 1e9 || secs != secs {
		return usagef("usage: :timeout SECONDS (0: no timeout)")
	}
	s.callTimeout = time.Duration(secs * float64(time.Second))
	return nil
}

func (s *session) metaHMAC(ctx context.Context, args []string) error {
	if len(args) != 0 {
		// Never echo what was typed: it may be the key itself.
		return usagef(":hmac takes no arguments; it asks for the key with hidden input")
	}
	if s.readSecret == nil {
		return usagef(":hmac needs a terminal; use --hmac-key-file or PYROSH_HMAC_KEY")
	}
	key, err := s.readSecret("HMAC key (empty for none): ")
	if err != nil {
		return usagef("reading the hmac key: %v", err)
	}
	if len(key) == 0 {
		s.opts.HMACKey = nil
		s.infof("hmac key cleared")
	} else {
		s.opts.HMACKey = key
		s.infof("hmac key set")
	}
	return s.redialAll(ctx)
}

func (s *session) metaOutput(_ context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(s.out, s.pr.Format())
		return nil
	}
	if len(args) != 1 {
		return usagef("usage: :output pretty|repr|json")
	}
	f, err := printer.ParseFormat(args[0])
	if err != nil {
		return usagef("%v", err)
	}
	s.pr.SetFormat(f)
	return nil
}

func (s *session) metaTime(_ context.Context, args []string) error {
	switch {
	case len(args) == 0:
		s.timing = !s.timing
	case len(args) == 1 && args[0] == "on":
		s.timing = true
	case len(args) == 1 && args[0] == "off":
		s.timing = false
	default:
		return usagef("usage: :time on|off")
	}
	state := "off"
	if s.timing {
		state = "on"
	}
	s.infof("timing %s", state)
	return nil
}

func (s *session) metaHistory(_ context.Context, args []string) error {
	n := 20
	if len(args) > 1 {
		return usagef("usage: :history [N]")
	}
	if len(args) == 1 {
		var err error
		if n, err = strconv.Atoi(args[0]); err != nil || n < 0 {
			return usagef("usage: :history [N]")
		}
	}
	if s.hist == nil {
		return nil
	}
	entries := s.hist.Entries()
	first := max(0, len(entries)-n)
	for i := first; i < len(entries); i++ {
		fmt.Fprintf(s.out, "%5d  %s\n", i+1, strings.ReplaceAll(entries[i], "\n", "\n       "))
	}
	return nil
}

func (s *session) metaReconnect(ctx context.Context, args []string) error {
	if len(args) == 1 {
		_, r, err := s.target(args)
		if err != nil {
			return err
		}
		r.close()
		_, err = s.dial(ctx, r)
		return err
	}
	if len(args) > 1 {
		return usagef("usage: :reconnect [NAME]")
	}
	return s.redialAll(ctx)
}

// redialAll closes every proxy, so each dials again with the current
// options, and re-dials the bound objects now. It reports each failure
// and returns the first.
func (s *session) redialAll(ctx context.Context) error {
	for _, r := range s.remotes {
		r.close()
	}
	s.ns.drop()
	var first error
	for _, name := range s.bound() {
		r := s.remoteFor(s.vars[name])
		if r.proxy != nil {
			continue // bound twice
		}
		if _, err := s.dial(ctx, r); err != nil {
			if first != nil {
				s.report(err, "")
			} else {
				first = err
			}
		}
	}
	return first
}
