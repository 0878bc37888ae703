package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pylit"
	"github.com/pyrosh/pyrosh/shell/lang"
	"github.com/pyrosh/pyrosh/shell/printer"
)

func (a *app) newCallCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "call URI METHOD [ARG...]",
		Short: "Call a method (or read an attribute) once and print the result",
		Long: `Call METHOD on the object at URI and print its result. Each ARG is a Python
literal, or name=literal for a keyword argument. The call can also be written
as in the shell, in one quoted argument. A METHOD that the object's metadata
lists as an attribute is read instead. A oneway method returns at once; a
remote generator prints its items as they arrive.

Flags may go anywhere after the command. An argument starting with - and a
digit or . is a negative number, not a flag; -- ends the flags. @FILE is the
file's bytes (@- standard input), also as name=@FILE.`,
		Example: `  pyrosh call PYRO:Example@localhost:9091 hello
  pyrosh call PYRO:Example@localhost:9091 echo 1 '"a"' '[2.5, None]'
  pyrosh call PYRO:Example@localhost:9091 'echo(1, "a", k=2)'
  pyrosh call -o json PYRONAME:example.service echo '{"x": (1, 2)}' | jq .
  pyrosh call PYRO:Example@localhost:9091 echo -1 -o json
  pyrosh call PYRO:Example@localhost:9091 echo @data.bin`,
		Args: uriAnd("METHOD"),
		RunE: a.runCall,
	}
}

// isIdentifier reports whether s is one Python identifier (non-ASCII
// letters included, as Python and the expression form accept them).
func isIdentifier(s string) bool {
	tok, err := pylit.NewScanner(s).Next()
	return err == nil && tok.Kind == pylit.Ident && tok.Off == 0 && tok.End == len(s)
}

// callSpec is a parsed command-line call.
type callSpec struct {
	method string
	args   []py.Value
	kwargs *py.Dict
	bare   bool // no arguments and no parentheses: may be an attribute
}

// parseCallArgs reads METHOD ARG... or one expression; files reads @FILE
// arguments.
func parseCallArgs(words []string, files *fileArgs) (*callSpec, error) {
	// Blanks around the method name go, as they do around 'echo(1)' (the
	// parser skips them): 'hello ' is hello.
	first := strings.Trim(words[0], pythonBlanks)
	if len(words) == 1 && strings.Contains(first, "(") {
		call, _, err := lang.ParseCall(first)
		if err != nil {
			if hint := dropObject(first); hint != nil {
				return nil, hint
			}
			return nil, syntaxErr(first, err)
		}
		spec := &callSpec{method: call.Fn.(*lang.Name).Name}
		for _, e := range call.Args {
			v, err := literalOf(first, e)
			if err != nil {
				return nil, err
			}
			spec.args = append(spec.args, v)
		}
		if len(call.Kwargs) > 0 {
			spec.kwargs = py.NewDict(len(call.Kwargs))
			for _, k := range call.Kwargs {
				v, err := literalOf(first, k.Value)
				if err != nil {
					return nil, err
				}
				if _, dup := spec.kwargs.GetStr(k.Name); dup {
					return nil, repeatedKeyword(k.Name)
				}
				spec.kwargs.SetStr(k.Name, v)
			}
		}
		return spec, nil
	}
	if !isIdentifier(first) && strings.Contains(first, "(") {
		return nil, usageErrorf("%q is a whole call, and %q follows it: put every argument inside its parentheses, or write METHOD ARG... without them", first, words[1])
	}
	if !isIdentifier(first) {
		if hint := dropObject(first); hint != nil {
			return nil, hint
		}
		return nil, usageErrorf("invalid method name %q: want a Python identifier, or a call like 'echo(1, \"a\")'", first)
	}
	spec := &callSpec{method: first, bare: len(words) == 1}
	for i, w := range words[1:] {
		src := w
		if name, lit, ok := strings.Cut(w, "="); ok && isIdentifier(name) && !strings.HasPrefix(lit, "=") {
			v, err := argValue(i+1, w, lit, files)
			if err != nil {
				return nil, err
			}
			if spec.kwargs == nil {
				spec.kwargs = py.NewDict(4)
			}
			if _, dup := spec.kwargs.GetStr(name); dup {
				return nil, repeatedKeyword(name)
			}
			spec.kwargs.SetStr(name, v)
			continue
		}
		if spec.kwargs != nil {
			return nil, usageErrorf("argument %d %q: positional argument follows keyword argument", i+1, w)
		}
		v, err := argValue(i+1, w, src, files)
		if err != nil {
			return nil, err
		}
		spec.args = append(spec.args, v)
	}
	return spec, nil
}

