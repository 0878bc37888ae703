package server

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/wire"
)

// conn serves one client connection. Only its own goroutine reads and
// writes; oneway calls run elsewhere but never write.
type conn struct {
	d      *Daemon
	nc     net.Conn
	r      *bufio.Reader
	w      *bufio.Writer
	ctx    context.Context // ends when the connection or the daemon does
	cancel context.CancelFunc
	buf    []byte
	budget connBudget
	wo     wire.Options // the daemon's, with this connection's budget
	f      framing      // chosen from the first bytes the client sends
	dl     *dialect     // f's

	started    time.Time
	handshaken atomic.Bool // the CONNECT was answered with CONNECTOK
	evicted    bool        // closed to make room; guarded by d.mu

	mu      sync.Mutex // guards streams against the cleanup at close
	streams map[string]Iterator
}

func newConn(d *Daemon, nc net.Conn) *conn {
	ctx, cancel := context.WithCancel(d.ctx)
	c := &conn{d: d, nc: nc, r: bufio.NewReaderSize(nc, 32<<10), w: bufio.NewWriterSize(nc, 16<<10),
		ctx: ctx, cancel: cancel, streams: map[string]Iterator{}, started: time.Now(),
		budget: connBudget{m: d.mem, limit: d.lim.connMemory}}
	c.wo = d.wo
	c.wo.Budget = &c.budget
	return c
}

// serve runs the handshake, then answers INVOKE and PING until the client
// leaves, breaks the protocol, or the daemon stops.
func (c *conn) serve() {
	defer c.close()
	// The handshake has a deadline and a small size limit: a connection
	// that has not proven to be a Pyro client costs little and not long.
	c.nc.SetDeadline(time.Now().Add(c.d.lim.handshakeTimeout))
	f, err := c.d.pickFraming(c.r, c.wo)
	if err != nil {
		return
	}
	c.f, c.dl = f, f.dialect()
	c.ctx = context.WithValue(c.ctx, protocolKey{}, f.version())
	ok := c.handshake()
	c.budget.release()
	if !ok {
		return
	}
	c.nc.SetDeadline(time.Time{})
	for {
		m, err := c.f.read(c.r, c.d.lim.messageSize)
		if err != nil {
			c.budget.release()
			if !errors.Is(err, io.EOF) && c.ctx.Err() == nil && !errors.Is(err, net.ErrClosed) {
				c.d.log.Info("pyro daemon: closing connection", "remote", c.nc.RemoteAddr().String(), "err", err)
			}
			return
		}
		ok := c.handle(m)
		m = nil
		c.budget.release()
		if !ok {
			return
		}
	}
}

// handle answers one message after the handshake; false closes the
// connection.
func (c *conn) handle(m *message) bool {
	switch m.typ {
	case wire.Ping:
		return c.send(&message{typ: wire.Ping, seq: m.seq, serializer: m.serializer, serID: m.serID,
			corrID: corr(m), data: []byte("pong")}, false, "")
	case wire.Invoke:
		return c.invoke(m)
	}
	// Pyro4 reads with required types INVOKE and PING; anything else is a
	// ProtocolError that closes the connection.
	c.d.log.Info("pyro daemon: unexpected message", "type", m.typ.String())
	return false
}

func (c *conn) close() {
	c.cancel()
	c.nc.Close()
	c.mu.Lock()
	streams := c.streams
	c.streams = nil
	c.mu.Unlock()
	for _, it := range streams {
		it.Close()
	}
}

// handshake answers the CONNECT (core.py Daemon._handshake) and reports
// whether the connection may go on.
func (c *conn) handshake() bool {
	m, err := c.f.read(c.r, c.d.lim.handshakeSize)
	if err != nil {
		var se *wire.SecurityError
		if errors.As(err, &se) && se.Type == wire.Connect {
			reason := "message hmac mismatch"
			if strings.Contains(se.Reason, "not symmetric") {
				reason = "hmac key config not symmetric"
			}
			c.connectFail(nil, 0, reason)
		}
		return false
	}
	cd, ok := c.d.codecs[m.serializer]
	switch {
	case m.typ != wire.Connect:
		c.connectFail(nil, 0, fmt.Sprintf("invalid msg type %d received", m.typ))
		return false
	case !ok:
		c.connectFail(nil, 0, fmt.Sprintf("message used serializer that is not accepted: %d", m.serID))
		return false
	case c.f.version() == Pyro5 && len(c.wo.HMACKey) > 0:
		// Pyro5 has no HMAC: it cannot prove it holds the key.
		c.connectFail(cd, m.seq, "this daemon requires an HMAC key, which Pyro5 does not have; use a Pyro4 client")
		return false
	}
	resp, err := c.handshakeResponse(cd, m)
	if err != nil {
		c.connectFail(cd, m.seq, err.Error())
		return false
	}
	data, err := cd.Encode(nil, resp)
	if err != nil {
		c.connectFail(cd, m.seq, err.Error())
		return false
	}
	// Handshaken before the client can see the CONNECTOK: from then on
	// it may call, and eviction must pass it by.
	c.handshaken.Store(true)
	return c.send(&message{typ: wire.ConnectOK, meta: m.meta, seq: m.seq,
		serializer: m.serializer, corrID: corr(m), data: data}, true, "")
}

