package pyro

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
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
	uri      *URI // resolved PYRO uri
	opts     Options
	codec    codec.Codec
	prefixer codec.CallPrefixer // codec's, nil when it has none

	mu      sync.Mutex
	c       *conn // nil when not connected
	seq     uint16
	meta    Metadata
	hs      py.Value // the daemon's handshake response
	corr    []byte   // correlation id of the last reply (empty: none), a buffer of its own
	version int      // protocol of the last connection: Pyro4 or Pyro5
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
	p.prefixer, _ = cd.(codec.CallPrefixer)
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

// Protocol returns the protocol the daemon spoke at the last handshake:
// Pyro4 or Pyro5.
func (p *Proxy) Protocol() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.version
}

// CorrelationID returns the correlation id of the last reply (the id the
// daemon used for the call: Pyro4's CORR annotation, Pyro5's header
// field), or nil when it sent none.
func (p *Proxy) CorrelationID() []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.corr) == 0 {
		return nil
	}
	return slices.Clone(p.corr)
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

// connect dials and makes the handshake; p.mu is held. With
// Options.Protocol auto it speaks the protocol the daemon spoke last
// time, else Pyro4, and when the daemon's first reply is in the other
// protocol it dials once more and speaks that (PROTOCOL.md §12): both
// daemons answer at once and close, so no timeout decides.
func (p *Proxy) connect(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, p.opts.connectTimeout())
	defer cancel()
	version := firstProtocol(p.uri, &p.opts)
	for attempt := 0; ; attempt++ {
		if err := checkOptions(version, &p.opts, p.uri.String()); err != nil {
			return err
		}
		c, err := dialConn(ctx, p.uri, &p.opts, version)
		if err != nil {
			return &ConnError{Op: "connect to", Addr: p.uri.String(), Err: ctxErr(ctx, err)}
		}
		p.c = c
		err = p.handshake(ctx)
		var other *otherProtocolError
		if errors.As(err, &other) {
			spoken.Store(spokenKey(p.uri), other.speaks)
			other.forced = p.opts.protocolSetting(strconv.Itoa(other.asked))
			other.fix = p.opts.protocolSetting(strconv.Itoa(other.speaks))
			if p.opts.Protocol == ProtocolAuto && attempt == 0 {
				version = other.speaks
				continue
			}
		}
		if err != nil {
			p.drop()
			return err
		}
		spoken.Store(spokenKey(p.uri), version)
		p.version = version
		return nil
	}
}

func (p *Proxy) handshake(ctx context.Context) error {
	if err := p.c.watch(ctx); err != nil {
		return p.ioErr(ctx, "handshake with", err)
	}
	defer p.c.unwatch()
	hs := p.opts.Handshake
	if hs == nil {
		hs = py.Str("hello")
	}
	data, err := p.codec.Encode(nil, py.DictOf(py.Str("handshake"), hs, py.Str("object"), py.Str(p.uri.Object)))
	if err != nil {
		return err
	}
	req := &message{typ: wire.Connect, seq: p.seq, serializer: p.codec.Name(), corrID: p.opts.CorrelationID, data: data}
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
	switch reply.typ {
	case wire.ConnectOK:
		v, err := p.decode(reply)
		if err != nil {
			return err
		}
		// Pyro4 and Pyro5 both read the reply as a dict
		// (core.py/client.py Proxy.__pyroCreateConnection); anything else
		// is a daemon out of step, not an object without methods.
		if _, ok := v.(*py.Dict); !ok {
			return &ProtocolError{Addr: p.uri.String(), Err: fmt.Errorf("handshake reply holds a %s, not a dict", py.TypeName(v))}
		}
		p.meta = metadataFrom(v)
		p.hs, _ = v.(*py.Dict).GetStr("handshake")
		return nil
	case wire.ConnectFail:
		return &ConnError{Op: "connect to", Addr: p.uri.String(), Err: &rejectedError{p.rejectReason(reply)}}
	}
	return &ProtocolError{Addr: p.uri.String(), Err: fmt.Errorf("unexpected %s reply to the handshake", reply.typ)}
}

