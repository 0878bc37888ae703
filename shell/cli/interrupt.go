package cli

import (
	"context"
	"os"
	"os/signal"
	"sync"
	"time"
)

// interruptDelay is how long a one-off call runs before Ctrl+C is caught
// (lateInterrupt).
const interruptDelay = 10 * time.Millisecond

// lateInterrupt makes Ctrl+C (SIGINT) cancel a one-off call's context, as
// signal.NotifyContext does, but catches the signal only once the call
// has run for interruptDelay, or at once on now. Catching a signal is not
// free: os/signal's first Notify starts two runtime threads and waits for
// one of them, ~0.4 ms of thread hand-offs on a loaded machine, a third
// of what a one-off call adds to Go's own start-up (issue 14). A call
// answered sooner never pays it. Until then Ctrl+C ends pyrosh as an
// unhandled SIGINT does, as it does during start-up anyway: killed by the
// signal (status 130 in a shell) without the "interrupted" line; no
// human is that quick.
type lateInterrupt struct {
	ctx    context.Context
	cancel context.CancelFunc
	timer  *time.Timer
	once   sync.Once      // installs the handler, or rules it out (stop)
	ch     chan os.Signal // nil until installed
}

// notifyLate returns a context cancelled by Ctrl+C from interruptDelay
// on, and what installs the handler sooner and stops it.
func notifyLate(parent context.Context) (context.Context, *lateInterrupt) {
	ctx, cancel := context.WithCancel(parent)
	l := &lateInterrupt{ctx: ctx, cancel: cancel}
	l.timer = time.AfterFunc(interruptDelay, l.now)
	return ctx, l
}

// now catches Ctrl+C from here on: before output that must be ended
// cleanly, such as a stream's items (closed on the daemon).
func (l *lateInterrupt) now() {
	l.once.Do(func() {
		l.ch = make(chan os.Signal, 1)
		signal.Notify(l.ch, os.Interrupt)
		go func() {
			select {
			case <-l.ch:
				l.cancel()
			case <-l.ctx.Done():
			}
		}()
	})
}

// stop releases what notifyLate set up and cancels the context, as
// NotifyContext's stop does.
func (l *lateInterrupt) stop() {
	l.timer.Stop()
	l.once.Do(func() {}) // waits for an install under way
	if l.ch != nil {
		signal.Stop(l.ch)
	}
	l.cancel()
}