func (c *conn) handshakeResponse(cd codec.Codec, m *message) (py.Value, error) {
	v, err := codec.Decode(cd, m.data, c.budget.decodeBudget(len(m.data)))
	if err != nil {
		return nil, err
	}
	d, _ := v.(*py.Dict)
	if d == nil {
		return nil, errors.New("handshake data is " + py.TypeName(v) + ", not a dict")
	}
	hs, ok := d.GetStr("handshake")
	if !ok {
		return nil, errors.New("'handshake'") // str(KeyError('handshake'))
	}
	_ = hs // like Pyro4's default validateHandshake, accept any and answer "hello"
	if !m.meta {
		return py.Str("hello"), nil
	}
	id, ok := d.GetStr("object")
	if !ok {
		return nil, errors.New("'object'")
	}
	ids, _ := id.(py.Str)
	meta, exc := c.metadata(string(ids), true)
	if exc != nil {
		return nil, errors.New(exc.Message())
	}
	return py.DictOf(py.Str("handshake"), py.Str("hello"), py.Str("meta"), meta), nil
}

// connectFail sends a CONNECTFAIL with the reason in cd, or in marshal
// when cd is nil (the request's serializer was not accepted).
func (c *conn) connectFail(cd codec.Codec, seq uint16, reason string) {
	m := &message{typ: wire.ConnectFail, seq: seq, corrID: corr(nil)}
	if cd != nil {
		if data, err := cd.Encode(nil, py.Str(reason)); err == nil {
			m.serializer, m.data = cd.Name(), data
		}
	}
	if m.data == nil {
		m.serializer, m.data = "marshal", marshalStr(reason)
	}
	c.send(m, false, "")
}

// marshalStr is Python marshal's encoding of a str: type 'u', a
// little-endian u32 length and the UTF-8 bytes. Every marshal version
// reads it, so a refused client can always decode the reason.
func marshalStr(s string) []byte {
	n := len(s)
	b := append([]byte{'u', byte(n), byte(n >> 8), byte(n >> 16), byte(n >> 24)}, s...)
	return b
}

// corr returns the correlation id for a reply: the request's, or a new
// random one as Pyro4 and Pyro5 generate.
func corr(req *message) []byte {
	if req != nil && req.corrID != nil {
		return req.corrID
	}
	raw, _ := uuid4()
	return raw
}

// send frames and writes m, or spoils it when the daemon's fault picks
// it (Pyro4 connections only); it reports whether the connection stays
// usable.
func (c *conn) send(m *message, faultable bool, method string) bool {
	var err error
	c.buf, err = c.f.appendFrame(c.buf[:0], m)
	if err != nil {
		c.d.log.Info("pyro daemon: cannot frame reply", "err", err)
		return false
	}
	frame := c.buf
	if cap(c.buf) > 1<<20 {
		c.buf = nil
	}
	if faultable && c.f.version() == Pyro4 && c.d.fault.take(m.typ == wire.ConnectOK, method) {
		return c.spoil(c.d.fault.Kind, frame)
	}
	return c.write(frame)
}

func (c *conn) write(b []byte) bool {
	if _, err := c.w.Write(b); err != nil {
		return false
	}
	return c.w.Flush() == nil
}

// stall waits until the client closes the connection or the daemon
// stops, discarding whatever the client sends meanwhile.
func (c *conn) stall() {
	stop := context.AfterFunc(c.ctx, func() { c.nc.Close() })
	defer stop()
	_, _ = io.Copy(io.Discard, c.r)
}
