package pyro

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/wire"
)

// Metadata is what a daemon says an object exposes.
type Metadata struct {
	Methods []string // all exposed methods, oneway ones included
	Oneway  []string
	Attrs   []string // exposed properties
}

// IsOneway reports whether method is a oneway method.
func (m *Metadata) IsOneway(method string) bool { return slices.Contains(m.Oneway, method) }

// HasMethod reports whether method is exposed.
func (m *Metadata) HasMethod(method string) bool { return slices.Contains(m.Methods, method) }

// HasAttr reports whether name is an exposed attribute.
func (m *Metadata) HasAttr(name string) bool { return slices.Contains(m.Attrs, name) }

// Proxy is a connection to one remote object. Its methods are safe for
// concurrent use; calls on one proxy run one at a time, as in Pyro4.
type Proxy struct {
	uri   *URI // resolved PYRO uri
	opts  Options
	codec codec.Codec

	mu   sync.Mutex
	c    *conn // nil when not connected
	seq  uint16
	meta Metadata
	hs   py.Value // the daemon's handshake response
	corr []byte   // CORR of the last reply
}

// Dial resolves uri (through the name server for PYRONAME and PYROMETA),
// connects, and makes the handshake that fetches the object's metadata.
func Dial(ctx context.Context, uri string, opts ...Option) (*Proxy, error) {
	u, err := ParseURI(uri)
	if err != nil {
		return nil, err
	}
	var o Options
	for _, opt := range opts {
		opt(&o)
	}
	return DialURI(ctx, u, o)
}

// DialURI is Dial with a parsed URI and options.
func DialURI(ctx context.Context, u *URI, o Options) (*Proxy, error) {
	cd, err := Codec(o.Serializer)
	if err != nil {
		return nil, err
	}
	if u.Protocol != "PYRO" {
		if u, err = Resolve(ctx, u, o); err != nil {
			return nil, err
		}
	}
	p := &Proxy{uri: u, opts: o, codec: cd}
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.connect(ctx); err != nil {
		return nil, err
	}
	return p, nil
}

// URI returns the (resolved) URI of the object.
func (p *Proxy) URI() *URI { return p.uri }

// Serializer returns the name of the proxy's serializer.
func (p *Proxy) Serializer() string { return p.codec.Name() }

// Metadata returns what the daemon said at the last handshake.
func (p *Proxy) Metadata() Metadata {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.meta
}

// HandshakeResponse returns what the daemon's validateHandshake returned
// at the last handshake ("hello" from a daemon that does not override it;
// Pyro4 and Pyro5 send it as the "handshake" item of the CONNECTOK data).
func (p *Proxy) HandshakeResponse() py.Value {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.hs
}

// CorrelationID returns the CORR annotation of the last reply (the id the
// daemon used for the call), or nil when it sent none.
func (p *Proxy) CorrelationID() []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.corr
}

// Close closes the connection; the proxy dials again if used later.
func (p *Proxy) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.c == nil {
		return nil
	}
	err := p.c.close()
	p.c = nil
	return err
}

// Reconnect drops the connection and makes a new one with a fresh
// handshake.
func (p *Proxy) Reconnect(ctx context.Context) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.drop()
	return p.connect(ctx)
}

func (p *Proxy) drop() {
	if p.c != nil {
		p.c.close()
		p.c = nil
	}
}

// connect dials and makes the handshake; p.mu is held.
func (p *Proxy) connect(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, p.opts.connectTimeout())
	defer cancel()
	c, err := dialConn(ctx, p.uri, &p.opts)
	if err != nil {
		return &ConnError{Op: "connect to", Addr: p.uri.String(), Err: ctxErr(ctx, err)}
	}
	p.c = c
	if err := p.handshake(ctx); err != nil {
		p.drop()
		return err
	}
	return nil
}

