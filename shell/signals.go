package shell

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"

	"github.com/pyrosh/pyrosh/shell/printer"
)

// signals routes SIGINT (and in an interactive session SIGTERM and SIGHUP)
// for the length of a session.
// SIGINT cancels the statement running (the proxy drops its connection
// and re-dials on the next call), calling onCancel first when not nil;
// between statements it is handed to onIdle. SIGTERM and SIGHUP cancel the statement too and record that the
// session must end, with status 128+signal, after the terminal is
// restored: nothing here calls os.Exit.
type signals struct {
	ch   chan os.Signal
	done chan struct{}
	term atomic.Int32 // the terminating signal's number, 0 if none
}

func watchSignals(s *session, onIdle, onCancel func(), sigs ...os.Signal) *signals {
	g := &signals{ch: make(chan os.Signal, 4), done: make(chan struct{})}
	signal.Notify(g.ch, sigs...)
	go func() {
		for {
			select {
			case <-g.done:
				return
			case sig := <-g.ch:
				if sig != syscall.SIGINT {
					if n, ok := sig.(syscall.Signal); ok {
						g.term.Store(int32(n))
					}
				}
				// onCancel runs before the cancel: once cancelled, the
				// statement's goroutine may already be reading the next
				// line, keys typed ahead included.
				var before func()
				if sig == syscall.SIGINT {
					before = onCancel
				}
				if !s.interruptAfter(before) && onIdle != nil {
					onIdle()
				}
			}
		}
	}()
	return g
}

// stopped returns 128+signal once SIGTERM or SIGHUP arrived, else 0.
func (g *signals) stopped() int {
	if n := g.term.Load(); n != 0 {
		return 128 + int(n)
	}
	return 0
}

func (g *signals) stop() {
	signal.Stop(g.ch)
	close(g.done)
}

// errOutputStopped is what a result's output returns once Ctrl+C
// interrupted the statement printing it.
var errOutputStopped = errors.New("output stopped")

// stopWriter is the printer's stream, at the prompt and in a script: once
// Ctrl+C interrupted the statement, the rest of a large result is not
// written (what the terminal or the reader already holds still shows).
type stopWriter struct {
	w io.Writer
	s *session
}

func (w stopWriter) Write(p []byte) (int, error) {
	if w.s.wasInterrupted() {
		return 0, errOutputStopped
	}
	n, err := w.w.Write(p)
	if n > 0 {
		w.s.outMidLine = p[n-1] != '\n'
	}
	return n, err
}

// reportInterrupted prints "interrupted" for the statement Ctrl+C
// cancelled, on a line of its own when a result was cut off mid-line. A
// script (piped, -c, -f) says it as its other errors, "pyrosh: interrupted"
// as `pyrosh call` does, with FILE:LINE in a -f script and <stdin>:LINE
// piped; the prompt, where the statement is the line just typed, says
// "interrupted" only. A script under -o json prints the JSON error
// `pyrosh call -o json` does (type "interrupted", status 130), its
// message naming the line as its other JSON errors do.
func (s *session) reportInterrupted() {
	if !s.interactive && s.jsonOutput() {
		printer.ErrorJSON(s.errOut, "interrupted", printer.Escape(s.wherePrefix()+"interrupted"), nil, StatusInterrupted)
		return
	}
	if s.outMidLine {
		fmt.Fprintln(s.errOut)
	}
	s.outMidLine = false
	if s.interactive {
		s.infof("interrupted")
		return
	}
	s.errorf("interrupted")
}
