package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/wire"
)

// DaemonObjectID is the object id of the daemon's own object.
const DaemonObjectID = "Pyro.Daemon"

// DefaultSerializers are the serializers a daemon accepts when
// Options.Serializers is empty (those the pyro package has; Pyro4's own
// default is only serpent, marshal and json).
var DefaultSerializers = []string{"serpent", "json", "marshal", "msgpack", "pickle"}

// Options configure a Daemon. The zero value is a plain daemon accepting
// every serializer pyrosh has.
type Options struct {
	// Serializers are the names of the accepted serializers, looked up
	// with pyro.Codec; names pyro does not have are skipped. Empty means
	// DefaultSerializers.
	Serializers []string
	// Codecs are accepted in addition, for codecs not in pyro's table.
	Codecs []codec.Codec
	// HMACKey signs replies and is required on requests (Pyro4's
	// _pyroHmacKey); empty means no HMAC.
	HMACKey []byte
	// Compress zlib-compresses replies of 200 bytes or more (COMPRESSION).
	Compress bool
	// MaxMessageSize limits incoming messages; 0 means wire.DefaultMaxSize.
	// A client that exceeds it has its connection closed, as in Pyro4.
	// ConnMemory lowers it further (see DecodedFactor).
	MaxMessageSize int
	// HandshakeSize limits the CONNECT, before and after inflation; 0
	// means DefaultHandshakeSize.
	HandshakeSize int
	// HandshakeTimeout is how long a new connection has to complete its
	// handshake before it is closed; 0 means DefaultHandshakeTimeout.
	HandshakeTimeout time.Duration
	// MaxConnections bounds open connections; 0 means
	// DefaultMaxConnections.
	MaxConnections int
	// ConnMemory is the bytes one connection may hold for a message: as
	// read, inflated, and DecodedFactor per payload byte for its decoded
	// values; 0 means DefaultConnMemory.
	ConnMemory int
	// Memory is the bytes all connections may hold together; past it
	// each gets 64 KiB at most. 0 means DefaultMemory.
	Memory int64
	// Location is the "host:port" put in URIs and proxies. Empty means
	// the address of the listener given to Serve.
	Location string
	// Logger receives connection-level problems; nil discards them.
	Logger *slog.Logger
	// Fault, when set, makes the daemon misbehave on purpose (tests only).
	Fault *Fault
}

// Daemon serves registered objects to Pyro4 clients.
type Daemon struct {
	codecs map[string]codec.Codec // by name, whichever protocol's id a client uses
	// pyro4IDs and pyro4Names map serializer names to Pyro4 ids and back:
	// Pyro4's table with the daemon's codecs' own ids.
	pyro4IDs   map[string]uint16
	pyro4Names map[uint16]string
	wo         wire.Options
	log        *slog.Logger
	fault      *faultState
	lim        limits
	mem        *memory
	oneway     chan struct{} // a slot per oneway call running

	ctx    context.Context // cancelled by Close and Shutdown
	cancel context.CancelFunc
	wg     sync.WaitGroup // connection handlers and oneway calls

	mu        sync.Mutex
	objects   map[string]*Object
	location  string
	listeners map[net.Listener]struct{}
	conns     map[*conn]struct{}
	closed    bool
}

// New returns a daemon that serves nothing until objects are registered
// and Serve is called.
func New(opts Options) *Daemon {
	ctx, cancel := context.WithCancel(context.Background())
	d := &Daemon{
		codecs:    map[string]codec.Codec{},
		wo:        wire.Options{HMACKey: opts.HMACKey, MaxSize: opts.MaxMessageSize, Compress: opts.Compress},
		log:       opts.Logger,
		ctx:       ctx,
		cancel:    cancel,
		objects:   map[string]*Object{},
		location:  opts.Location,
		listeners: map[net.Listener]struct{}{},
		conns:     map[*conn]struct{}{},
	}
	maxSize := opts.MaxMessageSize
	if maxSize <= 0 {
		maxSize = wire.DefaultMaxSize
	}
	d.lim = resolveLimits(&opts, maxSize)
	// Replies may be as large as MaxMessageSize; what a client may send is
	// limited per read (handshakeSize, messageSize).
	d.wo.MaxSize = maxSize
	mem := opts.Memory
	if mem <= 0 {
		mem = DefaultMemory
	}
	d.mem = &memory{limit: mem}
	d.oneway = make(chan struct{}, maxOneway)
	if d.log == nil {
		d.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opts.Fault != nil {
		d.fault = &faultState{Fault: *opts.Fault}
	}
	names := opts.Serializers
	if len(names) == 0 {
		names = DefaultSerializers
	}
	for _, n := range names {
		if c, err := pyro.Codec(n); err == nil {
			d.codecs[c.Name()] = c
		}
	}
	for _, c := range opts.Codecs {
		d.codecs[c.Name()] = c
	}
	d.pyro4IDs = maps.Clone(pyro4IDs)
	for _, c := range d.codecs {
		d.pyro4IDs[c.Name()] = c.ID()
	}
	d.pyro4Names = invert(d.pyro4IDs)
	return d
}

// Serializers returns the names of the serializers the daemon accepts,
// sorted.
func (d *Daemon) Serializers() []string {
	var names []string
	for _, c := range d.codecs {
		names = append(names, c.Name())
	}
	sort.Strings(names)
	return names
}

// Register makes obj reachable under id and returns its URI; an empty id
// gets a generated one ("obj_" and 32 hex digits, as Pyro4 does). An id
// already in use is taken over by obj.
func (d *Daemon) Register(id string, obj *Object) string {
	if id == "" {
		id = "obj_" + randomHex(16)
	}
	d.mu.Lock()
	if old, ok := d.objects[id]; ok && old != obj {
		old.setID(d, "")
	}
	d.objects[id] = obj
	d.mu.Unlock()
	obj.setID(d, id)
	return d.URI(id)
}

// Unregister removes the object with the id; proxies to it then get
// "unknown object".
func (d *Daemon) Unregister(id string) {
	d.mu.Lock()
	obj, ok := d.objects[id]
	delete(d.objects, id)
	d.mu.Unlock()
	if ok {
		obj.setID(d, "")
	}
}

// URI returns "PYRO:id@location" for an object id.
func (d *Daemon) URI(id string) string {
	return "PYRO:" + id + "@" + d.Location()
}

// Location returns the host:port the daemon puts in URIs.
func (d *Daemon) Location() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.location
}

