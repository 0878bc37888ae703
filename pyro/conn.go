package pyro

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/wire"
	"github.com/pyrosh/pyrosh/pyro/wire5"
)

// conn is one connection to a daemon: one protocol's framing (Pyro4 or
// Pyro5, chosen when dialled) with its limits, and context-bound I/O. A
// conn whose I/O failed or was cancelled is dead: its state is unknown,
// so the proxy drops it and dials a new one next time.
type conn struct {
	t       transport
	r       *bufio.Reader
	f       framing
	checked bool // the daemon's first reply showed it speaks f's protocol
	addr    string
	buf     []byte     // the frame being sent, reused
	enc     []byte     // the payload being encoded, reused
	req     message    // the request being sent, reused
	reply   message    // the reply last received, reused: valid until the next recv
	call    codec.Call // the call being encoded, reused (Proxy.invoke)
	// The INVOKE payload's start for prefixObject and prefixMethod
	// (codec.CallPrefixer), kept for the next call of the same method.
	prefix                     []byte
	prefixObject, prefixMethod string

	deadline time.Time     // the deadline last set on t
	used     time.Duration // monoNow when the last reply was received or a oneway sent
	// interrupted is set once a cancel or deadline interrupted the I/O.
	interrupted atomic.Bool

	// The context whose cancellation interrupts the I/O (see watch): it
	// stays registered between calls. wmu orders fire against a new
	// registration; gen numbers registrations, so that a late fire of
	// one replaced is ignored.
	watched context.Context
	stop    func() bool
	wmu     sync.Mutex
	gen     uint64
	busy    atomic.Bool // I/O in progress between watch and unwatch
	fired   atomic.Bool // the watched context is done
}

// dialConn connects to u's daemon (with TLS when o says so) to speak the
// given protocol version.
func dialConn(ctx context.Context, u *URI, o *Options, version int) (*conn, error) {
	network, addr := u.network()
	if network == "tcp" && o.TLS == nil && !o.Netpoll {
		if t, ok, err := dialBlocking(ctx, u.Host, u.Port); err != nil {
			return nil, err
		} else if ok {
			return newConn(t, u, o, version), nil
		}
	}
	var d net.Dialer
	nc, err := d.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	var t transport
	if o.TLS != nil {
		raw := rawConn(nc)
		cfg := o.TLS.Clone()
		if cfg.ServerName == "" && u.Host != "" {
			cfg.ServerName = u.Host
		}
		tc := tls.Client(nc, cfg)
		if err := tc.HandshakeContext(ctx); err != nil {
			nc.Close()
			return nil, err
		}
		t = &netTransport{Conn: tc, raw: raw}
	} else {
		if !o.Netpoll {
			t = blockingTransport(nc)
		}
		if t == nil {
			t = &netTransport{Conn: nc, raw: rawConn(nc)}
		}
	}
	return newConn(t, u, o, version), nil
}

func newConn(t transport, u *URI, o *Options, version int) *conn {
	return &conn{
		t:    t,
		r:    bufio.NewReaderSize(t, 64<<10),
		f:    newFraming(version, o),
		addr: u.Location(),
		used: monoNow(),
	}
}

// watch makes ctx cancellation and deadline interrupt the I/O that
// follows, until unwatch:
//
//	if err := c.watch(ctx); err != nil { ... }
//	defer c.unwatch()
//
// A call with the same context as the call before (a shell's statement
// context, bench's run context) costs no registration with it: the
// context.AfterFunc that watches it stays registered between calls and
// interrupts only while I/O is in progress, so a context cancelled
// between calls (a finished statement's own) leaves the connection
// alone. watch returns ctx's error, and starts no I/O, when ctx is done.
func (c *conn) watch(ctx context.Context) error {
	dl, _ := ctx.Deadline()
	if !dl.Equal(c.deadline) {
		c.t.setDeadline(dl)
		c.deadline = dl
	}
	if ctx != c.watched {
		gen := c.stopWatch()
		c.watched = ctx
		if ctx.Done() != nil {
			c.stop = context.AfterFunc(ctx, func() { c.fire(gen) })
		}
	}
	c.busy.Store(true)
	if c.fired.Load() {
		// Done before the I/O began. If fire saw busy it interrupted the
		// connection (and said so); if not, this check stops the call.
		c.busy.Store(false)
		if err := ctx.Err(); err != nil {
			return err
		}
		return context.Canceled
	}
	return nil
}

