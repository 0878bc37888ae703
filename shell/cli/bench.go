package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/wire"
	"github.com/pyrosh/pyrosh/shell/printer"
)

// benchOptions are the flags of pyrosh bench.
type benchOptions struct {
	n           int
	concurrency int
	duration    time.Duration
	warmup      int // per connection; -1 chooses min(N/10, 100)
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

Each of the --concurrency workers has its own connection. Each first makes
a few warm-up calls that are not counted (min(N/10, 100) by default), then
the measured calls start: N in all, or as many as fit in --duration. A
progress bar shows on stderr when it is a terminal. Ctrl+C stops early and
still reports what was measured.

Latencies count every call that got a reply, a remote exception included.
A oneway method has no reply: its times are send times only. Byte counts
are estimated by encoding the request and the first result with the
serializer (headers included, HMAC and compression not).

Exit status: 0 when every call succeeded, 1 when a call raised remotely,
3 when calls failed to communicate (3 wins over 1), 2 for usage errors,
130 when interrupted before any call was measured.

Flags go before METHOD: everything after METHOD is an argument.`,
		Example: `  pyrosh bench PYRO:Example@localhost:9091 hello
  pyrosh bench -n 5000 PYRO:Example@localhost:9091 'echo(1, "a")'
  pyrosh bench --concurrency 4 --duration 10s PYRONAME:example.service echo 1
  pyrosh bench -o json -n 200 PYRO:Example@localhost:9091 echo '[1, 2, 3]' | jq .latency_ms`,
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runBench(cmd, o, args)
		},
	}
	fs := cmd.Flags()
	fs.IntVarP(&o.n, "number", "n", 1000, "number of measured calls (ignored with --duration)")
	fs.IntVar(&o.concurrency, "concurrency", 1, "parallel workers, each with its own connection")
	fs.DurationVar(&o.duration, "duration", 0, "run for this long instead of N calls, e.g. 10s or 1m")
	fs.IntVar(&o.warmup, "warmup", -1, "warm-up calls per connection, not counted (default min(N/10, 100))")
	return cmd
}

// validate checks the flag values and fills in the warm-up default.
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
	case o.warmup < -1:
		return usageErrorf("invalid --warmup %d: want 0 or more calls", o.warmup)
	}
	if o.warmup == -1 {
		o.warmup = 100
		if o.duration == 0 {
			o.warmup = min(o.n/10, 100)
		}
	}
	return nil
}

func (a *app) runBench(cmd *cobra.Command, o *benchOptions, args []string) error {
	if err := o.validate(cmd); err != nil {
		return err
	}
	spec, err := parseCallArgs(args[1:])
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
		enc := json.NewEncoder(a.ios.Out)
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
	var wg sync.WaitGroup
	for i := range proxies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			proxies[i], errs[i] = a.dial(ctx, target)
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
	// Warm-up: a fixed number of calls, but never more than a tenth of a
	// --duration run nor more than a second.
	warmLimit := time.Second
	if o.duration > 0 {
		warmLimit = min(warmLimit, o.duration/10)
	}
	var wg sync.WaitGroup
	for i, p := range proxies {
		workers[i] = &worker{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			end := time.Now().Add(warmLimit)
			for k := 0; k < o.warmup && time.Now().Before(end) && ctx.Err() == nil; k++ {
				t.once(ctx, p)
			}
		}()
	}
	wg.Wait()

	var issued, done atomic.Int64
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
				t0 := time.Now()
				v, err := t.once(ctx, p)
				d := time.Since(t0)
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
					w.fail(commKind(err), false, oneLine(err.Error()))
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	stopProgress()
	return gather(workers, o, t, elapsed, ctx.Err() != nil)
}

// commKind names a communication failure for the error table.
func commKind(err error) string {
	var pe *pyro.ProtocolError
	switch {
	case pyro.IsTimeout(err):
		return "timeout"
	case errors.As(err, &pe):
		return "protocol error"
	}
	return "connection error"
}

func oneLine(s string) string {
	msg, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return msg
}

// benchResult is what pyrosh bench reports; -o json prints it as is.
type benchResult struct {
	URI         string        `json:"uri"`
	Call        string        `json:"call"`
	Serializer  string        `json:"serializer"`
	Oneway      bool          `json:"oneway"`
	Connections int           `json:"connections"`
	Warmup      int           `json:"warmup_per_connection"`
	Seconds     float64       `json:"seconds"`
	Interrupted bool          `json:"interrupted"`
	Calls       int           `json:"calls"`
	OK          int           `json:"ok"`
	Rate        float64       `json:"calls_per_second"`
	Latency     *latencyStats `json:"latency_ms"` // null when no call got a reply
	Errors      []benchError  `json:"errors"`
	Bytes       benchBytes    `json:"bytes"`

	first py.Value
}

// benchError counts the failures of one kind: a remote exception class,
// or "timeout", "connection error", "protocol error".
type benchError struct {
	Kind    string `json:"kind"`
	Remote  bool   `json:"remote"`
	Count   int    `json:"count"`
	Example string `json:"example"`
}

// benchBytes are estimated request and reply sizes; Reply is -1 when it
// could not be estimated (no successful call, a generator, a value the
// serializer cannot re-encode).
type benchBytes struct {
	RequestPerCall int   `json:"request_per_call"`
	ReplyPerCall   int   `json:"reply_per_call"`
	Sent           int64 `json:"sent"`
	Received       int64 `json:"received"`
	Estimated      bool  `json:"estimated"`
}

func gather(workers []*worker, o *benchOptions, t *benchTarget, elapsed time.Duration, interrupted bool) *benchResult {
	r := &benchResult{
		Call:        callString(t.spec, t.attr),
		Oneway:      t.oneway,
		Connections: len(workers),
		Warmup:      o.warmup,
		Seconds:     elapsed.Seconds(),
		Interrupted: interrupted,
		Errors:      []benchError{},
	}
	var lat []time.Duration
	errs := map[string]*benchError{}
	for _, w := range workers {
		lat = append(lat, w.lat...)
		if w.gotOne && r.first == nil {
			r.first = w.first
		}
		for k, e := range w.errs {
			if all := errs[k]; all != nil {
				all.Count += e.Count
			} else {
				c := *e
				errs[k] = &c
			}
		}
	}
	failed := 0
	for _, e := range errs {
		r.Errors = append(r.Errors, *e)
		failed += e.Count
	}
	sort.Slice(r.Errors, func(i, j int) bool {
		a, b := r.Errors[i], r.Errors[j]
		return a.Count > b.Count || a.Count == b.Count && a.Kind < b.Kind
	})
	r.OK = len(lat)
	for _, e := range r.Errors {
		if e.Remote {
			r.OK -= e.Count
		}
	}
	r.Calls = r.OK + failed
	if elapsed > 0 {
		r.Rate = float64(r.Calls) / elapsed.Seconds()
	}
	if s, ok := summarize(lat); ok {
		r.Latency = &s
	}
	return r
}

// callString writes the measured call (or attribute read) as the shell
// would.
func callString(s *callSpec, attr bool) string {
	if attr {
		return s.method
	}
	parts := make([]string, 0, len(s.args))
	for _, v := range s.args {
		parts = append(parts, py.Repr(v))
	}
	if s.kwargs != nil {
		for _, it := range s.kwargs.Items() {
			parts = append(parts, py.StrOf(it.Key)+"="+py.Repr(it.Value))
		}
	}
	return s.method + "(" + strings.Join(parts, ", ") + ")"
}

// estimateBytes sizes one request and one reply by encoding them; pyro
// keeps no byte counters, and re-encoding once is cheap next to a run.
func (r *benchResult) estimateBytes(p *pyro.Proxy, t *benchTarget) {
	r.Bytes = benchBytes{RequestPerCall: -1, ReplyPerCall: -1, Estimated: true}
	cd, err := pyro.Codec(p.Serializer())
	if err != nil {
		return
	}
	c := &codec.Call{Object: p.URI().Object, Method: t.spec.method, Args: t.spec.args, Kwargs: t.spec.kwargs}
	if t.attr {
		c.Method, c.Args, c.Kwargs = "__getattr__", []py.Value{py.Str(t.spec.method)}, nil
	}
	if req, err := cd.EncodeCall(nil, c); err == nil {
		r.Bytes.RequestPerCall = wire.HeaderSize + len(req)
		r.Bytes.Sent = int64(r.Bytes.RequestPerCall) * int64(r.Calls)
	}
	switch {
	case t.oneway:
		r.Bytes.ReplyPerCall = 0
	case r.first != nil:
		if rep, err := cd.Encode(nil, r.first); err == nil {
			r.Bytes.ReplyPerCall = wire.HeaderSize + len(rep)
			r.Bytes.Received = int64(r.Bytes.ReplyPerCall) * int64(r.OK)
		}
	}
}

// exitCode: 3 for any communication failure, else 1 for any remote
// exception, else 0.
func (r *benchResult) exitCode() int {
	code := ExitOK
	for _, e := range r.Errors {
		if !e.Remote {
			return ExitComm
		}
		code = ExitRemote
	}
	return code
}

// latencyStats summarise a latency sample, in milliseconds.
type latencyStats struct {
	Min  float64 `json:"min"`
	P50  float64 `json:"p50"`
	P90  float64 `json:"p90"`
	P99  float64 `json:"p99"`
	Max  float64 `json:"max"`
	Mean float64 `json:"mean"`
}

// summarize sorts d and returns its order statistics; ok is false for an
// empty sample.
func summarize(d []time.Duration) (s latencyStats, ok bool) {
	if len(d) == 0 {
		return s, false
	}
	slices.Sort(d)
	var sum time.Duration
	for _, x := range d {
		sum += x
	}
	msf := func(x time.Duration) float64 { return float64(x) / float64(time.Millisecond) }
	return latencyStats{
		Min:  msf(d[0]),
		P50:  msf(percentile(d, 50)),
		P90:  msf(percentile(d, 90)),
		P99:  msf(percentile(d, 99)),
		Max:  msf(d[len(d)-1]),
		Mean: msf(sum) / float64(len(d)),
	}, true
}

// percentile is the nearest-rank percentile of a sorted, non-empty
// sample: the smallest value with at least p% of the sample at or below
// it. It is always a measured value, never an interpolation.
func percentile(sorted []time.Duration, p float64) time.Duration {
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	return sorted[min(max(rank, 1), len(sorted))-1]
}

func (r *benchResult) writeText(w io.Writer, st styles) {
	conns := "connections"
	if r.Connections == 1 {
		conns = "connection"
	}
	fmt.Fprintf(w, "%s %s on %s (%s)\n", st.heading("bench"), r.Call, r.URI, r.Serializer)
	stopped := ""
	if r.Interrupted {
		stopped = ", interrupted"
	}
	fmt.Fprintf(w, "%s %d in %.3f s over %d %s%s %s\n", st.label("calls     "), r.Calls, r.Seconds, r.Connections, conns,
		stopped, st.dim(fmt.Sprintf("(after %d warm-up calls per connection)", r.Warmup)))
	fmt.Fprintf(w, "%s %.1f calls/s\n", st.label("throughput"), r.Rate)
	if l := r.Latency; l != nil {
		fmt.Fprintf(w, "%s min %s  p50 %s  p90 %s  p99 %s  max %s  %s\n", st.label("latency   "),
			fmtMS(l.Min), fmtMS(l.P50), fmtMS(l.P90), fmtMS(l.P99), fmtMS(l.Max), st.dim("(mean "+fmtMS(l.Mean)+")"))
	}
	if r.Oneway {
		fmt.Fprintf(w, "%s oneway method: times are send times only, the daemon sends no reply\n", st.label("note      "))
	}
	if len(r.Errors) == 0 {
		fmt.Fprintf(w, "%s %s\n", st.label("errors    "), st.ok("none"))
	} else {
		fmt.Fprintf(w, "%s %d of %d calls\n", st.label("errors    "), r.Calls-r.OK, r.Calls)
		for _, e := range r.Errors {
			fmt.Fprintf(w, "           %6d  %s %s\n", e.Count, e.Kind, st.dim(e.Example))
		}
	}
	b := r.Bytes
	if b.RequestPerCall >= 0 {
		reply := "unknown (no reply to size)"
		if b.ReplyPerCall >= 0 {
			reply = fmt.Sprintf("%s (%s/call)", fmtBytes(b.Received), fmtBytes(int64(b.ReplyPerCall)))
		}
		fmt.Fprintf(w, "%s %s sent %s (%s/call), received %s\n", st.label("bytes     "), st.dim("≈"),
			fmtBytes(b.Sent), fmtBytes(int64(b.RequestPerCall)), reply)
	}
}

func fmtMS(ms float64) string {
	switch {
	case ms < 1:
		return fmt.Sprintf("%.3f ms", ms)
	case ms < 100:
		return fmt.Sprintf("%.2f ms", ms)
	}
	return fmt.Sprintf("%.0f ms", ms)
}

func fmtBytes(n int64) string {
	const k = 1024
	switch {
	case n < k:
		return fmt.Sprintf("%d B", n)
	case n < k*k:
		return fmt.Sprintf("%.1f KiB", float64(n)/k)
	case n < k*k*k:
		return fmt.Sprintf("%.1f MiB", float64(n)/(k*k))
	}
	return fmt.Sprintf("%.2f GiB", float64(n)/(k*k*k))
}

// progress draws a bar on stderr while the run lasts, when stderr is a
// terminal; the returned function stops it and clears the line.
func (t *benchTarget) progress(o *benchOptions, start time.Time, done *atomic.Int64) func() {
	if !t.a.ios.IsStderrTTY() {
		return func() {}
	}
	w := t.a.ios.ErrOut
	quit := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-quit:
				fmt.Fprint(w, "\r\x1b[K")
				return
			case <-tick.C:
				n, el := done.Load(), time.Since(start)
				frac, what := float64(n)/float64(o.n), fmt.Sprintf("%d/%d calls", n, o.n)
				if o.duration > 0 {
					frac, what = el.Seconds()/o.duration.Seconds(), fmt.Sprintf("%d calls, %.0f/%.0f s", n, el.Seconds(), o.duration.Seconds())
				}
				fmt.Fprintf(w, "\r\x1b[K%s %s  %.0f calls/s", bar(frac, 30), what, float64(n)/el.Seconds())
			}
		}
	}()
	return func() {
		close(quit)
		wg.Wait()
	}
}

// bar draws frac (0 to 1) as [#####.....] of width cells.
func bar(frac float64, width int) string {
	fill := int(math.Round(min(max(frac, 0), 1) * float64(width)))
	return "[" + strings.Repeat("#", fill) + strings.Repeat(".", width-fill) + "]"
}
