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
	"github.com/pyrosh/pyrosh/pyro/pylit"
	"github.com/pyrosh/pyrosh/shell/lang"
	"github.com/pyrosh/pyrosh/shell/printer"
)

func (s *session) metaConnect(ctx context.Context, args []string) error {
	name := s.o.Name
	switch {
	case len(args) == 3 && strings.EqualFold(args[1], "as"):
		name = args[2]
		if !isIdentifier(name) {
			return usagef(":connect: %q is not a valid name", name)
		}
	case len(args) != 1:
		return usagef("usage: :connect URI [as NAME]")
	}
	if pyro.IsDaemonAddress(args[0]) {
		return s.connectDaemon(ctx, args[0], name, len(args) == 3)
	}
	u, err := parseTarget(args[0])
	if err != nil {
		return err
	}
	return s.connect(ctx, name, u)
}

// connect binds name to the object at u and says what it exposes.
func (s *session) connect(ctx context.Context, name string, u *pyro.URI) error {
	r, err := s.bind(ctx, name, u)
	if err != nil {
		return err
	}
	s.infof("%s = %s (%s)", name, r.resolved(), describeMeta(r.metaSnapshot()))
	return nil
}

// describeMeta counts what an object exposes: "3 methods, 1 attribute".
func describeMeta(md pyro.Metadata) string {
	return fmt.Sprintf("%d %s, %d %s", len(md.Methods), plural(len(md.Methods), "method", "methods"),
		len(md.Attrs), plural(len(md.Attrs), "attribute", "attributes"))
}

func (s *session) metaDisconnect(_ context.Context, args []string) error {
	if len(args) != 1 {
		return usagef("usage: :disconnect NAME")
	}
	v, ok := s.vars[args[0]]
	if !ok || s.remoteFor(v) == nil {
		return usagef("no object named %s (see :objects)", args[0])
	}
	s.unbind(args[0])
	s.confirmf("%s disconnected", args[0])
	return nil
}

// isIdentifier reports whether name can be a variable: the shell
// grammar reads it as one name, Python's identifiers (größe) included.
func isIdentifier(name string) bool {
	st, err := lang.Parse(name)
	if err != nil {
		return false
	}
	es, ok := st.(*lang.ExprStmt)
	if !ok {
		return false
	}
	n, ok := es.X.(*lang.Name)
	return ok && n.Name == name
}

func (s *session) metaObjects(_ context.Context, args []string) error {
	if len(args) != 0 {
		return usagef(":objects takes no arguments")
	}
	names := s.bound()
	type object struct {
		Name       string  `json:"name"`
		URI        string  `json:"uri"`
		Serializer *string `json:"serializer"` // null when not connected
		Protocol   *string `json:"protocol"`   // Pyro4 or Pyro5; null when not connected
	}
	objs := make([]object, 0, len(names))
	for _, n := range names {
		r := s.remoteFor(s.vars[n])
		o := object{Name: n, URI: r.resolved().String()}
		if r.proxy != nil {
			ser, proto := r.proxy.Serializer(), pyro.ProtocolName(r.proxy.Protocol())
			o.Serializer, o.Protocol = &ser, &proto
		}
		objs = append(objs, o)
	}
	if s.jsonOutput() {
		return s.writeJSON(objs)
	}
	if len(objs) == 0 {
		s.infof("no objects bound (use :connect URI)")
		return nil
	}
	rows := make([][]string, len(objs))
	for i, o := range objs {
		state := "(not connected)"
		if o.Serializer != nil {
			state = "(" + *o.Serializer + ", " + *o.Protocol + ")"
		}
		rows[i] = []string{o.Name, printer.Escape(o.URI), state}
	}
	writeColumns(s.out, rows)
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
	if len(args) == 1 && pyro.IsDaemonAddress(args[0]) {
		objs, err := s.daemonObjects(ctx, args[0])
		if err != nil {
			return err
		}
		if s.jsonOutput() {
			return s.writeJSON(objs)
		}
		for i, o := range objs {
			if i > 0 {
				fmt.Fprintln(s.out)
			}
			s.printMeta(o)
		}
		return nil
	}
	_, r, err := s.target(args)
	if err != nil {
		return err
	}
	if _, err := s.dial(ctx, r); err != nil {
		return err
	}
	md := r.proxy.Metadata()
	r.setMeta(md)
	o := objectMeta{URI: r.resolved().String(), Protocol: pyro.ProtocolName(r.proxy.Protocol()),
		Methods: md.Methods, Oneway: md.Oneway, Attributes: md.Attrs}
	if s.jsonOutput() {
		return s.writeJSON(o.filled())
	}
	s.printMeta(o)
	return nil
}

// wrapWords writes text wrapped between words at width, each line
// starting with indent, and a final newline.
func wrapWords(indent, text string, width int) string {
	if width <= 0 {
		width = 80
	}
	var b strings.Builder
	line := indent
	for _, w := range strings.Fields(text) {
		if line != indent && len(line)+1+len(w) > width {
			b.WriteString(line + "\n")
			line = indent
		}
		if line != indent {
			line += " "
		}
		line += w
	}
	b.WriteString(line + "\n")
	return b.String()
}

