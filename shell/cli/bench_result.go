package cli

import (
	"math"
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
		if lat == nil {
			lat = w.lat // one worker's (-c 1) is not copied
		} else {
			lat = append(lat, w.lat...)
		}
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

// summarize returns d's order statistics, reordering d; ok is false for
// an empty sample. The percentiles are found by selection, not a sort:
// sorting a large run's latencies cost more than a tenth of the CPU of
// the calls measured (`bench -n 3000 -c 1`).
func summarize(d []time.Duration) (s latencyStats, ok bool) {
	if len(d) == 0 {
		return s, false
	}
	lo, hi, sum := d[0], d[0], time.Duration(0)
	for _, x := range d {
		lo, hi, sum = min(lo, x), max(hi, x), sum+x
	}
	// Each selection leaves the smaller values before its rank, where
	// the next, lower, rank is looked for.
	k99, k90, k50 := rank(len(d), 99), rank(len(d), 90), rank(len(d), 50)
	selectNth(d, k99)
	selectNth(d[:k99+1], k90)
	selectNth(d[:k90+1], k50)
	msf := func(x time.Duration) float64 { return float64(x) / float64(time.Millisecond) }
	return latencyStats{
		Min:  msf(lo),
		P50:  msf(d[k50]),
		P90:  msf(d[k90]),
		P99:  msf(d[k99]),
		Max:  msf(hi),
		Mean: msf(sum) / float64(len(d)),
	}, true
}

// percentile is the nearest-rank percentile of a sorted, non-empty
// sample: the smallest value with at least p% of the sample at or below
// it. It is always a measured value, never an interpolation.
func percentile(sorted []time.Duration, p float64) time.Duration {
	return sorted[rank(len(sorted), p)]
}

// rank is the index in a sorted sample of n values of its nearest-rank
// p-th percentile.
func rank(n int, p float64) int {
	r := int(math.Ceil(p / 100 * float64(n)))
	return min(max(r, 1), n) - 1
}

// selectNth reorders d so that d[k] is the value a sort would put there,
// with none greater before it and none smaller after (Hoare's
// selection, expected time linear in len(d)).
func selectNth(d []time.Duration, k int) {
	lo, hi := 0, len(d)-1
	for lo < hi {
		mid := lo + (hi-lo)/2
		if d[mid] < d[lo] {
			d[mid], d[lo] = d[lo], d[mid]
		}
		if d[hi] < d[lo] {
			d[hi], d[lo] = d[lo], d[hi]
		}
		if d[hi] < d[mid] {
			d[hi], d[mid] = d[mid], d[hi]
		}
		pivot := d[mid]
		i, j := lo, hi
		for i <= j {
			for d[i] < pivot {
				i++
			}
			for d[j] > pivot {
				j--
			}
			if i <= j {
				d[i], d[j] = d[j], d[i]
				i, j = i+1, j-1
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return // between j and i: all equal to the pivot
		}
	}
}
