package cli

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pyrotest"
	"github.com/pyrosh/pyrosh/shell/iostreams"
)

func msec(n int) time.Duration { return time.Duration(n) * time.Millisecond }

func TestPercentileIsNearestRank(t *testing.T) {
	hundred := make([]time.Duration, 100)
	for i := range hundred {
		hundred[i] = msec(i + 1)
	}
	tests := []struct {
		name   string
		sample []time.Duration
		p      float64
		want   time.Duration
	}{
		{"p50 of 1..100 is 50", hundred, 50, msec(50)},
		{"p90 of 1..100 is 90", hundred, 90, msec(90)},
		{"p99 of 1..100 is 99", hundred, 99, msec(99)},
		{"p100 is the maximum", hundred, 100, msec(100)},
		{"p0 is the minimum", hundred, 0, msec(1)},
		{"one value is every percentile", []time.Duration{msec(7)}, 99, msec(7)},
		{"p50 of two is the lower", []time.Duration{msec(1), msec(2)}, 50, msec(1)},
		{"p90 of two is the upper", []time.Duration{msec(1), msec(2)}, 90, msec(2)},
		{"p99 of ten is the maximum", hundred[:10], 99, msec(10)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := percentile(tt.sample, tt.p); got != tt.want {
				t.Errorf("percentile(%d values, %v) = %v, want %v", len(tt.sample), tt.p, got, tt.want)
			}
		})
	}
}

func TestSummarizeSortsAndOrdersStatistics(t *testing.T) {
	d := make([]time.Duration, 1000)
	for i := range d {
		d[i] = msec(i + 1)
	}
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(d), func(i, j int) { d[i], d[j] = d[j], d[i] })
	s, ok := summarize(d)
	if !ok {
		t.Fatal("summarize of 1000 values: not ok")
	}
	want := latencyStats{Min: 1, P50: 500, P90: 900, P99: 990, Max: 1000, Mean: 500.5}
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("summarize (-want +got):\n%s", diff)
	}
}

// TestSummarizeMatchesSorting checks the selection against a sort on
// samples with many equal values, sorted, reversed and random.
func TestSummarizeMatchesSorting(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	msf := func(x time.Duration) float64 { return float64(x) / float64(time.Millisecond) }
	for n := 1; n < 300; n += 1 + n/8 {
		for _, spread := range []int{1, 3, 1000} {
			d := make([]time.Duration, n)
			for i := range d {
				d[i] = time.Duration(r.IntN(spread))
			}
			sorted := slices.Sorted(slices.Values(d))
			reversed := slices.Clone(sorted)
			slices.Reverse(reversed)
			for _, order := range [][]time.Duration{slices.Clone(d), slices.Clone(sorted), reversed} {
				got, _ := summarize(order)
				want := latencyStats{Min: msf(sorted[0]), P50: msf(percentile(sorted, 50)), P90: msf(percentile(sorted, 90)),
					P99: msf(percentile(sorted, 99)), Max: msf(sorted[n-1]), Mean: got.Mean}
				if got != want {
					t.Fatalf("%d values of spread %d: summarize %+v, sorting gives %+v", n, spread, got, want)
				}
			}
		}
	}
}

func TestSummarizeOfNothingIsNotOK(t *testing.T) {
	if _, ok := summarize(nil); ok {
		t.Error("summarize(nil) is ok, want not ok")
	}
}

