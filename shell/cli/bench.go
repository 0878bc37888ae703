package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/shell/printer"
)

// benchOptions are the flags of pyrosh bench.
type benchOptions struct {
	n           int
	concurrency int
	duration    time.Duration
	warmup      int // calls of the method per connection, counted in -n, not in the figures
}

// maxConcurrency bounds --concurrency: each worker holds a connection and
// a Pyro4 thread-pool daemon serves few more than that.
const maxConcurrency = 1024

func (a *app) newBenchCmd() *cobra.Command {
	o := &benchOptions{}
	cmd := &cobra.Command{
		Use:   "bench URI METHOD [ARG...]",
		Short: "Measure calls/s and latency percentiles of a remote call",
		Long: `Call METHOD on the object at URI many times and report calls/s, the latency
distribution (min, p50, p90, p99, max), errors by kind and the bytes moved.
The call is written as for pyrosh call: METHOD ARG..., or one quoted
expression like 'echo(1, "a")'.

Each of the --concurrency (-c) workers has its own connection, warmed up with
the handshake and a ping before the clock starts: the method itself is called
exactly -n N times in all, or as often as fits in --duration. With --warmup W
each connection first calls the method W times, counted in N and left out of
the figures. A progress bar shows on stderr when it is a terminal. Ctrl+C
stops early and still reports what was measured. A worker whose connection
broke and whose re-dial is refused stops there: when the daemon goes away,
bench ends and reports what it measured until then, with exit status 3.

Latencies count every call that got a reply, a remote exception included.
A oneway method has no reply: its times are send times only. Byte counts
are estimated by encoding the request and the first result with the
serializer (headers included, HMAC and compression not).

Exit status: 0 when every call succeeded, 1 when a call raised remotely,
3 when calls failed to communicate (3 wins over 1), 2 for usage errors,
130 when interrupted before any call was measured.

Flags may go anywhere after the command. An argument starting with - and a
digit or . is a negative number, not a flag; -- ends the flags. @FILE is the
file's bytes (@- standard input), also as name=@FILE.`,
		Example: `  pyrosh bench PYRO:Example@localhost:9091 hello
  pyrosh bench -n 5000 PYRO:Example@localhost:9091 'echo(1, "a")'
  pyrosh bench PYRO:Example@localhost:9091 hello -n 200 -c 4
  pyrosh bench --concurrency 4 --duration 10s PYRONAME:example.service echo 1
  pyrosh bench -o json -n 200 PYRO:Example@localhost:9091 echo '[1, 2, 3]' | jq .latency_ms`,
		Args: uriAnd("METHOD"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runBench(cmd, o, args)
		},
	}
	fs := cmd.Flags()
	fs.IntVarP(&o.n, "number", "n", 1000, "number of measured calls (ignored with --duration)")
	fs.IntVarP(&o.concurrency, "concurrency", "c", 1, "parallel workers, each with its own connection")
	fs.DurationVar(&o.duration, "duration", 0, "run for this long instead of N calls, e.g. 10s or 1m")
	fs.IntVar(&o.warmup, "warmup", 0, "calls of the method per connection before measuring, counted in -n, not in the figures")
	return cmd
}

// validate checks the flag values.
func (o *benchOptions) validate(cmd *cobra.Command) error {
	fs := cmd.Flags()
	switch {
	case fs.Changed("number") && fs.Changed("duration"):
		return usageErrorf("-n and --duration exclude each other: give one")
	case o.n < 1:
		return usageErrorf("invalid -n %d: want 1 or more calls", o.n)
	case o.concurrency < 1 || o.concurrency > maxConcurrency:
		return usageErrorf("invalid --concurrency %d: want 1 to %d", o.concurrency, maxConcurrency)
	case fs.Changed("duration") && o.duration <= 0:
		return usageErrorf("invalid --duration %s: want a positive duration like 10s", o.duration)
	case o.warmup < 0:
		return usageErrorf("invalid --warmup %d: want 0 or more calls", o.warmup)
	case o.duration == 0 && o.warmup*o.concurrency >= o.n:
		return usageErrorf("invalid --warmup %d: %d warm-up calls over %d connections leave none of -n %d to measure", o.warmup, o.warmup*o.concurrency, o.concurrency, o.n)
	}
	return nil
}

func (a *app) runBench(cmd *cobra.Command, o *benchOptions, args []string) error {
	if err := o.validate(cmd); err != nil {
		return err
	}
	spec, err := parseCallArgs(args[1:], a.fileArgs())
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
	defer stop()
	proxies, err := a.dialAll(ctx, args[0], o.concurrency)
	if err != nil {
		return err
	}
	defer func() {
		for _, p := range proxies {
			p.Close()
		}
	}()
	meta := proxies[0].Metadata()
	t := &benchTarget{a: a, spec: spec,
		attr:   spec.bare && meta.HasAttr(spec.method) && !meta.HasMethod(spec.method),
		oneway: meta.IsOneway(spec.method)}
	r := t.run(ctx, proxies, o)
	r.URI = proxies[0].URI().String()
	r.Serializer = proxies[0].Serializer()
	r.estimateBytes(proxies[0], t)
	if r.Calls == 0 && r.Interrupted {
		fmt.Fprintln(a.ios.ErrOut, "pyrosh: bench interrupted before any call was measured")
		return StatusError(ExitInterrupted)
	}
	if a.format() == printer.JSON {
		enc := printer.NewJSONEncoder(a.ios.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			return err
		}
	} else {
		r.writeText(a.ios.Out, newStyles(a.ios.ColorEnabled()))
	}
	return StatusError(r.exitCode())
}

