package pyro

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"syscall"
	"time"

	"github.com/pyrosh/pyrosh/pyro/wire"
)

// conn is one connection to a daemon: framing with limits and HMAC, and
// context-bound I/O. A conn whose I/O failed or was cancelled is dead: its
// state is unknown, so the proxy drops it and dials a new one next time.
type conn struct {
	nc   net.Conn
	r    *bufio.Reader
	w    *bufio.Writer
	wo   wire.Options
	addr string
	buf  []byte // the frame being sent, reused
	enc  []byte // the payload being encoded, reused

	deadline time.Time       // the deadline last set on nc
	raw      syscall.RawConn // the socket under nc (under TLS too), for closedByPeer
	used     time.Time       // when the last message was sent or received
}

func dialConn(ctx context.Context, u *URI, o *Options) (*conn, error) {
	network, addr := u.network()
	var d net.Dialer
	nc, err := d.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	raw := rawConn(nc)
	if o.TLS != nil {
		cfg := o.TLS.Clone()
		if cfg.ServerName == "" && u.Host != "" {
			cfg.ServerName = u.Host
		}
		tc := tls.Client(nc, cfg)
		if err := tc.HandshakeContext(ctx); err != nil {
			nc.Close()
			return nil, err
		}
		nc = tc
	}
	return &conn{
		nc:   nc,
		r:    bufio.NewReaderSize(nc, 64<<10),
		w:    bufio.NewWriterSize(nc, 16<<10),
		wo:   wire.Options{HMACKey: o.HMACKey, MaxSize: o.MaxMessageSize, Compress: o.Compress},
		addr: u.Location(),
		raw:  raw,
		used: time.Now(),
	}, nil
}

// watch makes ctx cancellation and deadline interrupt blocked I/O on the
// connection; the returned function stops watching.
func (c *conn) watch(ctx context.Context) func() {
	dl, _ := ctx.Deadline()
	if !dl.Equal(c.deadline) {
		c.nc.SetDeadline(dl)
		c.deadline = dl
	}
	if ctx.Done() == nil {
		return func() {} // never cancelled: nothing to watch
	}
	stop := context.AfterFunc(ctx, func() { c.nc.SetDeadline(time.Unix(1, 0)) })
	return func() {
		if !stop() {
			// The cancel fired: the connection's deadline is in the past
			// (it is dropped anyway, but keep the record true).
			c.deadline = time.Unix(1, 0)
		}
	}
}

func (c *conn) send(m *wire.Message) error {
	var err error
	c.buf, err = m.AppendFrame(c.buf[:0], &c.wo)
	if err != nil {
		return err
	}
	if _, err := c.w.Write(c.buf); err != nil {
		return err
	}
	if cap(c.buf) > 1<<20 {
		c.buf = nil // don't pin a big request buffer for the life of the proxy
	}
	if err := c.w.Flush(); err != nil {
		return err
	}
	c.used = time.Now()
	return nil
}

func (c *conn) recv() (*wire.Message, error) {
	m, err := wire.Read(c.r, &c.wo)
	if errors.Is(err, io.EOF) {
		return nil, errConnClosed
	}
	if err == nil {
		c.used = time.Now()
	}
	return m, err
}

func (c *conn) close() error { return c.nc.Close() }

var errConnClosed = errors.New("connection closed by the daemon")
