package shell

import (
	"context"
	"fmt"
	"io"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pyrosh/pyrosh/history"
	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/shell/lang"
	"github.com/pyrosh/pyrosh/shell/printer"
)

// session is the state a shell keeps between statements: options that
// meta commands change, variables (bound remote objects among them), the
// proxies dialled so far and the history.
type session struct {
	o           Options
	out, errOut io.Writer
	interactive bool
	lineEditor  bool // input comes from the line editor on a terminal
	colour      bool
	pr          *printer.Printer

	opts         pyro.Options // current proxy options (:serializer, :hmac)
	callTimeout  time.Duration
	timing       bool
	quit         *quitRequest  // set by exit() or quit(): the loop ends
	batch        *pendingBatch // the calls since :batch, nil when none
	line         int           // of the statement running, in the script or input, 1-based
	syntaxFailed bool          // the last statement was a syntax error
	metaRest     string        // the meta command running's arguments as typed
	// fullTraceback prints remote tracebacks whole (:traceback full);
	// interactive sessions start short, scripts full.
	fullTraceback bool

	vars    map[string]py.Value
	remotes map[string]*remote // by URI as given, so each object is dialled once
	hist    *history.History   // nil when not interactive
	ns      nsCache

	// bg runs the background metadata fetches (prefetch); bgCtx ends
	// them when the session closes.
	bg       sync.WaitGroup
	bgCtx    context.Context
	bgCancel context.CancelFunc

	// readSecret reads the :hmac key without echo; nil when there is no
	// terminal to ask on.
	readSecret func(prompt string) ([]byte, error)
	// edit opens text in $VISUAL or $EDITOR and returns what was saved
	// (:edit, Ctrl+X Ctrl+E); nil when there is no terminal.
	edit func(text string) (string, bool)

	// mu guards cancel and the signal flags, which the signal goroutine
	// touches while a statement runs.
	mu          sync.Mutex
	cancel      context.CancelFunc // of the statement running, nil between statements
	interrupted atomic.Bool        // Ctrl+C cancelled the statement running (stored under mu)
	calls       atomic.Int64       // remote round trips of the statement running, for :time

	// stmt is the statement context begin hands out again while nothing
	// has cancelled it, so that a statement costs no new context (and its
	// done channel and children map); see begin.
	stmt stmtContext

	bo *batchOut // a script's buffered stdout (batchout.go); nil when unbuffered

	// argScratch holds a remote call's positional arguments (session.call),
	// reused from call to call; nil while a call is using it.
	argScratch []py.Value

	// parser parses the statements runStatement runs, reusing its nodes
	// from statement to statement; nil while a statement parsed with it
	// runs (one begun inside it gets a parser of its own).
	parser *lang.Parser

	// stdinName names the script in errors when it is a piped stdin
	// ("<stdin>", as Python names it) or a -c of more than one line
	// ("<string>", as Python's -c); "" elsewhere (-f names its file).
	stdinName string

	// outMidLine is set when the last byte a result wrote through
	// stopWriter was not a newline, so that "interrupted" starts a line.
	outMidLine bool
}

func newSession(o Options, interactive bool) *session {
	colour := o.IO.ColorEnabled() && (interactive || o.IO.ColorMode() == "always")
	s := &session{
		o:             o,
		out:           o.IO.Out,
		errOut:        o.IO.ErrOut,
		interactive:   interactive,
		colour:        colour,
		opts:          o.Pyro,
		callTimeout:   o.CallTimeout,
		vars:          map[string]py.Value{},
		remotes:       map[string]*remote{},
		fullTraceback: !interactive,
	}
	// Ctrl+C stops a large result's printing in a script too.
	s.pr = printer.New(stopWriter{w: o.IO.Out, s: s}, o.Format, o.IO.TerminalWidth(), colour)
	s.ns.s = s
	s.nameServerOf(o.URI)
	s.bgCtx, s.bgCancel = context.WithCancel(context.Background())
	return s
}

// close ends the background fetches and closes every proxy.
func (s *session) close() {
	if s.stmt.cancel != nil {
		s.stmt.cancel()
	}
	s.bgCancel()
	s.bg.Wait()
	for _, r := range s.remotes {
		r.close()
	}
	if s.hist != nil {
		s.hist.Close()
	}
}