func TestGatherMergesWorkers(t *testing.T) {
	a := &worker{lat: []time.Duration{msec(3), msec(1)}, first: py.Int(1), gotOne: true}
	a.fail("ValueError", true, "('x', 1)")
	a.lat = append(a.lat, msec(2)) // the ValueError's round trip
	b := &worker{lat: []time.Duration{msec(4)}}
	b.fail("timeout", false, "call echo on PYRO:x@h:1: timed out")
	b.fail("ValueError", true, "('y', 2)")
	b.lat = append(b.lat, msec(5))
	b.fail("timeout", false, "call echo on PYRO:x@h:1: timed out")
	spec := &callSpec{method: "echo", args: []py.Value{py.Int(1), py.Str("a")}}
	r := gather([]*worker{a, b}, &benchOptions{warmup: 3}, &benchTarget{spec: spec}, 2*time.Second, false)

	if r.Calls != 7 || r.OK != 3 {
		t.Errorf("calls, ok = %d, %d; want 7, 3", r.Calls, r.OK)
	}
	if r.Rate != 3.5 {
		t.Errorf("rate = %v, want 3.5 calls/s", r.Rate)
	}
	wantErrs := []benchError{
		{Kind: "ValueError", Remote: true, Count: 2, Example: "('x', 1)"},
		{Kind: "timeout", Count: 2, Example: "call echo on PYRO:x@h:1: timed out"},
	}
	if diff := cmp.Diff(wantErrs, r.Errors); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if r.Latency == nil || r.Latency.Min != 1 || r.Latency.Max != 5 {
		t.Errorf("latency = %+v, want min 1 max 5 over the 5 replies", r.Latency)
	}
	if r.Call != `echo(1, 'a')` || r.Connections != 2 || r.Warmup != 3 {
		t.Errorf("call %q connections %d warmup %d", r.Call, r.Connections, r.Warmup)
	}
	if r.first != py.Int(1) {
		t.Errorf("first result = %v, want 1", r.first)
	}
}

func TestBenchExitCode(t *testing.T) {
	tests := []struct {
		name   string
		errors []benchError
		want   int
	}{
		{"no errors", nil, ExitOK},
		{"a remote exception", []benchError{{Kind: "ValueError", Remote: true}}, ExitRemote},
		{"a timeout", []benchError{{Kind: "timeout"}}, ExitComm},
		{"communication wins over remote", []benchError{{Kind: "ValueError", Remote: true}, {Kind: "connection error"}}, ExitComm},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &benchResult{Errors: tt.errors}
			if got := r.exitCode(); got != tt.want {
				t.Errorf("exit code %d, want %d", got, tt.want)
			}
		})
	}
}

func TestBenchOptionsValidate(t *testing.T) {
	tests := []struct {
		args       []string
		wantErr    string
		wantWarmup int
	}{
		{args: nil, wantWarmup: 0},
		{args: []string{"-n", "50"}, wantWarmup: 0},
		{args: []string{"--duration", "2s", "--warmup", "100"}, wantWarmup: 100},
		{args: []string{"-n", "50", "--warmup", "7"}, wantWarmup: 7},
		{args: []string{"-n", "50", "-c", "5", "--warmup", "10"}, wantErr: "leave none of -n 50 to measure"},
		{args: []string{"-n", "0"}, wantErr: "invalid -n 0"},
		{args: []string{"--concurrency", "0"}, wantErr: "invalid --concurrency 0"},
		{args: []string{"--concurrency", "5000"}, wantErr: "want 1 to 1024"},
		{args: []string{"--duration", "0s"}, wantErr: "invalid --duration"},
		{args: []string{"-n", "5", "--duration", "1s"}, wantErr: "exclude each other"},
		{args: []string{"--warmup", "-2"}, wantErr: "invalid --warmup"},
	}
	for _, tt := range tests {
		t.Run("flags "+strings.Join(tt.args, " "), func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			cmd := (&app{ios: ios}).newBenchCmd()
			if err := cmd.ParseFlags(tt.args); err != nil {
				t.Fatal(err)
			}
			o := &benchOptions{}
			o.n, _ = cmd.Flags().GetInt("number")
			o.concurrency, _ = cmd.Flags().GetInt("concurrency")
			o.duration, _ = cmd.Flags().GetDuration("duration")
			o.warmup, _ = cmd.Flags().GetInt("warmup")
			err := o.validate(cmd)
			switch {
			case tt.wantErr != "":
				var ue *usageError
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.As(err, &ue) {
					t.Fatalf("error %v, want a usage error containing %q", err, tt.wantErr)
				}
			case err != nil:
				t.Fatal(err)
			case o.warmup != tt.wantWarmup:
				t.Errorf("warm-up %d, want %d", o.warmup, tt.wantWarmup)
			}
		})
	}
}

