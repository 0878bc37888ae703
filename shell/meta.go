package shell

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/pyrosh/pyrosh/completion"
	"github.com/pyrosh/pyrosh/history"
)

// metaCommand is one row of the meta command table, which drives
// dispatch, :help and completion.
type metaCommand struct {
	name    string
	args    string // synopsis, "" when it takes none
	summary string
	run     func(s *session, ctx context.Context, args []string) error
	aliases []string // other names, not listed: :q and :exit for :quit
}

// metaQuit is returned by :quit's handler to end the session.
type metaQuit struct{}

func (metaQuit) Error() string { return "quit" }

// metaCommands is the table, in the order :help lists it. It is filled in
// init because :help reads it.
var metaCommands []metaCommand

func init() {
	metaCommands = []metaCommand{
		{"help", "[COMMAND]", "list the meta commands, or describe one", (*session).metaHelp, nil},
		{"connect", "URI|HOST:PORT [as NAME]", "connect to an object and bind it to NAME (default obj); a bare name means PYRONAME:name; HOST:PORT lists a daemon's objects", (*session).metaConnect, nil},
		{"disconnect", "NAME", "unbind a remote object (as del NAME)", (*session).metaDisconnect, nil},
		{"objects", "", "list the bound remote objects", (*session).metaObjects, nil},
		{"meta", "[NAME|HOST:PORT]", "show the methods, oneway methods and attributes of an object, or of every object of a daemon", (*session).metaMeta, nil},
		{"ns", "[PREFIX | HOST:PORT | register|remove|setmeta ...]", "list the name server's entries (HOST:PORT switches to that name server), or change one: register NAME URI [META...], remove NAME (or --prefix P, --regex R, with --yes), setmeta NAME [META...]", (*session).metaNS, nil},
		{"ns-host", "[HOST]", "show or set the name server's host", (*session).metaNSHost, nil},
		{"ns-port", "[PORT]", "show or set the name server's port", (*session).metaNSPort, nil},
		{"ping", "[NAME]", "round trip to an object's daemon, with its latency", (*session).metaPing, nil},
		{"batch", "", "collect the calls typed until :end and send them as one batch request", (*session).metaBatch, nil},
		{"end", "", "send the calls collected since :batch", (*session).metaEnd, nil},
		{"serializer", "[NAME]", "show or set the serializer; bound objects reconnect", (*session).metaSerializer, nil},
		{"protocol", "[auto|4|5]", "show or set the Pyro protocol (auto: learn it from each daemon); bound objects reconnect", (*session).metaProtocol, nil},
		{"timeout", "[SECONDS]", "show or set the call timeout (0: none)", (*session).metaTimeout, nil},
		{"handshake", "[LITERAL]", "show or set the handshake data the daemon's validateHandshake checks (a Python literal); bound objects reconnect", (*session).metaHandshake, nil},
		{"hmac", "", "ask for the HMAC key with hidden input (empty: none); bound objects reconnect", (*session).metaHMAC, nil},
		{"output", "[pretty|repr|json]", "show or set the output format", (*session).metaOutput, nil},
		{"time", "[on|off]", "show or set whether each statement's time is printed after it", (*session).metaTime, nil},
		{"traceback", "[short|full]", "show or set how remote tracebacks print: short keeps the innermost frames", (*session).metaTraceback, nil},
		{"edit", "", "open the last statement in $VISUAL or $EDITOR; what is saved runs", (*session).metaEdit, nil},
		{"history", "[N]", "show the last N history entries (default 20)", (*session).metaHistory, nil},
		{"reconnect", "[NAME]", "drop and re-dial the connections of bound objects", (*session).metaReconnect, nil},
		{"quit", "", "leave the shell (also :q, :exit, exit(), quit(), Ctrl+D)", func(*session, context.Context, []string) error { return metaQuit{} }, []string{"q", "exit"}},
	}
}

// completionMeta is the table as the completion package wants it.
func completionMeta() []completion.MetaCommand {
	out := make([]completion.MetaCommand, len(metaCommands))
	for i, m := range metaCommands {
		out[i] = completion.MetaCommand{Name: m.name, Args: m.args, Summary: m.summary}
	}
	return out
}