func (p *Proxy) handshake(ctx context.Context) error {
	defer p.c.watch(ctx)()
	hs := p.opts.Handshake
	if hs == nil {
		hs = py.Str("hello")
	}
	data, err := p.codec.Encode(nil, py.DictOf(py.Str("handshake"), hs, py.Str("object"), py.Str(p.uri.Object)))
	if err != nil {
		return err
	}
	req := &wire.Message{Type: wire.Connect, Flags: wire.FlagMetaOnConnect, Seq: p.seq, SerializerID: p.codec.ID(), Data: data}
	if err := p.c.send(req); err != nil {
		return p.ioErr(ctx, "handshake with", err)
	}
	reply, err := p.c.recv()
	if err != nil {
		if errors.Is(err, errConnClosed) && p.opts.HMACKey != nil {
			err = fmt.Errorf("%w (is the hmac key right?)", err)
		}
		return p.ioErr(ctx, "handshake with", err)
	}
	switch reply.Type {
	case wire.ConnectOK:
		v, err := p.decode(reply)
		if err != nil {
			return err
		}
		p.meta = metadataFrom(v)
		if d, ok := v.(*py.Dict); ok {
			p.hs, _ = d.GetStr("handshake")
		}
		return nil
	case wire.ConnectFail:
		return &ConnError{Op: "connect to", Addr: p.uri.String(), Err: &rejectedError{p.rejectReason(reply)}}
	}
	return &ProtocolError{Addr: p.uri.String(), Err: fmt.Errorf("unexpected %s reply to the handshake", reply.Type)}
}

// rejectReason decodes a CONNECTFAIL reason, which Pyro4 sends in marshal
// when it refused our serializer.
func (p *Proxy) rejectReason(m *wire.Message) string {
	reason := "(reason not readable)"
	if cd, ok := codecByID(m.SerializerID); ok {
		if v, err := cd.Decode(m.Data); err == nil {
			reason = py.StrOf(v)
		}
	}
	const refused = "message used serializer that is not accepted"
	if len(reason) >= len(refused) && reason[:len(refused)] == refused {
		return fmt.Sprintf("the daemon does not accept serializer %s (%s)", p.codec.Name(), reason)
	}
	if reason == "hmac key config not symmetric" {
		if p.opts.HMACKey == nil {
			return "the daemon requires an hmac key and none was given"
		}
		return "the daemon has no hmac key but one was given"
	}
	return reason
}

func metadataFrom(v py.Value) Metadata {
	var md Metadata
	d, ok := v.(*py.Dict)
	if !ok {
		return md
	}
	if m, ok := d.GetStr("meta"); ok {
		d, _ = m.(*py.Dict)
	}
	if d == nil {
		return md
	}
	get := func(k string) []string {
		v, _ := d.GetStr(k)
		s := strs(v)
		slices.Sort(s)
		return s
	}
	md.Methods, md.Oneway, md.Attrs = get("methods"), get("oneway"), get("attrs")
	return md
}

// ensure connects when the previous connection was dropped, or was closed
// by the daemon while idle (nothing was sent on it, so nothing is lost by
// dialling again); p.mu is held.
func (p *Proxy) ensure(ctx context.Context) error {
	if p.c != nil {
		if !p.c.closedByPeer() {
			return nil
		}
		p.drop()
	}
	return p.connect(ctx)
}

// ioErr drops the connection and classifies err.
func (p *Proxy) ioErr(ctx context.Context, op string, err error) error {
	p.drop()
	var we *wire.ProtocolError
	var se *wire.SecurityError
	if errors.As(err, &se) {
		return &ProtocolError{Addr: p.uri.String(), Err: p.hmacProblem(se)}
	}
	if errors.As(err, &we) {
		return &ProtocolError{Addr: p.uri.String(), Err: err}
	}
	return &ConnError{Op: op, Addr: p.uri.String(), Err: ctxErr(ctx, err)}
}

// hmacProblem says in plain words what an HMAC failure means for the
// user; it never shows a key.
func (p *Proxy) hmacProblem(se *wire.SecurityError) error {
	switch {
	case p.opts.HMACKey == nil:
		return &hmacError{"the daemon signs its messages with an hmac key and none was given", se}
	case strings.Contains(se.Reason, "mismatch"):
		return &hmacError{"hmac mismatch: the hmac key is wrong (or the message was tampered with)", se}
	}
	return &hmacError{"the daemon does not sign its messages but an hmac key was given", se}
}