// printMeta prints an object's URI and what it exposes, each list
// wrapped between names at the terminal width.
func (s *session) printMeta(o objectMeta) {
	methods := slices.DeleteFunc(slices.Clone(o.Methods), func(m string) bool { return slices.Contains(o.Oneway, m) })
	width := s.o.IO.TerminalWidth()
	fmt.Fprintf(s.out, "%s (%s)\n", printer.Escape(o.URI), o.Protocol)
	for _, sec := range []struct {
		title string
		names []string
	}{{"methods:", methods}, {"oneway:", o.Oneway}, {"attributes:", o.Attributes}} {
		names := make([]string, len(sec.names))
		for i, n := range sec.names {
			names[i] = printer.Escape(n) // the daemon chose them
		}
		fmt.Fprint(s.out, wrapList(fmt.Sprintf("%-12s", sec.title), names, width))
	}
}

// wrapList writes "title a, b, c" wrapped between names at width, later
// lines indented under the first name; "(none)" for no names.
func wrapList(title string, names []string, width int) string {
	if len(names) == 0 {
		return title + "(none)\n"
	}
	indent := strings.Repeat(" ", len(title))
	return title + strings.TrimPrefix(wrapWords(indent, strings.Join(names, ", "), width), indent)
}

func (s *session) metaPing(ctx context.Context, args []string) error {
	_, r, err := s.target(args)
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
	if s.jsonOutput() {
		return s.writeJSON(map[string]any{"uri": p.URI().String(), "alive": true, "latency_ms": milliseconds(d),
			"protocol": pyro.ProtocolName(p.Protocol())})
	}
	// The words and unit of `pyrosh ping`.
	fmt.Fprintf(s.out, "alive %s (%s): ping %.3f ms\n", printer.Escape(p.URI().String()), pyro.ProtocolName(p.Protocol()), milliseconds(d))
	return nil
}

// milliseconds is a duration in ms with microsecond precision, the unit
// of :ping, :time and `pyrosh ping`.
func milliseconds(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

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
	name := strings.ToLower(args[0])
	if !slices.Contains(pyro.Serializers(), name) {
		return usagef("unknown serializer %q: want %s", args[0], strings.Join(pyro.Serializers(), ", "))
	}
	s.opts.Serializer = name
	err := s.redialAll(ctx)
	s.confirmf("serializer %s", name)
	return err
}

// metaProtocol shows the protocol choice, or sets it and redials the
// bound objects, confirming in one line.
func (s *session) metaProtocol(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(s.out, pyro.ProtocolName(s.opts.Protocol))
		return nil
	}
	v, err := pyro.ParseProtocol(args[0])
	if len(args) != 1 || err != nil {
		return usagef("usage: :protocol auto|4|5")
	}
	s.opts.Protocol, s.opts.ProtocolSetting = v, ":protocol"
	err = s.redialAll(ctx)
	s.confirmf("protocol %s", pyro.ProtocolName(v))
	return err
}

func (s *session) metaTimeout(_ context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(s.out, describeTimeout(s.callTimeout))
		return nil
	}
	secs, err := strconv.ParseFloat(args[0], 64)
	if len(args) != 1 || err != nil || secs < 0 || secs > 1e9 || secs != secs {
		return usagef("usage: :timeout SECONDS (0: no timeout)")
	}
	s.callTimeout = time.Duration(secs * float64(time.Second))
	s.confirmf("call timeout: %s", describeTimeout(s.callTimeout))
	return nil
}

func describeTimeout(d time.Duration) string {
	if d == 0 {
		return "no call timeout"
	}
	return fmt.Sprintf("%gs", d.Seconds())
}

func (s *session) metaHandshake(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(s.out, py.Repr(s.handshake()))
		return nil
	}
	v, err := pylit.ParseLiteral(s.metaRest)
	if err != nil {
		return usagef("usage: :handshake LITERAL (a Python literal such as {\"token\": \"x\"}): %v", err)
	}
	s.opts.Handshake = v
	err = s.redialAll(ctx)
	s.confirmf("handshake %s", py.Repr(v))
	return err
}

// handshake is the data sent in CONNECT: "hello" unless set, as Pyro4.
func (s *session) handshake() py.Value {
	if s.opts.Handshake == nil {
		return py.Str("hello")
	}
	return s.opts.Handshake
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
	f, err := printer.ParseFormat(strings.ToLower(args[0]))
	if err != nil {
		return usagef("%v", err)
	}
	s.pr.SetFormat(f)
	s.confirmf("output %s", f)
	return nil
}

func (s *session) metaTime(_ context.Context, args []string) error {
	switch {
	case len(args) == 0:
		fmt.Fprintln(s.out, onOff(s.timing))
		return nil
	case len(args) == 1 && strings.EqualFold(args[0], "on"):
		s.timing = true
	case len(args) == 1 && strings.EqualFold(args[0], "off"):
		s.timing = false
	default:
		return usagef("usage: :time on|off")
	}
	s.confirmf("timing %s", onOff(s.timing))
	return nil
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
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
