package pyro_test

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/server"
)

// faultDeadline bounds each fault test; none may hang.
const faultDeadline = 10 * time.Second

// faultDaemon serves an object with hello() on a Go daemon that spoils
// one reply as f says.
func faultDaemon(t *testing.T, f server.Fault) *server.Daemon {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	d := server.New(server.Options{Fault: &f, Location: l.Addr().String()})
	d.Register("thing", server.NewObject("test.Thing").Method("hello",
		func(context.Context, []py.Value, *py.Dict) (py.Value, error) { return py.Str("hello"), nil }))
	go d.Serve(l)
	t.Cleanup(func() { d.Close() })
	return d
}

func faultCtx(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// wantKind checks err is exactly one of the client's typed errors.
func wantKind(t *testing.T, err error, kind string) {
	t.Helper()
	var pe *pyro.ProtocolError
	var ce *pyro.ConnError
	var re *pyro.RemoteError
	got := "untyped"
	switch {
	case err == nil:
		t.Fatalf("no error, want a %s", kind)
	case errors.As(err, &re):
		got = "remote"
	case errors.As(err, &pe):
		got = "protocol"
	case errors.As(err, &ce):
		got = "conn"
	}
	if got != kind {
		t.Errorf("error %q is a %s error, want %s", err, got, kind)
	}
}

// TestFaultyRepliesGiveOneClearErrorAndTheProxyRecovers spoils the reply
// to the first hello() in each way the daemon can, then checks the error
// and that the next call on the same proxy re-dials and works.
func TestFaultyRepliesGiveOneClearErrorAndTheProxyRecovers(t *testing.T) {
	tests := []struct {
		kind server.FaultKind
		want string // "protocol", "conn" or "timeout"
	}{
		{server.FaultDrop, "protocol"},
		{server.FaultTruncatedHeader, "protocol"},
		{server.FaultOversized, "protocol"},
		{server.FaultGarbage, "protocol"},
		{server.FaultBadChecksum, "protocol"},
		{server.FaultWrongSeq, "protocol"},
		{server.FaultStall, "timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.kind.String(), func(t *testing.T) {
			t.Parallel()
			d := faultDaemon(t, server.Fault{Kind: tt.kind, Method: "hello"})
			p, err := pyro.Dial(faultCtx(t, faultDeadline), d.URI("thing"))
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			callTimeout := faultDeadline
			if tt.kind == server.FaultStall {
				callTimeout = 300 * time.Millisecond
			}
			_, err = p.Call(faultCtx(t, callTimeout), "hello", nil, nil)
			t.Logf("error: %v", err)
			if tt.want == "timeout" {
				if !pyro.IsTimeout(err) {
					t.Errorf("stalled call: %v, want a timeout", err)
				}
				wantKind(t, err, "conn")
			} else {
				wantKind(t, err, tt.want)
				if pyro.IsTimeout(err) {
					t.Errorf("%v is a timeout", err)
				}
			}
			if d.Fired() != 1 {
				t.Errorf("fault fired %d times", d.Fired())
			}
			v, err := p.Call(faultCtx(t, faultDeadline), "hello", nil, nil)
			if err != nil || py.Repr(v) != "'hello'" {
				t.Errorf("call after the fault = %v, %v", v, err)
			}
		})
	}
}

// TestFaultyHandshake spoils the CONNECTOK: Dial fails cleanly, the next
// Dial works.
func TestFaultyHandshake(t *testing.T) {
	for _, kind := range []server.FaultKind{server.FaultDrop, server.FaultGarbage, server.FaultBadChecksum, server.FaultStall} {
		t.Run(kind.String(), func(t *testing.T) {
			t.Parallel()
			d := faultDaemon(t, server.Fault{Kind: kind, Handshake: true})
			timeout := faultDeadline
			if kind == server.FaultStall {
				timeout = 300 * time.Millisecond
			}
			_, err := pyro.Dial(faultCtx(t, timeout), d.URI("thing"))
			if kind == server.FaultStall {
				if !pyro.IsTimeout(err) {
					t.Errorf("stalled handshake: %v, want a timeout", err)
				}
			} else {
				wantKind(t, err, "protocol")
			}
			p, err := pyro.Dial(faultCtx(t, faultDeadline), d.URI("thing"))
			if err != nil {
				t.Fatalf("dial after the fault: %v", err)
			}
			p.Close()
		})
	}
}
