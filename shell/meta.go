package shell

import (
	"context"
	"fmt"
	"strings"

	"github.com/pyrosh/pyrosh/completion"
)

// metaCommand is one row of the meta command table, which drives
// dispatch, :help and completion.
type metaCommand struct {
	name    string
	args    string // synopsis, "" when it takes none
	summary string
	run     func(s *session, ctx context.Context, args []string) error
}

// metaQuit is returned by :quit's handler to end the session.
type metaQuit struct{}

func (metaQuit) Error() string { return "quit" }

// metaCommands is the table, in the order :help lists it. It is filled in
// init because :help reads it.
var metaCommands []metaCommand

func init() {
	metaCommands = []metaCommand{
		{"help", "[COMMAND]", "list the meta commands, or describe one", (*session).metaHelp},
		{"connect", "URI [as NAME]", "connect to an object and bind it to NAME (default obj); a bare name means PYRONAME:name", (*session).metaConnect},
		{"objects", "", "list the bound remote objects", (*session).metaObjects},
		{"meta", "[NAME]", "show the methods, oneway methods and attributes of an object", (*session).metaMeta},
		{"ns", "[PREFIX] | register NAME URI [META...] | remove NAME | setmeta NAME [META...]", "list the name server's entries, or change one", (*session).metaNS},
		{"ping", "[NAME]", "round trip to an object's daemon, with its latency", (*session).metaPing},
		{"serializer", "[NAME]", "show or set the serializer; bound objects reconnect", (*session).metaSerializer},
		{"timeout", "[SECONDS]", "show or set the call timeout (0: none)", (*session).metaTimeout},
		{"hmac", "", "ask for the HMAC key with hidden input (empty: none); bound objects reconnect", (*session).metaHMAC},
		{"output", "[pretty|repr|json]", "show or set the output format", (*session).metaOutput},
		{"time", "[on|off]", "print each call's round trip", (*session).metaTime},
		{"history", "[N]", "show the last N history entries (default 20)", (*session).metaHistory},
		{"reconnect", "[NAME]", "drop and re-dial the connections of bound objects", (*session).metaReconnect},
		{"quit", "", "leave the shell (also Ctrl+D)", func(*session, context.Context, []string) error { return metaQuit{} }},
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

func findMeta(name string) *metaCommand {
	for i := range metaCommands {
		if metaCommands[i].name == name {
			return &metaCommands[i]
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
	ctx, done := s.begin(ctx)
	defer done()
	err := m.run(s, ctx, fields[1:])
	if _, ok := err.(metaQuit); ok {
		return 0, true
	}
	if err != nil {
		if s.wasInterrupted() {
			s.infof("interrupted")
			return StatusInterrupted, false
		}
		return s.report(err, line), false
	}
	return 0, false
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
		fmt.Fprintf(s.out, ":%s %s\n    %s\n", m.name, m.args, m.summary)
		return nil
	}
	fmt.Fprintln(s.out, "Statements: obj.method(1, \"a\", key=[1, 2.5]), obj.attr, obj.attr = 42,")
	fmt.Fprintln(s.out, "r = obj.method(), r[0], r[\"key\"]; `_` is the last value printed.")
	fmt.Fprintln(s.out, "Ctrl+C cancels a call or clears the line; Ctrl+D leaves.")
	fmt.Fprintln(s.out, "\nMeta commands:")
	width := 0
	for _, m := range metaCommands {
		width = max(width, len(m.name)+len(m.args)+2)
	}
	for _, m := range metaCommands {
		syn := ":" + m.name
		if m.args != "" {
			syn += " " + m.args
		}
		fmt.Fprintf(s.out, "  %-*s  %s\n", width, syn, m.summary)
	}
	return nil
}