// findMeta returns the command of a name or alias, in any case (:HMAC
// is :hmac).
func findMeta(name string) *metaCommand {
	for i := range metaCommands {
		m := &metaCommands[i]
		if strings.EqualFold(m.name, name) {
			return m
		}
		for _, a := range m.aliases {
			if strings.EqualFold(a, name) {
				return m
			}
		}
	}
	return nil
}

// runMeta runs a line starting with ':' and returns its status and
// whether the session must end.
func (s *session) runMeta(ctx context.Context, line string) (status int, quit bool) {
	fields := strings.Fields(strings.TrimPrefix(line, ":"))
	if len(fields) == 0 {
		return s.report(usagef("missing meta command after ':' (try :help)"), line), false
	}
	m := findMeta(fields[0])
	if m == nil {
		return s.report(usagef("unknown meta command :%s (try :help)", fields[0]), line), false
	}
	if history.IsSecretMetaCommand(m.name) && len(fields) > 1 {
		// Never echo what was typed: it may be the secret itself.
		return s.report(usagef(":%s takes no arguments; it asks with hidden input", m.name), ""), false
	}
	// The text after the command name as typed, for an argument with
	// spaces in it (:handshake {"user": "ada"}).
	rest := strings.TrimSpace(strings.TrimPrefix(line, ":"))
	s.metaRest = strings.TrimSpace(rest[len(fields[0]):])
	ctx, done := s.begin(ctx)
	defer done()
	start := time.Now()
	err := m.run(s, ctx, fields[1:])
	elapsed := time.Since(start)
	if _, ok := err.(metaQuit); ok {
		return 0, true
	}
	if err != nil && s.wasInterrupted() {
		s.reportInterrupted()
		return StatusInterrupted, false
	}
	if err != nil {
		status = s.report(err, line)
	}
	// A meta command that went to the network (:end, :ping, :connect)
	// is timed like a statement.
	if s.timing && s.roundTrips() > 0 {
		s.infof("(%s)", formatDuration(elapsed))
	}
	return status, false
}

func (s *session) metaHelp(_ context.Context, args []string) error {
	if len(args) > 1 {
		return usagef(":help takes at most one command name")
	}
	if len(args) == 1 {
		m := findMeta(strings.TrimPrefix(args[0], ":"))
		if m == nil {
			return usagef("unknown meta command :%s", strings.TrimPrefix(args[0], ":"))
		}
		fmt.Fprintf(s.out, ":%s %s\n%s", m.name, m.args, wrapWords("    ", m.summary, s.o.IO.TerminalWidth()))
		return nil
	}
	fmt.Fprintln(s.out, "Statements: obj.method(1, \"a\", key=[1, 2.5]), obj.method(*args, **kw), obj.attr,")
	fmt.Fprintln(s.out, "obj.attr = 42, obj.attr += 1, r = obj.method(), r[0], r[\"key\"], r[1:3], len(r),")
	fmt.Fprintln(s.out, "file(\"data.bin\") (bytes), file(\"notes.txt\", \"utf-8\") (text), del r.")
	fmt.Fprintln(s.out, "`_` is the last value printed, `_exc` the last remote exception.")
	fmt.Fprintln(s.out, "Ctrl+C cancels a call or clears the line; Ctrl+D, exit() or :q leaves.")
	fmt.Fprintln(s.out, "\nMeta commands:")
	// Synopses up to synopsisColumn wide share a column; a longer one
	// takes its own line. Summaries wrap between words at the width.
	const synopsisColumn = 28
	width := 0
	for _, m := range metaCommands {
		if n := len(m.name) + len(m.args) + 2; n <= synopsisColumn {
			width = max(width, n)
		}
	}
	indent := strings.Repeat(" ", width+4)
	for _, m := range metaCommands {
		syn := ":" + m.name
		if m.args != "" {
			syn += " " + m.args
		}
		summary := strings.TrimPrefix(wrapWords(indent, m.summary, s.o.IO.TerminalWidth()), indent)
		if len(syn) > width {
			fmt.Fprintf(s.out, "  %s\n%s%s", syn, indent, summary)
			continue
		}
		fmt.Fprintf(s.out, "  %-*s  %s", width, syn, summary)
	}
	return nil
}