func TestBar(t *testing.T) {
	for _, tt := range []struct {
		frac float64
		want string
	}{
		{0, "[..........]"}, {0.5, "[#####.....]"}, {1, "[##########]"},
		{-1, "[..........]"}, {2, "[##########]"},
	} {
		if got := bar(tt.frac, 10); got != tt.want {
			t.Errorf("bar(%v) = %q, want %q", tt.frac, got, tt.want)
		}
	}
}

// TestBenchProgressOnlyOnTerminal runs a real bench against Python Pyro4
// and checks the progress bar is drawn on a terminal stderr, cleared at the
// end, and absent when stderr is piped.
func TestBenchProgressOnlyOnTerminal(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	for _, tty := range []bool{true, false} {
		ios, _, out, errOut := iostreams.Test()
		ios.SetStderrTTY(tty)
		code := Main([]string{"bench", "--duration", "350ms", d.URI("Example"), "hello"}, ios, func(string) string { return "" })
		if code != 0 {
			t.Fatalf("tty %v: exit %d, stderr %q", tty, code, errOut)
		}
		if !strings.Contains(out.String(), "errors     none") {
			t.Errorf("tty %v: stdout %q lacks the report", tty, out)
		}
		drawn := strings.Contains(errOut.String(), "calls/s") && strings.HasSuffix(errOut.String(), "\r\x1b[K")
		if drawn != tty {
			t.Errorf("tty %v: progress drawn %v; stderr %q", tty, drawn, errOut)
		}
	}
}

// TestBenchConnectionsAgainstPyro4: one connection (a blocking socket) and
// four (on the netpoller, pyro.Options.Netpoll) make exactly -n calls of
// a real Python Pyro4 daemon, every one answered with its result.
func TestBenchConnectionsAgainstPyro4(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	for _, c := range []int{1, 4} {
		ios, _, out, errOut := iostreams.Test()
		code := Main([]string{"bench", "-o", "json", "-n", "200", "-c", strconv.Itoa(c), d.URI("Example"), "echo(1, 'a')"}, ios, func(string) string { return "" })
		if code != 0 {
			t.Fatalf("-c %d: exit %d, stderr %q", c, code, errOut)
		}
		var r benchResult
		if err := json.Unmarshal(out.Bytes(), &r); err != nil {
			t.Fatalf("-c %d: %v in %q", c, err, out)
		}
		if r.Connections != c || r.Calls != 200 || r.OK != 200 || len(r.Errors) != 0 {
			t.Errorf("-c %d: connections %d, calls %d, ok %d, errors %v; want %d, 200, 200, none", c, r.Connections, r.Calls, r.OK, r.Errors, c)
		}
		// The reply of echo(1, 'a') is the tuple (1, 'a'): the bytes
		// estimate is from a real result.
		if r.Bytes.ReplyPerCall == 0 {
			t.Errorf("-c %d: no reply bytes estimated: %+v", c, r.Bytes)
		}
	}
}

// TestBenchKindOfADaemonGone: once the daemon is gone, each later call's
// dial is refused; that is a "connect error", apart from the "connection
// error" of a call whose connection broke, so the table's example says
// what happened to most calls.
func TestBenchKindOfADaemonGone(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	ctx := context.Background()
	p, err := pyro.Dial(ctx, d.URI("Example"))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if _, err := p.Call(ctx, "echo", []py.Value{py.Int(1)}, nil); err != nil {
		t.Fatal(err)
	}
	d.Stop()
	for i := 0; i < 2; i++ {
		_, err = p.Call(ctx, "echo", []py.Value{py.Int(1)}, nil)
		if err == nil {
			t.Fatal("a call to a stopped daemon succeeded")
		}
	}
	if got := commKind(err); got != "connect error" || !strings.Contains(err.Error(), "connect to") {
		t.Errorf("commKind(%v) = %q, want connect error", err, got)
	}
	if got := commKind(&pyro.ConnError{Op: "call echo on", Addr: d.URI("Example"), Err: errors.New("connection closed by the daemon")}); got != "connection error" {
		t.Errorf("a call whose connection broke: %q, want connection error", got)
	}
}

