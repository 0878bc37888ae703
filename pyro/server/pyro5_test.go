package server

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/codec/json"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/wire"
	"github.com/pyrosh/pyrosh/pyro/wire5"
)

// client5 speaks Pyro5 by hand to a daemon, with json (Pyro5 id 3).
type client5 struct {
	t  *testing.T
	nc net.Conn
}

func dial5(t *testing.T, d *Daemon) *client5 {
	t.Helper()
	nc, err := net.DialTimeout("tcp", d.Location(), testDeadline)
	if err != nil {
		t.Fatal(err)
	}
	nc.SetDeadline(time.Now().Add(testDeadline))
	t.Cleanup(func() { nc.Close() })
	return &client5{t: t, nc: nc}
}

func (c *client5) roundTrip(m *wire5.Message) *wire5.Message {
	c.t.Helper()
	if err := wire5.Write(c.nc, m, nil); err != nil {
		c.t.Fatal(err)
	}
	r, err := wire5.Read(c.nc, nil)
	if err != nil {
		c.t.Fatalf("reply to %s: %v", m.Type, err)
	}
	return r
}

func (c *client5) connect(object string) *wire5.Message {
	c.t.Helper()
	data := []byte(`{"handshake": "hello", "object": "` + object + `"}`)
	return c.roundTrip(&wire5.Message{Type: wire.Connect, SerializerID: wire5.IDJSON, Data: data})
}

func TestPyro5Handshake(t *testing.T) {
	d := startDaemon(t, Options{}, echoObjects())
	c := dial5(t, d)
	m := c.connect("Example")
	if m.Type != wire.ConnectOK || m.SerializerID != wire5.IDJSON || m.Flags&wire5.FlagCorrID == 0 {
		t.Fatalf("got %s serializer %d flags %s, want CONNECTOK in json (3) with a correlation id", m.Type, m.SerializerID, m.Flags)
	}
	v, err := json.Codec{}.Decode(m.Data)
	if err != nil {
		t.Fatal(err)
	}
	// Pyro5 always sends metadata, whether or not it was asked for.
	if got := py.Repr(v); !strings.Contains(got, "'meta': {'methods': ['echo']") {
		t.Fatalf("CONNECTOK payload %s, want the metadata", got)
	}
}

func TestPyro5ClosesAfterSerializeError(t *testing.T) {
	d := startDaemon(t, Options{}, echoObjects())
	c := dial5(t, d)
	if m := c.connect("Example"); m.Type != wire.ConnectOK {
		t.Fatalf("handshake: %s", m.Type)
	}
	var corr [16]byte
	copy(corr[:], "0123456789abcdef")
	m := c.roundTrip(&wire5.Message{Type: wire.Invoke, SerializerID: wire5.IDJSON, Seq: 1, Flags: wire5.FlagCorrID, CorrID: corr,
		Data: []byte(`{"object": "Example", "method": 7}`)})
	if m.Flags&wire5.FlagException == 0 || !strings.Contains(string(m.Data), "Pyro5.errors.SerializeError") || m.CorrID != corr {
		t.Fatalf("got flags %s corr %q: %s", m.Flags, m.CorrID, m.Data)
	}
	if !closedByDaemon(t, c.nc) {
		t.Fatal("the daemon kept the connection after a SerializeError, as Pyro5 does not")
	}
}

func TestPyro5CannotPassAnHMACKey(t *testing.T) {
	d := startDaemon(t, Options{HMACKey: []byte("secret")}, echoObjects())
	m := dial5(t, d).connect("Example")
	if m.Type != wire.ConnectFail || !strings.Contains(string(m.Data), "Pyro5 does not have") {
		t.Fatalf("got %s: %s", m.Type, m.Data)
	}
}

func TestPyro5HandshakeLimit(t *testing.T) {
	d := startDaemon(t, Options{}, echoObjects())
	c := dial5(t, d)
	// 100 KB, over the 64 KiB a CONNECT may have: closed at the header,
	// with no answer, as for Pyro4.
	big := make([]byte, 100<<10)
	if err := wire5.Write(c.nc, &wire5.Message{Type: wire.Connect, SerializerID: wire5.IDSerpent, Data: big}, nil); err != nil {
		t.Fatal(err)
	}
	c.nc.SetReadDeadline(time.Now().Add(testDeadline))
	got, err := io.ReadAll(c.nc)
	if len(got) != 0 || err != nil && !errors.Is(err, syscall.ECONNRESET) {
		t.Fatalf("read %d bytes, %v; want the connection closed without an answer", len(got), err)
	}
}

func TestGoClientSpeaksBothToTheDaemon(t *testing.T) {
	d := startDaemon(t, Options{}, echoObjects())
	for _, proto := range []int{pyro.Pyro4, pyro.Pyro5} {
		ctx, cancel := context.WithTimeout(context.Background(), testDeadline)
		p, err := pyro.Dial(ctx, d.URI("Example"), pyro.WithProtocol(proto), pyro.WithSerializer("json"))
		if err != nil {
			cancel()
			t.Fatalf("Pyro%d: %v", proto, err)
		}
		v, err := p.Call(ctx, "echo", []py.Value{py.Int(1), py.Str("a")}, nil)
		if err != nil || py.Repr(v) != "[1, 'a']" {
			t.Errorf("Pyro%d: echo = %v, %v", proto, v, err)
		}
		if got := p.Protocol(); got != proto {
			t.Errorf("spoke Pyro%d, want Pyro%d", got, proto)
		}
		p.Close()
		cancel()
	}
}