type hmacError struct {
	msg string
	err *wire.SecurityError
}

func (e *hmacError) Error() string { return e.msg }
func (e *hmacError) Unwrap() error { return e.err }

// ctxErr prefers the context's reason when I/O failed because of it.
func ctxErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

func (p *Proxy) decode(m *wire.Message) (py.Value, error) {
	if m.SerializerID != p.codec.ID() {
		p.drop()
		return nil, &ProtocolError{Addr: p.uri.String(), Err: fmt.Errorf("reply uses %s, request used %s", serializerName(m.SerializerID), p.codec.Name())}
	}
	v, err := codec.Decode(p.codec, m.Data, replyBudget(m))
	if err != nil {
		return nil, &ProtocolError{Addr: p.uri.String(), Err: err}
	}
	return fromWire(v), nil
}

// invoke sends one INVOKE and returns the reply, or nil for oneway;
// p.mu is held.
func (p *Proxy) invoke(ctx context.Context, object, method string, args []py.Value, kwargs *py.Dict, flags wire.Flags) (*wire.Message, error) {
	if err := p.ensure(ctx); err != nil {
		return nil, err
	}
	for i, a := range args {
		if needsWire(a) {
			args[i] = toWire(a)
		}
	}
	if kwargs != nil && needsWire(kwargs) {
		kwargs = toWire(kwargs).(*py.Dict)
	}
	data, err := p.codec.EncodeCall(p.c.enc[:0], &codec.Call{Object: object, Method: method, Args: args, Kwargs: kwargs})
	if err != nil {
		return nil, &SerializeError{Serializer: p.codec.Name(), Err: err}
	}
	if cap(data) <= 64<<10 {
		p.c.enc = data // reuse small buffers; AppendFrame copies the payload
	}
	defer p.c.watch(ctx)()
	p.seq++
	req := &wire.Message{Type: wire.Invoke, Flags: flags, Seq: p.seq, SerializerID: p.codec.ID(), Data: data}
	if p.opts.CorrelationID != nil {
		req.Annotations = []wire.Annotation{{Key: "CORR", Value: p.opts.CorrelationID}}
	}
	op := "call " + method + " on"
	if err := p.c.send(req); err != nil {
		return nil, p.ioErr(ctx, op, err)
	}
	if flags&wire.FlagOneway != 0 {
		return nil, nil
	}
	reply, err := p.c.recv()
	if err != nil {
		return nil, p.ioErr(ctx, op, err)
	}
	if reply.Type != wire.Result {
		p.drop()
		return nil, &ProtocolError{Addr: p.uri.String(), Err: fmt.Errorf("expected a result, got %s", reply.Type)}
	}
	if reply.Seq != p.seq {
		p.drop()
		return nil, &ProtocolError{Addr: p.uri.String(), Err: fmt.Errorf("reply sequence out of sync: sent %d, got %d", p.seq, reply.Seq)}
	}
	// Exception and stream replies carry no CORR (PROTOCOL.md §1.3).
	p.corr, _ = reply.Annotation("CORR")
	return reply, nil
}

// Call calls method with positional and keyword arguments (kwargs may be
// nil). A oneway method returns a nil Value at once. A method returning a
// generator returns a *Stream. A remote exception is a *RemoteError.
func (p *Proxy) Call(ctx context.Context, method string, args []py.Value, kwargs *py.Dict) (py.Value, error) {
	return p.call(ctx, method, args, kwargs, p.result)
}

// call is Call with the reply handed to result, under p.mu (CallItems
// reads large replies its own way).
func (p *Proxy) call(ctx context.Context, method string, args []py.Value, kwargs *py.Dict, result func(*wire.Message) (py.Value, error)) (py.Value, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	var flags wire.Flags
	if p.meta.IsOneway(method) {
		flags |= wire.FlagOneway
	}
	reply, err := p.invoke(ctx, p.uri.Object, method, slices.Clone(args), kwargs, flags)
	if err != nil || reply == nil {
		return nil, err
	}
	return result(reply)
}

