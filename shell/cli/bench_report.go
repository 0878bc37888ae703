package cli

import (
	"fmt"
	"io"
	"math"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pyrosh/pyrosh/shell/printer"
)

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
	warm := "warmed up with the handshake and a ping"
	if r.Warmup > 0 {
		warm = fmt.Sprintf("after %d warm-up %s of the method, not in the figures; %s", r.Warmup*r.Connections, plural(r.Warmup*r.Connections, "call", "calls"), warm)
	}
	fmt.Fprintf(w, "%s %d in %.3f s over %d %s%s %s\n", st.label("calls     "), r.Calls, r.Seconds, r.Connections, conns,
		stopped, st.dim("("+warm+")"))
	switch {
	case r.DaemonGone:
		fmt.Fprintf(w, "%s the daemon went away: its connections broke and re-dialling it was refused, so bench stopped early; the figures are of the calls made until then\n", st.label("stopped   "))
	case r.Lost > 0:
		fmt.Fprintf(w, "%s %d of %d %s broke and re-dialling was refused; the others went on\n", st.label("stopped   "), r.Lost, r.Connections, conns)
	}
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
			fmt.Fprintf(w, "           %6d  %s %s\n", e.Count, printer.Escape(e.Kind), st.dim(printer.Escape(e.Example)))
		}
	}
	b := r.Bytes
	if b.RequestPerCall >= 0 {
		reply := "unknown (no reply to size)"
		switch {
		case b.ReplyPerCall >= 0:
			reply = fmt.Sprintf("%s (%s/call)", fmtBytes(b.Received), fmtBytes(int64(b.ReplyPerCall)))
		case r.OK == 0:
			reply = "no result: every call failed"
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