// errorf prints one error line, naming FILE:LINE in a script. The line
// may quote the remote side (a CONNECTFAIL reason, a name server's
// answer), so it goes through printer.Escape.
func (s *session) errorf(format string, args ...any) {
	fmt.Fprintf(s.errOut, "pyrosh: %s%s\n", s.wherePrefix(), printer.Escape(fmt.Sprintf(format, args...)))
}

// infof prints a status message, which goes with errors to stderr so that
// stdout holds results only.
func (s *session) infof(format string, args ...any) {
	fmt.Fprintf(s.errOut, format+"\n", args...)
}

// confirmf prints what a meta command did (the setting it made, the name
// server it listed) in an interactive session; scripts stay quiet.
func (s *session) confirmf(format string, args ...any) {
	if s.interactive {
		s.infof(format, args...)
	}
}

// bound returns the names of variables holding remote objects, sorted.
func (s *session) bound() []string {
	var names []string
	for n, v := range s.vars {
		switch v.(type) {
		case *remote, *pyro.ProxyRef:
			if n != "_" {
				names = append(names, n)
			}
		}
	}
	sort.Strings(names)
	return names
}

// maxArgScratch bounds the argument slice a session keeps for the next
// call, so a call with a million arguments does not pin them.
const maxArgScratch = 16

// callCtx bounds one remote operation by the call timeout and counts it
// for :time.
func (s *session) callCtx(ctx context.Context) (context.Context, context.CancelFunc) {
	s.calls.Add(1)
	if s.callTimeout > 0 {
		return context.WithTimeout(ctx, s.callTimeout)
	}
	// Without a timeout the call's context is the statement's own, which
	// Ctrl+C cancels: a child context would cost allocations per call
	// and cancel nothing more.
	return ctx, func() {}
}

// stmtContext is a statement context kept for the next statement.
type stmtContext struct {
	parent context.Context // what it was made from
	ctx    context.Context
	cancel context.CancelFunc
	done   func() // ends a statement that used it, without cancelling it
}

// begin starts a statement: Ctrl+C now cancels its context. The context
// of the last statement is handed out again when it has the same parent
// and nothing cancelled it (a context that no one cancelled is as good as
// new), so a script of many statements makes one; a statement begun
// inside another (its parent the outer statement's context) gets a
// context of its own, cancelled when it ends, as before.
func (s *session) begin(parent context.Context) (context.Context, func()) {
	st := &s.stmt
	same := st.parent == parent // one interface comparison, a runtime call
	if st.ctx == nil {
		st.parent, same = parent, true
		st.ctx, st.cancel = context.WithCancel(parent)
		st.done = func() {
			s.mu.Lock()
			s.cancel = nil
			s.mu.Unlock()
		}
	} else if same && st.ctx.Err() != nil {
		st.ctx, st.cancel = context.WithCancel(parent)
	}
	if same {
		s.started(st.cancel)
		return st.ctx, st.done
	}
	ctx, cancel := context.WithCancel(parent)
	s.started(cancel)
	return ctx, func() {
		s.mu.Lock()
		s.cancel = nil
		s.mu.Unlock()
		cancel()
	}
}

// started makes cancel the statement running's, for Ctrl+C, and resets
// what :time and wasInterrupted report.
func (s *session) started(cancel context.CancelFunc) {
	s.mu.Lock()
	s.cancel = cancel
	s.calls.Store(0)
	s.interrupted.Store(false)
	s.mu.Unlock()
}

// interrupt cancels the statement running, if any, and reports whether
// there was one.
func (s *session) interrupt() bool { return s.interruptAfter(nil) }

// interruptAfter is interrupt, calling before (when not nil) ahead of
// the cancel when a statement is running: what must be done before the
// statement's goroutine can go on, such as dropping the keys typed ahead
// before it returns to read the next line.
func (s *session) interruptAfter(before func()) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancel == nil {
		return false
	}
	if before != nil {
		before()
	}
	s.interrupted.Store(true)
	s.cancel()
	return true
}

// wasInterrupted reports whether Ctrl+C cancelled the statement running
// (or the last one); asked after every line and statement, so without
// the lock.
func (s *session) wasInterrupted() bool { return s.interrupted.Load() }