// pythonBlanks are the blanks Python's tokenizer skips between tokens.
const pythonBlanks = " \t\f\r\n"

// dropObject is the usage error of a method written with the object it
// belongs to, obj.echo(1) or obj.echo, which the shell takes but the
// command line does not (its URI is the object); nil when src is not one.
func dropObject(src string) error {
	obj, rest, ok := strings.Cut(src, ".")
	if !ok || !isIdentifier(obj) {
		return nil
	}
	if strings.Contains(rest, "(") {
		if _, _, err := lang.ParseCall(rest); err != nil {
			return nil
		}
	} else if !isIdentifier(rest) {
		return nil
	}
	return usageErrorf("%q names the object the URI already is: drop %q and write %q", src, obj+".", rest)
}

// repeatedKeyword is Python's SyntaxError for f(x=1, x=2).
func repeatedKeyword(name string) error {
	return usageErrorf("keyword argument repeated: %s", name)
}

// argValue reads one argument of the word form: @FILE is the file's
// bytes, anything else a Python literal.
func argValue(n int, word, src string, files *fileArgs) (py.Value, error) {
	if path, ok := strings.CutPrefix(src, "@"); ok && path != "" {
		return files.read(word, path)
	}
	v, err := pylit.ParseLiteral(src)
	if err != nil {
		return nil, argErr(n, word, err)
	}
	return v, nil
}

// literalOf evaluates an argument of the expression form, which takes
// literals only: there are no variables on the command line.
func literalOf(src string, e lang.Expr) (py.Value, error) {
	if l, ok := e.(*lang.Lit); ok {
		return l.Value, nil
	}
	off, _ := e.Span()
	return nil, syntaxErr(src, pylit.NewParser(src, pylit.Limits{}).Errorf(off, "expected a literal (variables exist only in the shell)"))
}

func syntaxErr(src string, err error) error {
	var se *pylit.SyntaxError
	if errors.As(err, &se) {
		return usageErrorf("syntax error in %q at column %d: %s", src, se.Col, se.Msg)
	}
	return err
}

func argErr(n int, word string, err error) error {
	var se *pylit.SyntaxError
	if errors.As(err, &se) {
		hint := ""
		switch {
		case isIdentifier(word):
			hint = fmt.Sprintf(" (a string needs quotes: '\"%s\"')", word)
		}
		return usageErrorf("argument %d %q is not a Python literal: column %d: %s%s", n, word, se.Col, se.Msg, hint)
	}
	return err
}

func (a *app) runCall(cmd *cobra.Command, args []string) error {
	return a.call(cmd.Context(), args)
}

// call runs `pyrosh call`: args are URI METHOD [ARG...].
func (a *app) call(ctx context.Context, args []string) error {
	spec, err := parseCallArgs(args[1:], a.fileArgs())
	if err != nil {
		return err
	}
	ctx, intr := notifyLate(ctx)
	defer intr.stop()
	p, err := a.dial(ctx, args[0])
	if err != nil {
		return err
	}
	defer p.Close()
	sigCtx := ctx
	ctx, cancel := a.callContext(ctx)
	defer cancel()
	meta := p.Metadata()
	if isAttrOnly(meta, spec.method) && !spec.bare {
		return usageErrorf("%s is an attribute, not a method: read it with `pyrosh call %s %s` (no arguments), set it in the shell: obj.%s = VALUE",
			spec.method, args[0], spec.method, spec.method)
	}
	f := a.format()
	var (
		v     py.Value
		items *pyro.Items
	)
	switch {
	case spec.bare && isAttrOnly(meta, spec.method):
		v, err = p.Get(ctx, spec.method)
	default:
		// A large list, tuple or dict result is printed element by element and
		// never held whole (issues 7 and 14), in every format.
		v, items, err = p.CallItems(ctx, spec.method, spec.args, spec.kwargs)
	}
	if err != nil {
		return unknownMember(err, spec.method, meta, args[0])
	}
	// Ctrl+C stops a large result's printing at the next write, with
	// "interrupted" and status 130, rather than being caught and ignored
	// while all of it is written into a slow reader. (Within the call's
	// first 10 ms it is not caught at all: notifyLate.)
	out := a.printerTo(interruptibleWriter{sigCtx, a.ios.Out}, f)
	if items != nil {
		return printItems(out, items)
	}
	if v == nil && meta.IsOneway(spec.method) {
		if a.ios.IsStderrTTY() {
			fmt.Fprintln(a.ios.ErrOut, "(oneway, no result)")
		}
		return nil
	}
	if s, ok := v.(*pyro.Stream); ok {
		intr.now()
		return a.printStream(sigCtx, s, out)
	}
	return out.Value(v)
}