func (d *Daemon) object(id string) (*Object, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	o, ok := d.objects[id]
	return o, ok
}

func (d *Daemon) registered() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	ids := []string{DaemonObjectID}
	for id := range d.objects {
		ids = append(ids, id)
	}
	sort.Strings(ids[1:])
	return ids
}

// ErrClosed is returned by Serve after Close or Shutdown.
var ErrClosed = errors.New("pyro daemon closed")

// Serve accepts connections on l and serves each in its own goroutine
// until Close or Shutdown; it then returns ErrClosed. The first listener
// sets the location in URIs unless Options.Location did.
func (d *Daemon) Serve(l net.Listener) error {
	d.mu.Lock()
	if d.closed {
		d.mu.Unlock()
		l.Close()
		return ErrClosed
	}
	if d.location == "" {
		d.location = locationOf(l.Addr())
	}
	d.listeners[l] = struct{}{}
	d.mu.Unlock()
	failures := 0
	for {
		nc, err := l.Accept()
		if err != nil {
			d.mu.Lock()
			closed := d.closed
			d.mu.Unlock()
			if !closed && temporary(err) {
				// Out of descriptors or buffers: make room if a handshake
				// is pending, wait a little and go on (net/http's Server
				// backs off the same way).
				if outOfFiles(err) {
					d.evictHandshaking()
				}
				d.log.Warn("pyro daemon: accept failed, retrying", "err", err, "backoff", backoff(failures))
				if !d.sleep(backoff(failures)) {
					closed = true
				}
				failures++
				if !closed {
					continue
				}
			}
			d.mu.Lock()
			delete(d.listeners, l)
			d.mu.Unlock()
			if closed {
				return ErrClosed
			}
			return fmt.Errorf("pyro daemon accept on %s: %w", l.Addr(), err)
		}
		failures = 0
		c := newConn(d, nc)
		d.mu.Lock()
		if d.closed {
			d.mu.Unlock()
			nc.Close()
			return ErrClosed
		}
		if len(d.conns) >= d.lim.maxConns && !d.evictLocked() {
			d.mu.Unlock()
			d.log.Info("pyro daemon: too many connections, refusing one", "remote", nc.RemoteAddr().String(), "max", d.lim.maxConns)
			nc.Close()
			continue
		}
		d.conns[c] = struct{}{}
		d.wg.Add(1)
		d.mu.Unlock()
		go func() {
			defer d.wg.Done()
			c.serve()
			d.mu.Lock()
			delete(d.conns, c)
			d.mu.Unlock()
		}()
	}
}

// sleep waits for t unless the daemon stops first; false means it
// stopped.
func (d *Daemon) sleep(t time.Duration) bool {
	timer := time.NewTimer(t)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-d.ctx.Done():
		return false
	}
}

// evictHandshaking closes the oldest connection still in its handshake,
// if there is one.
func (d *Daemon) evictHandshaking() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.evictLocked()
}

// evictLocked closes the oldest connection that has not completed its
// handshake and reports whether there was one; d.mu is held. Such a
// connection costs nothing to close: no call of its client is lost.
func (d *Daemon) evictLocked() bool {
	var oldest *conn
	for c := range d.conns {
		if c.evicted || c.handshaken.Load() {
			continue
		}
		if oldest == nil || c.started.Before(oldest.started) {
			oldest = c
		}
	}
	if oldest == nil {
		return false
	}
	oldest.evicted = true
	oldest.nc.Close()
	return true
}

// ListenAndServe listens on the TCP address addr ("127.0.0.1:9090",
// ":0") and calls Serve.
func (d *Daemon) ListenAndServe(addr string) error {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return d.Serve(l)
}

// Close stops accepting, closes every connection, cancels running calls
// and waits for their handlers to return.
func (d *Daemon) Close() error {
	d.stop()
	d.wg.Wait()
	return nil
}

// Shutdown is Close bounded by ctx: it returns ctx's error if handlers are
// still running when ctx ends (they have been told to stop).
func (d *Daemon) Shutdown(ctx context.Context) error {
	d.stop()
	done := make(chan struct{})
	go func() { d.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (d *Daemon) stop() {
	d.mu.Lock()
	d.closed = true
	for l := range d.listeners {
		l.Close()
	}
	for c := range d.conns {
		c.nc.Close()
	}
	d.mu.Unlock()
	d.cancel()
}

func locationOf(a net.Addr) string {
	if ta, ok := a.(*net.TCPAddr); ok {
		host := ta.IP.String()
		if ta.IP == nil || ta.IP.IsUnspecified() {
			host = "localhost"
		}
		return net.JoinHostPort(host, fmt.Sprint(ta.Port))
	}
	if a.Network() == "unix" {
		return "./u:" + a.String()
	}
	return a.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// uuid4 returns a random version 4 UUID, raw and as text.
func uuid4() ([]byte, string) {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b)
	return b, strings.Join([]string{h[:8], h[8:12], h[12:16], h[16:20], h[20:]}, "-")
}
