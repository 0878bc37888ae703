// Package cli is pyrosh's command line: the cobra commands, flag and
// environment resolution, and the one mapping from errors to exit
// statuses.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/pyrosh/pyrosh/completion"
	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/shell/iostreams"
	"github.com/pyrosh/pyrosh/shell/printer"
)

// app is what every command needs: the streams, the environment and the
// resolved configuration.
type app struct {
	ios    *iostreams.IOStreams
	getenv func(string) string
	cfg    *Config
}

// Main runs pyrosh with args (without the program name) and returns the
// exit status.
func Main(args []string, ios *iostreams.IOStreams, getenv func(string) string) int {
	if getenv == nil {
		getenv = os.Getenv
	}
	a := &app{ios: ios, getenv: getenv}
	if words, ok := plainCall(args); ok {
		return a.mainCall(words)
	}
	ios.CatchBrokenPipe()
	root := a.newRootCmd()
	args, err := normalizeArgs(root, args)
	if err != nil {
		a.report(err)
		return ExitCode(err)
	}
	root.SetArgs(args)
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	ctx := context.Background()
	err = root.ExecuteContext(ctx)
	if err != nil {
		err = a.withHint(ctx, err)
		a.report(err)
	}
	return ExitCode(err)
}

// report prints an error: a remote exception with its traceback, anything
// else as one line; with -o json, one JSON object instead.
func (a *app) report(err error) {
	var (
		coded  interface{ ExitCode() int }
		remote *pyro.RemoteError
		h      *hinted
	)
	if errors.As(err, &coded) {
		return // already reported where it happened
	}
	if a.cfg != nil && a.cfg.Output == "json" {
		writeErrorJSON(a.ios.ErrOut, err)
		return
	}
	if errors.As(err, &h) && h.oneLine {
		reportError(a.ios.ErrOut, err)
		return
	}
	if errors.As(err, &remote) {
		a.printer(printer.Repr).Exception(a.ios.ErrOut, remote.Exception)
		return
	}
	reportError(a.ios.ErrOut, err)
}

func (a *app) newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "pyrosh [URI]",
		Short: "An interactive shell and scripting tool for Python Pyro4 and Pyro5 remote objects",
		Long: `pyrosh explores and calls Python Pyro4 and Pyro5 remote objects. With a URI it
opens a shell bound to the object as obj; its subcommands make single calls
for scripts. It speaks the Pyro4 4.x and Pyro5 5.x protocols natively (no
Python needed) and learns from each daemon which one it speaks (--protocol).

A bare NAME (no scheme) is read as PYRONAME:NAME.`,
		Example: `  pyrosh PYRO:Example@localhost:9091
  pyrosh PYRONAME:example.service
  pyrosh call PYRO:Example@localhost:9091 'echo(1, "a", k=2)'
  pyrosh demo`,
		Args:          rootArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return a.configure(cmd)
		},
		RunE: a.runShell,
	}
	globalFlags(root.PersistentFlags())
	shellFlags(root.Flags())
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{flagValueError(err)} })
	root.AddCommand(a.newCallCmd(), a.newBatchCmd(), a.newMetaCmd(), a.newPingCmd(), a.newNSCmd(), a.newDemoCmd(), a.newVersionCmd(), a.newBenchCmd())
	root.CompletionOptions.HiddenDefaultCmd = false
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Example = `  source <(pyrosh completion bash)
  pyrosh completion zsh > "${fpath[1]}/_pyrosh"
  pyrosh completion fish > ~/.config/fish/completions/pyrosh.fish
  pyrosh completion powershell | Out-String | Invoke-Expression`
		}
	}
	a.setCompletions(root)
	groupsReportTypos(root)
	wrapArgErrors(root)
	return root
}

// rootArgs takes one URI, after ruling out a mistyped command: a bare
// word is a PYRONAME, but a near-miss of a command name (`pyrosh pnig`,
// `pyrosh cal URI hello`) is far more likely a typo.
func rootArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 && !strings.Contains(args[0], ":") {
		if s := completion.Closest(args[0], commandNames(cmd), 1); len(s) > 0 {
			return usageErrorf("unknown command %q, did you mean %q? (for a name server entry write PYRONAME:%s)", args[0], s[0], args[0])
		}
	}
	if len(args) > 1 {
		return usageErrorf("unknown command %q (see pyrosh --help; the shell takes one URI)", args[0])
	}
	return nil
}

// commandNames lists cmd's subcommands a user may type.
func commandNames(cmd *cobra.Command) []string {
	var names []string
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
		}
	}
	return names
}

// groupsReportTypos makes the commands that only group others (ns,
// completion) report an unknown subcommand with the closest one, instead
// of printing their help as if nothing were wrong.
func groupsReportTypos(root *cobra.Command) {
	for _, c := range root.Commands() {
		if !c.HasSubCommands() || c.Runnable() {
			continue
		}
		c.Args = cobra.ArbitraryArgs
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmd.Help()
			}
			hint := ""
			if s := completion.Closest(args[0], commandNames(cmd), 1); len(s) > 0 {
				hint = fmt.Sprintf(", did you mean %q?", s[0])
			}
			return usageErrorf("unknown command %q for %q%s (see %s --help)", args[0], cmd.CommandPath(), hint, cmd.CommandPath())
		}
	}
}