// progressWatch is a terminal stderr for bench that says when the
// progress bar first shows measured calls.
type progressWatch struct {
	mu      sync.Mutex
	buf     strings.Builder
	started chan struct{}
	once    sync.Once
}

var progressCalls = regexp.MustCompile(`\] ([0-9]+)/[0-9]+ calls`)

func (w *progressWatch) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(b)
	if m := progressCalls.FindSubmatch(b); m != nil && string(m[1]) != "0" {
		w.once.Do(func() { close(w.started) })
	}
	return len(b), nil
}

// TestBenchStopsWhenTheDaemonGoesAway: a real Pyro4 daemon killed in the
// middle of a run of -n calls far more than will be made ends the run:
// each of the four workers stops at its first refused re-dial (one
// connect error each), and bench reports what it measured, says the
// daemon went away and exits with status 3.
func TestBenchStopsWhenTheDaemonGoesAway(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	ios, _, out, _ := iostreams.Test()
	ios.SetStderrTTY(true)
	w := &progressWatch{started: make(chan struct{})}
	ios.ErrOut = w
	code := make(chan int, 1)
	const n = 100_000_000
	go func() {
		code <- Main([]string{"bench", "-o", "json", "-n", strconv.Itoa(n), "-c", "4", d.URI("Example"), "echo(1)"}, ios, func(string) string { return "" })
	}()
	select {
	case <-w.started:
	case c := <-code:
		t.Fatalf("bench ended (exit %d) before the daemon was stopped: %q", c, out)
	}
	d.Stop()
	if c := <-code; c != ExitComm {
		t.Errorf("exit %d, want %d", c, ExitComm)
	}
	var r benchResult
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatalf("%v in %q", err, out)
	}
	if !r.DaemonGone || r.Lost != 4 || r.Interrupted {
		t.Errorf("daemon_gone %v, connections_lost %d, interrupted %v; want true, 4, false", r.DaemonGone, r.Lost, r.Interrupted)
	}
	if r.OK == 0 || r.Calls >= n || r.Latency == nil {
		t.Errorf("calls %d, ok %d, latency %v: want the calls measured before the daemon went away", r.Calls, r.OK, r.Latency)
	}
	connect := 0
	for _, e := range r.Errors {
		if e.Remote {
			t.Errorf("remote error %+v from a daemon that went away", e)
		}
		if e.Kind == "connect error" {
			connect = e.Count
		}
	}
	if connect != 4 {
		t.Errorf("errors %+v: want one connect error per worker, 4", r.Errors)
	}
}

// TestBenchReportSaysTheDaemonWentAway: the text report has a line for it.
func TestBenchReportSaysTheDaemonWentAway(t *testing.T) {
	for _, tc := range []struct {
		r    benchResult
		want string
	}{
		{benchResult{Connections: 2, Lost: 2, DaemonGone: true}, "stopped    the daemon went away"},
		{benchResult{Connections: 4, Lost: 1}, "stopped    1 of 4 connections broke"},
	} {
		var b strings.Builder
		tc.r.writeText(&b, newStyles(false))
		if !strings.Contains(b.String(), tc.want) {
			t.Errorf("%+v: report lacks %q:\n%s", tc.r, tc.want, b.String())
		}
	}
	var b strings.Builder
	(&benchResult{Connections: 1}).writeText(&b, newStyles(false))
	if strings.Contains(b.String(), "stopped") {
		t.Errorf("a full run says it stopped:\n%s", b.String())
	}
}