// dialAll opens n proxies in parallel; any failure closes the others.
func (a *app) dialAll(ctx context.Context, target string, n int) ([]*pyro.Proxy, error) {
	proxies := make([]*pyro.Proxy, n)
	errs := make([]error, n)
	// One connection at a time is cheapest on a blocking socket; several
	// busy at once are cheaper on the netpoller, for us and for a threaded
	// Python daemon (pyro.Options.Netpoll).
	netpoll := pyro.WithNetpoll(n > 1)
	var wg sync.WaitGroup
	for i := range proxies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			proxies[i], errs[i] = a.dial(ctx, target, netpoll)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		for _, p := range proxies {
			if p != nil {
				p.Close()
			}
		}
		for _, e := range errs {
			if e != nil {
				return nil, e // the first failure alone: one line, one exit status
			}
		}
	}
	return proxies, nil
}

// benchTarget is the call being measured.
type benchTarget struct {
	a      *app
	spec   *callSpec
	attr   bool // an attribute read
	oneway bool
}

// once makes one call; a remote generator is drained, so its time is the
// whole iteration.
func (t *benchTarget) once(ctx context.Context, p *pyro.Proxy) (py.Value, error) {
	ctx, cancel := t.a.callContext(ctx)
	defer cancel()
	var v py.Value
	var err error
	if t.attr {
		v, err = p.Get(ctx, t.spec.method)
	} else {
		v, err = p.Call(ctx, t.spec.method, t.spec.args, t.spec.kwargs)
	}
	s, ok := v.(*pyro.Stream)
	if err != nil || !ok {
		return v, err
	}
	defer s.Close()
	for {
		_, more, err := s.Next(ctx)
		if err != nil || !more {
			return nil, err
		}
	}
}

// worker is one connection's share of a run.
type worker struct {
	lat    []time.Duration // calls that got a reply
	errs   map[string]*benchError
	first  py.Value // the first result, for the byte estimate
	gotOne bool
	lost   bool // stopped early: its connection broke and the re-dial was refused
}

func (w *worker) fail(kind string, remote bool, example string) {
	if w.errs == nil {
		w.errs = map[string]*benchError{}
	}
	e := w.errs[kind]
	if e == nil {
		e = &benchError{Kind: kind, Remote: remote, Example: example}
		w.errs[kind] = e
	}
	e.Count++
}

// run warms up, then measures, and gathers the workers' results.
func (t *benchTarget) run(ctx context.Context, proxies []*pyro.Proxy, o *benchOptions) *benchResult {
	workers := make([]*worker, len(proxies))
	// Warm-up: each connection made its handshake when dialled; a ping
	// warms the daemon's side of it without calling the method (which
	// may have side effects). --warmup calls of the method come out of N.
	var issued, done atomic.Int64
	var wg sync.WaitGroup
	for i, p := range proxies {
		workers[i] = &worker{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			pctx, cancel := t.a.callContext(ctx)
			p.Ping(pctx)
			cancel()
			for k := 0; k < o.warmup && ctx.Err() == nil; k++ {
				issued.Add(1)
				t.once(ctx, p)
			}
		}()
	}
	wg.Wait()

	start := time.Now()
	deadline := start.Add(o.duration)
	next := func() bool {
		if ctx.Err() != nil {
			return false
		}
		if o.duration > 0 {
			return time.Now().Before(deadline)
		}
		return issued.Add(1) <= int64(o.n)
	}
	stopProgress := t.progress(o, start, &done)
	for i, p := range proxies {
		w := workers[i]
		if o.duration == 0 {
			w.lat = make([]time.Duration, 0, min(o.n/len(proxies)+1, 1<<20))
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next() {
				// Read off the monotonic clock only: time.Now reads
				// the wall clock too.
				t0 := time.Since(start)
				v, err := t.once(ctx, p)
				d := time.Since(start) - t0
				if ctx.Err() != nil {
					return // interrupted: this call is not measured
				}
				done.Add(1)
				var remote *pyro.RemoteError
				switch {
				case err == nil:
					w.lat = append(w.lat, d)
					if !w.gotOne {
						w.first, w.gotOne = v, true
					}
				case errors.As(err, &remote):
					w.lat = append(w.lat, d)
					w.fail(strings.TrimPrefix(remote.Exception.Class, "builtins."), true, oneLine(remote.Exception.Message()))
				default:
					kind := commKind(err)
					w.fail(kind, false, oneLine(err.Error()))
					if kind == "connect error" {
						// The re-dial after a broken connection was
						// refused: the daemon is gone, and every later
						// call would be refused in turn, in microseconds.
						// Per-call failures (a remote exception, one
						// call's timeout) do not stop a worker.
						w.lost = true
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	stopProgress()
	return gather(workers, o, t, elapsed, ctx.Err() != nil)
}

// commKind names a communication failure for the error table, which
// shows one example message per kind: a call whose connection failed
// ("connection error") and the dial that replaces it failing in turn
// ("connect error": a daemon gone refuses every later call) are kept
// apart, so the table does not show thousands of refused dials under
// the one closed connection that came first.
func commKind(err error) string {
	var (
		pe *pyro.ProtocolError
		ce *pyro.ConnError
	)
	switch {
	case pyro.IsTimeout(err):
		return "timeout"
	case errors.As(err, &pe):
		return "protocol error"
	case errors.As(err, &ce) && ce.Op == "connect to":
		return "connect error"
	}
	return "connection error"
}

func oneLine(s string) string {
	msg, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return msg
}