// wrapArgErrors makes argument-count errors usage errors (exit 2) that
// show the command's usage line.
func wrapArgErrors(cmd *cobra.Command) {
	if v := cmd.Args; v != nil {
		cmd.Args = func(c *cobra.Command, args []string) error {
			if err := v(c, args); err != nil {
				var usage *usageError
				if errors.As(err, &usage) {
					return err
				}
				return usageErrorf("%s (usage: %s; see %s --help)", err, c.UseLine(), c.CommandPath())
			}
			return nil
		}
	}
	for _, c := range cmd.Commands() {
		wrapArgErrors(c)
	}
}

func (a *app) configure(cmd *cobra.Command) error {
	return a.configureFrom(cmd.Flags())
}

// configureFrom resolves the configuration from the flags in fs (after
// parsing) and the environment.
func (a *app) configureFrom(fs *pflag.FlagSet) error {
	cfg, err := resolveConfig(fs, a.getenv)
	if err != nil {
		return err
	}
	if err := a.ios.SetColorMode(cfg.Color); err != nil {
		return usageErrorf("%v (for --color)", err)
	}
	a.cfg = cfg
	if cfg.HMACKeyOnCommandLine {
		fmt.Fprintln(a.ios.ErrOut, "pyrosh: warning: --hmac-key is visible to other users in the process list; use --hmac-key-file FILE or PYROSH_HMAC_KEY")
	}
	return nil
}

// format is the output format: the flag, else pretty on a terminal.
func (a *app) format() printer.Format {
	if a.cfg != nil && a.cfg.Output != "" {
		f, _ := printer.ParseFormat(a.cfg.Output)
		return f
	}
	if a.ios.IsStdoutTTY() {
		return printer.Pretty
	}
	return printer.Repr
}

func (a *app) printer(f printer.Format) *printer.Printer {
	return a.printerTo(a.ios.Out, f)
}

// printerTo is printer writing to w instead of stdout (w is stdout
// wrapped), with stdout's width and colours.
func (a *app) printerTo(w io.Writer, f printer.Format) *printer.Printer {
	p := printer.New(w, f, a.ios.TerminalWidth(), a.ios.ColorEnabled())
	if a.ios.ColorMode() == iostreams.ColorAlways {
		p.ColourRepr() // the default format into a pipe is repr
	}
	return p
}

// callContext bounds one call by --timeout when given.
func (a *app) callContext(ctx context.Context) (context.Context, context.CancelFunc) {
	if a.cfg != nil && a.cfg.Timeout > 0 {
		return context.WithTimeout(ctx, a.cfg.Timeout)
	}
	return ctx, func() {} // no limit: ctx's own cancel (Ctrl+C) is enough
}

// targetURI reads a command-line target: a URI, or a bare name meaning
// PYRONAME:name.
func targetURI(s string) (*pyro.URI, error) {
	if !strings.Contains(s, ":") || strings.HasPrefix(s, ":") {
		if s == "" {
			return nil, &pyro.URIError{URI: s, Msg: "empty"}
		}
		s = "PYRONAME:" + s
	}
	return pyro.ParseURI(s)
}

// dial connects to a command-line target; extra options apply over the
// configuration's.
func (a *app) dial(ctx context.Context, target string, extra ...pyro.Option) (*pyro.Proxy, error) {
	u, err := targetURI(target)
	if err != nil {
		return nil, err
	}
	o, err := a.cfg.PyroOptions()
	if err != nil {
		return nil, err
	}
	for _, f := range extra {
		f(&o)
	}
	if u, err = resolveTarget(ctx, u, o); err != nil {
		return nil, err
	}
	return pyro.DialURI(ctx, u, o)
}

// resolveTarget asks the name server for a PYRONAME or PYROMETA target; a
// name it does not have is one line with the closest names, not the name
// server's chained traceback.
func resolveTarget(ctx context.Context, u *pyro.URI, o pyro.Options) (*pyro.URI, error) {
	r, err := pyro.Resolve(ctx, u, o)
	var remote *pyro.RemoteError
	if err == nil || !errors.As(err, &remote) || remote.Exception.Name() != "NamingError" {
		return r, err
	}
	if u.Protocol == "PYROMETA" {
		return nil, &hinted{err: err, hint: "pyrosh ns list shows the entries and their metadata", oneLine: true}
	}
	ns, nerr := pyro.LocateNS(ctx, u.Host, u.Port, o)
	if nerr != nil {
		return nil, &hinted{err: err, hint: "pyrosh ns list shows the names", oneLine: true}
	}
	defer ns.Close()
	return nil, unknownName(ctx, ns, u.Object, err)
}

// flagValueError says what a typed flag wants instead of pflag's parse
// error ("strconv.ParseInt: parsing ..."): `invalid value "abc" for
// -n/--number: want a whole number`. Other errors are returned as they are.
func flagValueError(err error) error {
	var inv *pflag.InvalidValueError
	if !errors.As(err, &inv) {
		return err
	}
	f := inv.GetFlag()
	name := "--" + f.Name
	if f.Shorthand != "" {
		name = "-" + f.Shorthand + "/" + name
	}
	want := map[string]string{
		"int":      "a whole number",
		"bool":     "true or false",
		"duration": "a duration (500ms, 10s, 1m30s)",
		"float64":  "a number",
	}[f.Value.Type()]
	if want == "" {
		return err
	}
	return fmt.Errorf("invalid value %q for %s: want %s", inv.GetValue(), name, want)
}
