package shell

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/shell/iostreams"
	"github.com/pyrosh/pyrosh/shell/printer"
)

// NoHistory as Options.HistoryPath keeps the history in memory only.
const NoHistory = "-"

// Options configure Run.
type Options struct {
	IO          *iostreams.IOStreams
	Pyro        pyro.Options  // serializer, HMAC key, TLS, compression, connect timeout, name server
	CallTimeout time.Duration // bounds each remote call; 0 means no limit
	Format      printer.Format
	URI         string // dialled at start and bound as Name when not empty
	Name        string // the name URI is bound to; "" means "obj"
	HistoryPath string // "" means history.DefaultPath(); NoHistory means memory only
	Statements  string // -c: run these (newline or ';' separated) and exit
	Script      string // -f: run this file and exit
	KeepGoing   bool   // -f, -c: run the rest of the script after a syntax error
	Banner      string // printed before the first prompt of an interactive session
}

// Exit statuses of PRODUCT.md, as Run reports them through ExitCode.
const (
	StatusRemote = 1 // a remote exception, or a local evaluation error
	StatusUsage  = 2 // a syntax or usage error
	StatusComm   = 3 // a communication error
)

// ExitError is the error Run returns when a session must end with a
// non-zero status. The statement's error has already been printed.
type ExitError struct{ Code int }

func (e *ExitError) Error() string { return fmt.Sprintf("exit status %d", e.Code) }

// ExitCode returns the process exit status.
func (e *ExitError) ExitCode() int { return e.Code }

func exitStatus(code int) error {
	if code == 0 {
		return nil
	}
	return &ExitError{Code: code}
}

// Run runs a shell session and returns when it ends: nil for success, or
// an *ExitError carrying the status. It is interactive when stdin is a
// terminal and neither Statements nor Script is set; otherwise it runs the
// statements of -c, of the -f file or of stdin, and returns the status of
// the first that failed.
func Run(ctx context.Context, o Options) error {
	if o.IO == nil {
		return errors.New("shell: no streams")
	}
	if o.Name == "" {
		o.Name = "obj"
	}
	switch {
	case o.Statements != "":
		s := newSession(o, false)
		if strings.Contains(strings.TrimSuffix(o.Statements, "\n"), "\n") {
			s.stdinName = "<string>" // its errors name their lines, as Python's -c does
		}
		defer s.close()
		defer s.bufferOutput()()
		return s.runBatch(ctx, newStringReader(o.Statements))
	case o.Script != "":
		f, err := os.Open(o.Script)
		if err != nil {
			fmt.Fprintf(o.IO.ErrOut, "pyrosh: open script %s: %v\n", printer.Escape(o.Script), errors.Unwrap(err))
			return exitStatus(StatusUsage)
		}
		defer f.Close()
		s := newSession(o, false)
		defer s.close()
		r := newPlainReader(f) // a FIFO waits for input too
		r.flush = s.bufferOutput()
		defer r.flush()
		return s.runBatch(ctx, r)
	case !o.IO.IsStdinTTY():
		s := newSession(o, false)
		s.stdinName = "<stdin>"
		defer s.close()
		r := newPlainReader(o.IO.In)
		r.flush = s.bufferOutput()
		defer r.flush()
		return s.runBatch(ctx, r)
	}
	return runInteractive(ctx, o)
}
