package shell

import (
	"context"
	"fmt"
	"os"
	"strings"
	"syscall"

	"golang.org/x/term"

	"github.com/pyrosh/pyrosh/history"
	"github.com/pyrosh/pyrosh/shell/lang"
	"github.com/pyrosh/pyrosh/shell/lineedit"
	"github.com/pyrosh/pyrosh/shell/printer"
)

// runInteractive is the session on a terminal: the line editor for input,
// history, completion, Ctrl+C handling, and the terminal modes put back
// on every way out.
func runInteractive(ctx context.Context, o Options) error {
	s := newSession(o, true)
	defer s.close()

	f, ok := o.IO.In.(*os.File)
	if !ok {
		return s.runBatch(ctx, newPlainReader(o.IO.In))
	}
	fd := int(f.Fd())
	if state, err := term.GetState(fd); err == nil {
		// Between lines the line editor leaves the terminal without
		// canonical input or echo; this puts the modes back on every way
		// out (Ctrl+D, :quit, SIGTERM, a panic).
		defer term.Restore(fd, state)
	}
	s.hist = s.openHistory()
	s.pr = printer.New(stopWriter{w: o.IO.Out, s: s}, o.Format, o.IO.TerminalWidth(), s.colour)
	s.readSecret = func(prompt string) ([]byte, error) {
		fmt.Fprint(s.errOut, prompt)
		defer fmt.Fprintln(s.errOut)
		return term.ReadPassword(fd)
	}

	var r lineReader
	interrupt, flushInput := func() {}, func() {}
	s.edit = func(text string) (string, bool) { return s.editText(f, text) }
	pr, err := newPromptReader(promptConfig{
		fd:         fd,
		history:    s.hist.Entries,
		complete:   s.completeAt,
		isComplete: isComplete,
		edit:       s.edit,
	})
	if err != nil {
		s.errorf("%v; reading plain lines", err)
		r = &echoPromptReader{plainReader: newPlainReader(o.IO.In), s: s}
	} else {
		r, interrupt, flushInput = pr, pr.interrupt, pr.flushInput
		s.lineEditor = true
		// Between lines the editor leaves the terminal without canonical
		// input or echo (see lineedit.Editor.ReadLine): :edit runs the
		// external editor in the modes the shell started with.
		edit := s.edit
		s.edit = func(text string) (saved string, ok bool) {
			pr.withOriginalModes(func() { saved, ok = edit(text) })
			return saved, ok
		}
		s.readSecret = pr.readSecret
	}
	// Ctrl+C that cancels a statement drops the keys typed ahead (the
	// terminal does not flush them itself while a statement runs, see
	// lineedit.Editor.FlushInput).
	sig := watchSignals(s, interrupt, flushInput, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer sig.stop()

	if o.Banner != "" {
		fmt.Fprintln(s.out, o.Banner)
	}
	if o.URI == "" && o.Banner == "" {
		s.infof("not connected: try :connect URI, :ns (name server entries) or :help")
	}
	if o.URI != "" {
		u, err := parseTarget(o.URI)
		if err == nil {
			ctx, done := s.begin(ctx)
			_, err = s.bind(ctx, o.Name, u)
			done()
			if err == nil {
				s.infof("%s = %s", o.Name, s.vars[o.Name].(*remote).resolved())
			}
		}
		if err != nil {
			// The name stays bound when the URI was valid: the next
			// call dials again.
			if u != nil {
				s.bindLazily(o.Name, u)
			}
			s.report(err, "")
		}
	}
	res := s.loop(ctx, r, sig.stopped)
	if res.stop == 0 && res.exit != nil {
		return exitStatus(*res.exit)
	}
	if res.stop == 0 && s.batch != nil {
		// The input ended at batch> without the line editor (which
		// cancels the batch): the calls were never sent.
		return exitStatus(StatusUsage)
	}
	return exitStatus(res.stop)
}

// openHistory opens the history file of Options.HistoryPath; a file that
// cannot be used is reported once and the history kept in memory.
func (s *session) openHistory() *history.History {
	path := s.o.HistoryPath
	if path == NoHistory {
		return history.NewMemory(history.Options{})
	}
	if path == "" {
		var err error
		if path, err = history.DefaultPath(); err != nil {
			s.errorf("history: %v (kept in memory)", err)
			return history.NewMemory(history.Options{})
		}
	}
	h, err := history.OpenOrMemory(path, history.Options{})
	if err != nil {
		s.errorf("%v (history kept in memory)", err)
	}
	return h
}

// promptConfig is what the line editor needs from the session.
type promptConfig struct {
	fd         int
	history    func() []string
	complete   func(text string, cursor int) []lineedit.Item
	isComplete func(text string) bool
	edit       func(text string) (string, bool)
}

// isComplete tells the line editor whether Enter runs text: a meta
// command always, a statement once its brackets and strings are closed or
// once no line can mend it (obj.echo(1 followed by obj.echo(2)), which the
// loop then reports, as Python's REPL does.
func isComplete(text string) bool {
	if strings.HasPrefix(strings.TrimSpace(text), ":") || lang.IsComplete(text) {
		return true
	}
	_, err := unmendable(text)
	return err != nil
}

// echoPromptReader is the fallback when the line editor cannot start: plain
// lines, with the prompt printed.
type echoPromptReader struct {
	*plainReader
	s *session
}

func (r *echoPromptReader) ReadLine(prompt string) (string, error) {
	fmt.Fprint(r.s.out, prompt)
	return r.plainReader.ReadLine(prompt)
}
