package demo

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"sync"
	"syscall"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/server"
)

// Object ids of the demo objects.
const (
	ExampleID  = "Example"
	ShowcaseID = "Showcase"
)

// Names of the demo objects in the demo name server.
const (
	ExampleName  = "demo.example"
	ShowcaseName = "demo.showcase"
)

// Running is a started demo daemon.
type Running struct {
	// Addr is the host:port the daemon listens on; it differs from the
	// requested one when that port was taken.
	Addr string
	// Fallback is true when the requested port was taken and a free port
	// was used instead.
	Fallback bool
	// Daemon serves the objects.
	Daemon *server.Daemon
	// NS is the demo name server; nil unless started with
	// StartWithNameServer.
	NS *NSRunning

	daemons []*server.Daemon
	done    chan struct{}
	err     error
}

// NSRunning is the name server of a running demo, on its own daemon.
type NSRunning struct {
	// Addr is the host:port the name server listens on.
	Addr string
	// Host and Port are where clients find it (pyrosh --ns-host/--ns-port).
	Host string
	Port int
	// Fallback is true when the requested port was taken.
	Fallback bool
	// Daemon serves the name server object.
	Daemon *server.Daemon
	// Names holds the registrations.
	Names *NameServer
}

// URI returns the name server's PYRO URI.
func (n *NSRunning) URI() string { return n.Daemon.URI(pyro.NameServerObject) }

// URIs returns the URI of each demo object by object id.
func (r *Running) URIs() map[string]string {
	return map[string]string{ExampleID: r.Daemon.URI(ExampleID), ShowcaseID: r.Daemon.URI(ShowcaseID)}
}

// Done is closed when the daemons have stopped.
func (r *Running) Done() <-chan struct{} { return r.done }

// Err returns why the daemons stopped (nil after Close), once Done is
// closed.
func (r *Running) Err() error { return r.err }

// Close stops the daemons and waits for their connections to finish.
func (r *Running) Close() error {
	for _, d := range r.daemons {
		d.Close()
	}
	<-r.done
	return nil
}

// Start serves the demo objects on host:port (port 0 picks a free port).
// If the port is taken it falls back to a free port and sets
// Running.Fallback. The daemon stops when ctx ends or Close is called.
func Start(ctx context.Context, host string, port int) (*Running, error) {
	return start(ctx, host, port, -1, server.Options{})
}

// StartWithNameServer is Start plus a Pyro4 name server on host:nsPort
// (Pyro4's is on 9090; a free port if taken, any free port for 0), on a
// daemon of its own, where the demo objects are registered as
// demo.example and demo.showcase with metadata "demo" and their class.
func StartWithNameServer(ctx context.Context, host string, port, nsPort int) (*Running, error) {
	if nsPort < 0 {
		return nil, fmt.Errorf("demo name server: invalid port %d", nsPort)
	}
	return start(ctx, host, port, nsPort, server.Options{})
}

// start serves the demo, and the name server unless nsPort < 0.
func start(ctx context.Context, host string, port, nsPort int, opts server.Options) (*Running, error) {
	l, fallback, loc, err := listen(ctx, host, port)
	if err != nil {
		return nil, fmt.Errorf("demo daemon: %w", err)
	}
	dopts := opts
	dopts.Location = loc
	d := server.New(dopts)
	d.Register(ExampleID, NewExample())
	d.Register(ShowcaseID, NewShowcase(d))
	r := &Running{Addr: l.Addr().String(), Fallback: fallback, Daemon: d, daemons: []*server.Daemon{d}, done: make(chan struct{})}
	listeners := []net.Listener{l}
	if nsPort >= 0 {
		nl, nfallback, nloc, err := listen(ctx, host, nsPort)
		if err != nil {
			l.Close()
			return nil, fmt.Errorf("demo name server: %w", err)
		}
		nopts := opts
		nopts.Location = nloc
		nd := server.New(nopts)
		names := NewNameServer()
		nd.Register(pyro.NameServerObject, names.Object())
		for _, reg := range []struct {
			name, uri string
			meta      []string
		}{
			{pyro.NameServerObject, nd.URI(pyro.NameServerObject), []string{nsClass}},
			{ExampleName, d.URI(ExampleID), []string{"class:demo.Example", "demo"}},
			{ShowcaseName, d.URI(ShowcaseID), []string{"class:demo.Showcase", "demo"}},
		} {
			if err := names.Register(reg.name, reg.uri, reg.meta...); err != nil {
				l.Close()
				nl.Close()
				return nil, fmt.Errorf("demo name server: register %s: %w", reg.name, err)
			}
		}
		h, p, _ := net.SplitHostPort(nloc)
		pn, _ := strconv.Atoi(p)
		r.NS = &NSRunning{Addr: nl.Addr().String(), Host: h, Port: pn, Fallback: nfallback, Daemon: nd, Names: names}
		r.daemons = append(r.daemons, nd)
		listeners = append(listeners, nl)
	}
	r.serve(ctx, listeners)
	return r, nil
}

// serve runs each daemon on its listener; when one stops, all stop.
func (r *Running) serve(ctx context.Context, listeners []net.Listener) {
	closeAll := func() {
		for _, d := range r.daemons {
			d.Close()
		}
	}
	stop := context.AfterFunc(ctx, closeAll)
	var wg sync.WaitGroup
	var once sync.Once
	for i, d := range r.daemons {
		wg.Go(func() {
			err := d.Serve(listeners[i])
			if !errors.Is(err, server.ErrClosed) {
				once.Do(func() { r.err = err })
			}
			closeAll()
		})
	}
	go func() {
		wg.Wait()
		stop()
		close(r.done)
	}()
}

// listen listens on host:port, falling back to a free port when port is
// taken, and returns the location to put in URIs.
func listen(ctx context.Context, host string, port int) (l net.Listener, fallback bool, loc string, err error) {
	var lc net.ListenConfig
	addr := net.JoinHostPort(host, strconv.Itoa(port))
	l, err = lc.Listen(ctx, "tcp", addr)
	if err != nil && port != 0 && errors.Is(err, syscall.EADDRINUSE) {
		l, err = lc.Listen(ctx, "tcp", net.JoinHostPort(host, "0"))
		fallback = true
	}
	if err != nil {
		return nil, false, "", fmt.Errorf("listen on %s: %w", addr, err)
	}
	ta := l.Addr().(*net.TCPAddr)
	uriHost := ta.IP.String()
	if ta.IP.IsUnspecified() {
		uriHost = "localhost"
	}
	return l, fallback, net.JoinHostPort(uriHost, strconv.Itoa(ta.Port)), nil
}
