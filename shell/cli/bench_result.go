package cli

import (
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/wire"
)

// benchResult is what pyrosh bench reports; -o json prints it as is.
type benchResult struct {
	URI         string  `json:"uri"`
	Call        string  `json:"call"`
	Serializer  string  `json:"serializer"`
	Oneway      bool    `json:"oneway"`
	Connections int     `json:"connections"`
	Warmup      int     `json:"warmup_per_connection"`
	Seconds     float64 `json:"seconds"`
	Interrupted bool    `json:"interrupted"`
	// Lost counts the connections that stopped early because their
	// re-dial was refused; DaemonGone is true when that stopped them all.
	Lost       int           `json:"connections_lost"`
	DaemonGone bool          `json:"daemon_gone"`
	Calls      int           `json:"calls"`
	OK         int           `json:"ok"`
	Rate       float64       `json:"calls_per_second"`
	Latency    *latencyStats `json:"latency_ms"` // null when no call got a reply
	Errors     []benchError  `json:"errors"`
	Bytes      benchBytes    `json:"bytes"`

	first py.Value
}

// benchError counts the failures of one kind: a remote exception class,
// or "timeout", "connection error", "connect error", "protocol error".
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
		if w.lost {
			r.Lost++
		}
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
	r.DaemonGone = r.Lost == len(workers)
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
