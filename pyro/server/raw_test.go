package server

import (
	"bufio"
	"net"
	"testing"
	"time"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/codec/json"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/wire"
)

// testDeadline bounds every network wait of a test.
const testDeadline = 10 * time.Second

// startDaemon serves objs (id → object) on a loopback port. The json
// codec is always accepted, so the tests run whatever the pyro codec
// table holds.
func startDaemon(t testing.TB, opts Options, objs map[string]*Object) *Daemon {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	opts.Codecs = append(opts.Codecs, json.Codec{})
	d := New(opts)
	for id, o := range objs {
		d.Register(id, o)
	}
	done := make(chan error, 1)
	go func() { done <- d.Serve(l) }()
	t.Cleanup(func() {
		d.Close()
		select {
		case <-done:
		case <-time.After(testDeadline):
			t.Error("Serve did not return after Close")
		}
	})
	for d.Location() == "" {
		time.Sleep(time.Millisecond)
	}
	return d
}

// rawClient speaks the protocol by hand, to see exactly what the daemon
// sends.
type rawClient struct {
	t   testing.TB
	nc  net.Conn
	r   *bufio.Reader
	cd  codec.Codec
	wo  wire.Options
	seq uint16
}

func dialRaw(t testing.TB, d *Daemon, cd codec.Codec, wo wire.Options) *rawClient {
	t.Helper()
	nc, err := net.DialTimeout("tcp", d.Location(), testDeadline)
	if err != nil {
		t.Fatal(err)
	}
	nc.SetDeadline(time.Now().Add(testDeadline))
	t.Cleanup(func() { nc.Close() })
	return &rawClient{t: t, nc: nc, r: bufio.NewReader(nc), cd: cd, wo: wo}
}

func (c *rawClient) send(m *wire.Message) {
	c.t.Helper()
	if err := wire.Write(c.nc, m, &c.wo); err != nil {
		c.t.Fatalf("write %s: %v", m.Type, err)
	}
}

func (c *rawClient) recv() *wire.Message {
	c.t.Helper()
	m, err := wire.Read(c.r, &c.wo)
	if err != nil {
		c.t.Fatalf("read reply: %v", err)
	}
	return m
}

func (c *rawClient) decode(m *wire.Message) py.Value {
	c.t.Helper()
	cd := c.cd
	if m.SerializerID != cd.ID() {
		var err error
		if cd, err = pyro.Codec("marshal"); err != nil || cd.ID() != m.SerializerID {
			if m.SerializerID == codec.IDMarshal && len(m.Data) > 5 && m.Data[0] == 'u' {
				return py.Str(m.Data[5:]) // our hand-made marshal str
			}
			c.t.Fatalf("reply in serializer %d", m.SerializerID)
		}
	}
	v, err := cd.Decode(m.Data)
	if err != nil {
		c.t.Fatalf("decode %s: %v", m.Type, err)
	}
	return v
}

// connect makes the handshake for object and returns the CONNECTOK or
// CONNECTFAIL and its decoded payload.
func (c *rawClient) connect(object string) (*wire.Message, py.Value) {
	c.t.Helper()
	data, err := c.cd.Encode(nil, py.DictOf(py.Str("handshake"), py.Str("hello"), py.Str("object"), py.Str(object)))
	if err != nil {
		c.t.Fatal(err)
	}
	c.send(&wire.Message{Type: wire.Connect, Flags: wire.FlagMetaOnConnect, Seq: c.seq, SerializerID: c.cd.ID(), Data: data})
	m := c.recv()
	return m, c.decode(m)
}

// invoke sends one INVOKE and returns the reply (nil for oneway).
func (c *rawClient) invoke(object, method string, flags wire.Flags, args []py.Value, kwargs *py.Dict) *wire.Message {
	c.t.Helper()
	data, err := c.cd.EncodeCall(nil, &codec.Call{Object: object, Method: method, Args: args, Kwargs: kwargs})
	if err != nil {
		c.t.Fatal(err)
	}
	c.seq++
	c.send(&wire.Message{Type: wire.Invoke, Flags: flags, Seq: c.seq, SerializerID: c.cd.ID(), Data: data})
	if flags&wire.FlagOneway != 0 {
		return nil
	}
	m := c.recv()
	if m.Seq != c.seq {
		c.t.Fatalf("reply seq %d, want %d", m.Seq, c.seq)
	}
	return m
}

// call invokes and decodes, failing on an exception reply.
func (c *rawClient) call(object, method string, args ...py.Value) py.Value {
	c.t.Helper()
	m := c.invoke(object, method, 0, args, nil)
	v := c.decode(m)
	if m.Flags != 0 {
		c.t.Fatalf("%s: reply flags %s: %s", method, m.Flags, py.Repr(v))
	}
	return v
}

// raises invokes and returns the exception dict's class and args.
func (c *rawClient) raises(object, method string, args ...py.Value) (string, py.Value, *py.Dict) {
	c.t.Helper()
	m := c.invoke(object, method, 0, args, nil)
	v := c.decode(m)
	if m.Flags != wire.FlagException {
		c.t.Fatalf("%s: reply flags %s, want EXCEPTION: %s", method, m.Flags, py.Repr(v))
	}
	if _, ok := m.Annotation("CORR"); ok {
		c.t.Errorf("%s: exception reply carries CORR", method)
	}
	d := v.(*py.Dict)
	cls, _ := d.GetStr("__class__")
	args0, _ := d.GetStr("args")
	return string(cls.(py.Str)), args0, d
}