// interruptibleWriter fails every write once ctx is done, so that Ctrl+C
// stops a result's printing at its next write: the printer formats no
// more after a failed write, and the call reports context.Canceled as
// "interrupted" (status 130). A write already blocked on a slow reader
// finishes first.
type interruptibleWriter struct {
	ctx context.Context
	w   io.Writer
}

func (w interruptibleWriter) Write(b []byte) (int, error) {
	if err := w.ctx.Err(); err != nil {
		return 0, err
	}
	return w.w.Write(b)
}

// uriAnd checks for URI and at least one more argument, what: a missing
// one is named, with where to look for what to write.
func uriAnd(what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch len(args) {
		case 0:
			return usageErrorf("missing URI and %s (usage: %s)", what, cmd.UseLine())
		case 1:
			return usageErrorf("missing %s after %s (pyrosh meta %s shows what it exposes)", what, args[0], args[0])
		}
		return nil
	}
}

// isAttrOnly reports whether name is an exposed attribute and no method.
func isAttrOnly(meta pyro.Metadata, name string) bool {
	return meta.HasAttr(name) && !meta.HasMethod(name)
}

// fileArgs reads @FILE arguments up to the largest message allowed.
func (a *app) fileArgs() *fileArgs {
	f := &fileArgs{stdin: a.ios.In}
	if a.cfg != nil {
		f.limit = a.cfg.MaxMessageSize
	}
	return f
}

// printStream prints a remote generator's items as they arrive. --timeout
// bounds each item, as Pyro's COMMTIMEOUT bounds each receive, so a slow
// but live generator goes on. However the printing stops early — Ctrl+C,
// a timeout, an error, or stdout closed by its reader (`| head`) — the
// stream is closed on the daemon, as a Python `for ... break` does.
func (a *app) printStream(ctx context.Context, s *pyro.Stream, out *printer.Printer) error {
	defer s.Close()
	defer a.ios.OnBrokenPipe(s.Close)()
	for {
		item, ok, err := a.next(ctx, s)
		if err != nil || !ok {
			return err
		}
		if err := out.Value(item); err != nil {
			return err
		}
	}
}

// next fetches one item of s within --timeout.
func (a *app) next(ctx context.Context, s *pyro.Stream) (py.Value, bool, error) {
	ctx, cancel := a.callContext(ctx)
	defer cancel()
	return s.Next(ctx)
}

// itemsGCPercent is the garbage collector's GOGC while a large result is
// printed element by element. The live heap is then the reply's payload
// (bytes the collector need not scan) and one element; each element
// printed is garbage at once. With Go's default of 100 the heap would
// grow to twice the payload between collections; at 10 it stays within
// a tenth of it, for more collections that cost little, since the
// payload holds no pointers (issue 14: peak RSS within 4x the payload).
// 10 against 25 took the median peak of pickle `big(100000) -o json`
// from 18.3 to 16.0 MB and serpent's from 19.9 to 17.9 MB, with the same
// CPU time (docs/performance.md, "Streamed results under GOGC 10").
const itemsGCPercent = 10

// printItems prints a result read element by element, collecting first
// what reading the reply left behind (its buffers grow while it
// arrives), so the collector's goal starts from the payload alone. A
// result is read through once first, under the same collector settings
// (a list's first pyro.Items.Next, a dict's Items.Whole), so a broken
// reply prints nothing but its error; a dict that cannot be printed pair
// by pair exactly as the whole dict prints is printed whole.
func printItems(out *printer.Printer, items *pyro.Items) error {
	runtime.GC()
	defer debug.SetGCPercent(debug.SetGCPercent(itemsGCPercent))
	if items.IsDict() {
		v, err := items.Whole()
		if err != nil {
			return err
		}
		if v != nil {
			return out.Value(v)
		}
		return out.DictItems(items)
	}
	return out.Items(items)
}
