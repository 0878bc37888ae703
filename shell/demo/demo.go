package demo

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"syscall"

	"github.com/pyrosh/pyrosh/pyro/server"
)

// Object ids of the demo objects.
const (
	ExampleID  = "Example"
	ShowcaseID = "Showcase"
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

	done chan struct{}
	err  error
}

// URIs returns the URI of each demo object by object id.
func (r *Running) URIs() map[string]string {
	return map[string]string{ExampleID: r.Daemon.URI(ExampleID), ShowcaseID: r.Daemon.URI(ShowcaseID)}
}

// Done is closed when the daemon has stopped.
func (r *Running) Done() <-chan struct{} { return r.done }

// Err returns why the daemon stopped (nil after Close), once Done is
// closed.
func (r *Running) Err() error { return r.err }

// Close stops the daemon and waits for its connections to finish.
func (r *Running) Close() error {
	err := r.Daemon.Close()
	<-r.done
	return err
}

// Start serves the demo objects on host:port (port 0 picks a free port).
// If the port is taken it falls back to a free port and sets
// Running.Fallback. The daemon stops when ctx ends or Close is called.
func Start(ctx context.Context, host string, port int) (*Running, error) {
	return start(ctx, host, port, server.Options{})
}

func start(ctx context.Context, host string, port int, opts server.Options) (*Running, error) {
	var lc net.ListenConfig
	addr := net.JoinHostPort(host, strconv.Itoa(port))
	l, err := lc.Listen(ctx, "tcp", addr)
	fallback := false
	if err != nil && port != 0 && errors.Is(err, syscall.EADDRINUSE) {
		l, err = lc.Listen(ctx, "tcp", net.JoinHostPort(host, "0"))
		fallback = true
	}
	if err != nil {
		return nil, fmt.Errorf("demo daemon: listen on %s: %w", addr, err)
	}
	ta := l.Addr().(*net.TCPAddr)
	uriHost := ta.IP.String()
	if ta.IP.IsUnspecified() {
		uriHost = "localhost"
	}
	opts.Location = net.JoinHostPort(uriHost, strconv.Itoa(ta.Port))
	d := server.New(opts)
	d.Register(ExampleID, NewExample())
	d.Register(ShowcaseID, NewShowcase(d))
	r := &Running{Addr: l.Addr().String(), Fallback: fallback, Daemon: d, done: make(chan struct{})}
	stop := context.AfterFunc(ctx, func() { d.Close() })
	go func() {
		defer stop()
		err := d.Serve(l)
		if !errors.Is(err, server.ErrClosed) {
			r.err = err
		}
		close(r.done)
	}()
	return r, nil
}