// rejectReason decodes a CONNECTFAIL reason, which the daemon sends in
// marshal when it refused our serializer or could not read the CONNECT.
func (p *Proxy) rejectReason(m *message) string {
	reason := "(reason not readable)"
	if cd, ok := codecs[m.serializer]; ok {
		if v, err := cd.Decode(m.data); err == nil {
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
		if !p.c.interrupted.Load() && !p.c.closedByPeer() {
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
	var other *otherProtocolError
	if errors.As(err, &other) {
		return &ConnError{Op: op, Addr: p.uri.String(), Err: other}
	}
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

func (p *Proxy) decode(m *message) (py.Value, error) {
	if m.serializer != p.codec.Name() {
		p.drop()
		return nil, &ProtocolError{Addr: p.uri.String(), Err: fmt.Errorf("reply uses %s, request used %s", m.serializer, p.codec.Name())}
	}
	m.budget = *replyBudget(m) // in m: no allocation of its own
	v, err := codec.Decode(p.codec, m.data, &m.budget)
	if err != nil {
		return nil, &ProtocolError{Addr: p.uri.String(), Err: err}
	}
	return fromWire(v), nil
}

// invokeKind says how an INVOKE is sent.
type invokeKind int

const (
	invokeCall   invokeKind = iota
	invokeOneway            // no reply expected
	invokeBatch             // the arguments are the calls of a batch
)

// invoke sends one INVOKE and returns the reply, or nil for oneway;
// p.mu is held.
func (p *Proxy) invoke(ctx context.Context, object, method string, args []py.Value, kwargs *py.Dict, kind invokeKind) (*message, error) {
	if err := p.ensure(ctx); err != nil {
		return nil, err
	}
	names := p.c.f.dialect()
	copied := false
	for i, a := range args {
		if needsWire(a) {
			if !copied { // the caller's slice stays as it was
				args, copied = slices.Clone(args), true
			}
			args[i] = toWire(a, names)
		}
	}
	if kwargs != nil && needsWire(kwargs) {
		kwargs = toWire(kwargs, names).(*py.Dict)
	}
	// The call is described in the connection (no allocation) and
	// cleared after, so it holds no arguments between calls.
	p.c.call = codec.Call{Object: object, Method: method, Args: args, Kwargs: kwargs}
	data, err := p.c.encodeCall(p.codec, p.prefixer)
	p.c.call = codec.Call{}
	if err != nil {
		return nil, &SerializeError{Serializer: p.codec.Name(), Err: err}
	}
	if cap(data) <= 64<<10 {
		p.c.enc = data // reuse small buffers; AppendFrame copies the payload
	}
	if err := p.c.watch(ctx); err != nil {
		return nil, p.ioErr(ctx, "call "+method+" on", err)
	}
	defer p.c.unwatch()
	p.seq++
	// Reused: one request at a time per connection. Only these fields are
	// ever set in it (its other fields stay zero), so they are set one by
	// one rather than clearing the whole message each call.
	req := &p.c.req
	req.typ, req.seq, req.serializer, req.corrID, req.data = wire.Invoke, p.seq, p.codec.Name(), p.opts.CorrelationID, data
	req.oneway, req.batch = kind == invokeOneway, kind == invokeBatch
	if err := p.c.send(req); err != nil {
		return nil, p.ioErr(ctx, "call "+method+" on", err)
	}
	if req.oneway {
		p.c.used = monoNow() // no reply marks the connection as used
		return nil, nil
	}
	reply, err := p.c.recv()
	if err != nil {
		return nil, p.ioErr(ctx, "call "+method+" on", err)
	}
	if reply.typ != wire.Result {
		p.drop()
		return nil, &ProtocolError{Addr: p.uri.String(), Err: fmt.Errorf("expected a result, got %s", reply.typ)}
	}
	if reply.seq != p.seq {
		p.drop()
		return nil, &ProtocolError{Addr: p.uri.String(), Err: fmt.Errorf("reply sequence out of sync: sent %d, got %d", p.seq, reply.seq)}
	}
	// Pyro4's exception and stream replies carry no CORR (PROTOCOL.md §1.3).
	// Copied: the id aliases the reply's buffer, which holds its payload.
	p.corr = append(p.corr[:0], reply.corrID...)
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
func (p *Proxy) call(ctx context.Context, method string, args []py.Value, kwargs *py.Dict, result func(*message) (py.Value, error)) (py.Value, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	kind := invokeCall
	if p.meta.IsOneway(method) {
		kind = invokeOneway
	}
	reply, err := p.invoke(ctx, p.uri.Object, method, args, kwargs, kind)
	if err != nil || reply == nil {
		return nil, err
	}
	return result(reply)
}

// result turns a RESULT message into a value, a stream or an error.
func (p *Proxy) result(reply *message) (py.Value, error) {
	names := p.c.f.dialect()
	// Stream replies carry both flags; test the stream flag first.
	if reply.stream {
		id, ok := reply.annotation("STRM")
		if !ok {
			return nil, &RemoteError{Exception: &py.Exception{Class: names.errors + "ProtocolError",
				Args: py.Tuple{py.Str("result of call is an iterator, but the server is not configured to allow streaming")}}}
		}
		return &Stream{p: p, id: string(id), c: p.c, open: true}, nil
	}
	v, err := p.decode(reply)
	if err != nil {
		return nil, err
	}
	if reply.exception {
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
	if err := p.c.watch(ctx); err != nil {
		return 0, p.ioErr(ctx, "ping", err)
	}
	defer p.c.unwatch()
	start := time.Now()
	if err := p.c.send(&message{typ: wire.Ping, seq: p.seq, serializer: p.codec.Name(), corrID: p.opts.CorrelationID, data: []byte("ping")}); err != nil {
		return 0, p.ioErr(ctx, "ping", err)
	}
	reply, err := p.c.recv()
	if err != nil {
		return 0, p.ioErr(ctx, "ping", err)
	}
	if reply.typ != wire.Ping {
		p.drop()
		return 0, &ProtocolError{Addr: p.uri.String(), Err: fmt.Errorf("expected a ping reply, got %s", reply.typ)}
	}
	return time.Since(start), nil
}

// ObjectMetadata asks the daemon object (a proxy to PYRO:Pyro.Daemon@...)
// what the object registered as objectID exposes, with the call shape of
// the daemon's protocol: get_metadata(id, as_lists=True) in Pyro4,
// get_metadata(id) in Pyro5.
func (p *Proxy) ObjectMetadata(ctx context.Context, objectID string) (Metadata, error) {
	p.mu.Lock()
	if err := p.ensure(ctx); err != nil {
		p.mu.Unlock()
		return Metadata{}, err
	}
	args := p.c.f.dialect().metadataArgs(objectID)
	p.mu.Unlock()
	v, err := p.Call(ctx, "get_metadata", args, nil)
	if err != nil {
		return Metadata{}, err
	}
	return metadataFrom(v), nil
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
	reply, err := p.invoke(ctx, p.uri.Object, "<batch>", list, nil, invokeBatch)
	if err != nil {
		return nil, err
	}
	v, err := p.result(reply)
	if err != nil {
		return nil, err
	}
	// A list of one result per call, or fewer ending in the exception
	// that stopped the batch (Pyro4 daemon._handleRequest, Pyro5
	// server.Daemon.handleRequest); anything else is a daemon out of step.
	var results []py.Value
	switch x := v.(type) {
	case py.List:
		results = x
	case py.Tuple:
		results = x
	default:
		return nil, &ProtocolError{Addr: p.uri.String(), Err: fmt.Errorf("batch reply holds a %s, not a list", py.TypeName(v))}
	}
	for i, r := range results {
		if w, ok := r.(*wrappedException); ok {
			return results[:i], &RemoteError{Exception: w.Exception}
		}
	}
	if len(results) != len(calls) {
		return nil, &ProtocolError{Addr: p.uri.String(), Err: fmt.Errorf("batch reply holds %d results for %d calls", len(results), len(calls))}
	}
	return results, nil
}