// result turns a RESULT message into a value, a stream or an error.
func (p *Proxy) result(reply *wire.Message) (py.Value, error) {
	// Stream replies carry both flags; test the stream flag first.
	if reply.Flags&wire.FlagItemStreamResult != 0 {
		id, ok := reply.Annotation("STRM")
		if !ok {
			return nil, &RemoteError{Exception: &py.Exception{Class: "Pyro4.errors.ProtocolError",
				Args: py.Tuple{py.Str("result of call is an iterator, but the server is not configured to allow streaming")}}}
		}
		return &Stream{p: p, id: string(id), c: p.c, open: true}, nil
	}
	v, err := p.decode(reply)
	if err != nil {
		return nil, err
	}
	if reply.Flags&wire.FlagException != 0 {
		exc, ok := v.(*py.Exception)
		if !ok {
			return nil, &ProtocolError{Addr: p.uri.String(), Err: fmt.Errorf("exception reply holds a %s, not an exception", py.TypeName(v))}
		}
		if daemonCloses(exc.Class) {
			p.drop() // the daemon closes it after this reply
		}
		return nil, &RemoteError{Exception: exc}
	}
	return v, nil
}

// Get reads an exposed attribute (a Python property).
func (p *Proxy) Get(ctx context.Context, attr string) (py.Value, error) {
	return p.Call(ctx, "__getattr__", []py.Value{py.Str(attr)}, nil)
}

// Set writes an exposed attribute.
func (p *Proxy) Set(ctx context.Context, attr string, v py.Value) error {
	_, err := p.Call(ctx, "__setattr__", []py.Value{py.Str(attr), v}, nil)
	return err
}

// Ping makes a PING round trip to the daemon and returns its latency.
func (p *Proxy) Ping(ctx context.Context) (time.Duration, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.ensure(ctx); err != nil {
		return 0, err
	}
	defer p.c.watch(ctx)()
	start := time.Now()
	if err := p.c.send(&wire.Message{Type: wire.Ping, Seq: p.seq, SerializerID: p.codec.ID(), Data: []byte("ping")}); err != nil {
		return 0, p.ioErr(ctx, "ping", err)
	}
	reply, err := p.c.recv()
	if err != nil {
		return 0, p.ioErr(ctx, "ping", err)
	}
	if reply.Type != wire.Ping {
		p.drop()
		return 0, &ProtocolError{Addr: p.uri.String(), Err: fmt.Errorf("expected a ping reply, got %s", reply.Type)}
	}
	return time.Since(start), nil
}

// BatchCall is one call of a batch.
type BatchCall struct {
	Method string
	Args   []py.Value
	Kwargs *py.Dict
}

// Batch sends calls in one message; the daemon runs them in order and
// stops at the first that raises. It returns the results of the calls that
// ran and, if one raised, a *RemoteError for it.
func (p *Proxy) Batch(ctx context.Context, calls []BatchCall) ([]py.Value, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	list := make([]py.Value, len(calls))
	for i, c := range calls {
		kw := c.Kwargs
		if kw == nil {
			kw = py.NewDict(0)
		}
		list[i] = py.Tuple{py.Str(c.Method), py.Tuple(slices.Clone(c.Args)), kw}
	}
	// The calls are the INVOKE's positional arguments (core.py
	// _pyroInvokeBatch sends vargs=calls).
	reply, err := p.invoke(ctx, p.uri.Object, "<batch>", list, nil, wire.FlagBatch)
	if err != nil {
		return nil, err
	}
	v, err := p.result(reply)
	if err != nil {
		return nil, err
	}
	results := seq(v)
	for i, r := range results {
		if w, ok := r.(*wrappedException); ok {
			return results[:i], &RemoteError{Exception: w.Exception}
		}
	}
	return results, nil
}