// fire runs when the context of registration gen is done: it interrupts
// the I/O in progress, if any, which kills the connection (a blocking
// socket is shut down), so the next call dials again. A registration
// replaced since is ignored.
func (c *conn) fire(gen uint64) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if gen != c.gen {
		return
	}
	c.fired.Store(true)
	if c.busy.Load() {
		c.interrupted.Store(true)
		c.t.interrupt()
	}
}

// unwatch ends the I/O watch began.
func (c *conn) unwatch() { c.busy.Store(false) }

// stopWatch drops the registration with the context last watched and
// returns the number of the next one: a fire of the dropped one that is
// already under way is ignored from now on.
func (c *conn) stopWatch() uint64 {
	if c.stop != nil {
		c.stop()
		c.stop = nil
	}
	c.watched = nil
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.gen++
	c.fired.Store(false)
	return c.gen
}

// encodeCall encodes c.call with cd into c.enc's buffer: with a
// codec.CallPrefixer (cp, nil for none) from the prefix kept for the last
// call's object and method, when it is the same.
func (c *conn) encodeCall(cd codec.Codec, cp codec.CallPrefixer) ([]byte, error) {
	call := &c.call
	if cp == nil {
		return cd.EncodeCall(c.enc[:0], call)
	}
	if c.prefix == nil || call.Object != c.prefixObject || call.Method != c.prefixMethod {
		c.prefix = cp.AppendCallPrefix(c.prefix[:0], call.Object, call.Method)
		c.prefixObject, c.prefixMethod = call.Object, call.Method
	}
	data, err := cp.AppendCallArgs(append(c.enc[:0], c.prefix...), call)
	if cap(c.prefix) > 4<<10 {
		c.prefix = nil // a long name is not kept
	}
	return data, err
}

func (c *conn) send(m *message) error {
	var err error
	c.buf, err = c.f.appendFrame(c.buf[:0], m)
	if err != nil {
		return err
	}
	// The frame is whole in c.buf: one write, no copy into a buffer.
	_, err = c.t.Write(c.buf)
	if cap(c.buf) > 1<<20 {
		c.buf = nil // don't pin a big request buffer for the life of the proxy
	}
	return err
}

// recv reads one message, into c.reply: it is valid until the next
// recv (its payload is its own, and stays valid). The first reply on a connection is checked
// for the protocol first: both Pyro4 and Pyro5 put "PYRO" and a u16
// version in their first 6 bytes, and each daemon answers the other
// protocol's first message with a CONNECTFAIL in its own framing, then
// closes (PROTOCOL.md §12). A reply in the other protocol is an
// *otherProtocolError saying which one the daemon speaks.
func (c *conn) recv() (*message, error) {
	if !c.checked {
		prefix, err := c.r.Peek(wire5.PrefixSize)
		if err != nil && len(prefix) == 0 && errors.Is(err, io.EOF) {
			return nil, errConnClosed
		}
		if v, ok := wire5.Version(prefix); ok && v != c.f.wireVersion() {
			if other, known := protocolOfWire[v]; known {
				return nil, &otherProtocolError{speaks: other, asked: c.f.version()}
			}
		}
		c.checked = true
	}
	if err := c.f.read(c.r, &c.reply); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errConnClosed
		}
		return nil, err
	}
	c.used = monoNow()
	return &c.reply, nil
}

// protocolOfWire maps the header's protocol number to the Pyro version.
var protocolOfWire = map[uint16]int{wire.ProtocolVersion: Pyro4, wire5.ProtocolVersion: Pyro5}

// otherProtocolError is the first reply of a daemon that speaks the other
// protocol than the one the connection was dialled for.
type otherProtocolError struct {
	speaks, asked int
	// forced and fix are the settings that asked for the protocol and
	// that speak the daemon's, as the user writes them (Options.
	// ProtocolSetting); Proxy.connect fills them in.
	forced, fix string
}

func (e *otherProtocolError) Error() string {
	if e.forced == "" {
		return fmt.Sprintf("the daemon speaks Pyro%d, not Pyro%d", e.speaks, e.asked)
	}
	return fmt.Sprintf("the daemon speaks Pyro%d, not the Pyro%d %s asks for (use %s, or auto)", e.speaks, e.asked, e.forced, e.fix)
}

// IsOtherProtocol reports whether err is a daemon that speaks the other
// protocol than the one forced with --protocol.
func IsOtherProtocol(err error) bool {
	var e *otherProtocolError
	return errors.As(err, &e)
}

func (c *conn) close() error {
	c.stopWatch()
	return c.t.close()
}

var errConnClosed = errors.New("connection closed by the daemon")
