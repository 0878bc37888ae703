package pyro

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// daemonObject is the object id of every daemon's own object
// (core.py DaemonObject), which serves streams and metadata.
const daemonObject = "Pyro.Daemon"

// Stream is the result of a call that returned a remote iterator or
// generator. Items are fetched one by one on the proxy's connection.
type Stream struct {
	p    *Proxy
	id   string
	c    *conn // the connection the stream lives on
	done bool  // no more items: exhausted, failed, or closed
	// open is true while the daemon may still hold the stream: until it
	// is exhausted, its generator raised, or close_stream was sent.
	open bool
}

// AppendRepr implements py.Value.
func (s *Stream) AppendRepr(dst []byte) []byte {
	return append(dst, "<remote iterator>"...)
}

// PyType implements the py.TypeName hook.
func (s *Stream) PyType() string { return "generator" }

// Next fetches the next item; ok is false once the iterator is exhausted.
// A remote exception raised by the generator is a *RemoteError and ends
// the stream.
func (s *Stream) Next(ctx context.Context) (item py.Value, ok bool, err error) {
	if s.done {
		return nil, false, nil
	}
	p := s.p
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.c != s.c {
		// The connection the stream lived on is gone; the daemon only
		// serves a stream on the connection that opened it.
		s.done = true
		return nil, false, &ConnError{Op: "iterate", Addr: p.uri.String(), Err: errStreamLost}
	}
	reply, err := p.invoke(ctx, daemonObject, "get_next_stream_item", []py.Value{py.Str(s.id)}, nil, invokeCall)
	if err != nil {
		// Cancelled, timed out or cut: the daemon keeps the stream
		// (ITER_STREAM_LINGER) until Close tells it otherwise. The user
		// asked for items, not for Pyro's get_next_stream_item.
		s.done = true
		var ce *ConnError
		if errors.As(err, &ce) && strings.HasPrefix(ce.Op, "call ") {
			ce.Op = "iterate"
		}
		return nil, false, err
	}
	// invoke dials again when the daemon had closed the connection while
	// idle; a stream kept by ITER_STREAM_LINGER follows the new one.
	s.c = p.c
	v, err := p.result(reply)
	if err != nil {
		// The daemon deletes a stream whose generator raised (StopIteration
		// included) or that it does not know.
		s.done, s.open = true, false
		if re, ok := err.(*RemoteError); ok && re.Exception.Name() == "StopIteration" {
			return nil, false, nil
		}
		return nil, false, err
	}
	return v, true, nil
}

// streamCloseTimeout bounds Close: dialling again when the stream's
// connection is gone, and sending close_stream.
const streamCloseTimeout = time.Second

// Close tells the daemon to drop the stream with a oneway close_stream,
// as a Python `for ... break` does, unless the stream is exhausted or
// failed on the daemon. It is safe to call more than once. When the call
// that stopped the stream was cancelled or timed out, its connection is
// gone: Close dials again (Pyro's close_stream takes any connection of
// the daemon; core.py DaemonObject.close_stream), all of it within
// streamCloseTimeout, so the daemon does not keep the generator for
// ITER_STREAM_LINGER.
func (s *Stream) Close() {
	s.done = true
	if !s.open {
		return
	}
	s.open = false
	p := s.p
	p.mu.Lock()
	defer p.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), min(streamCloseTimeout, p.opts.connectTimeout()))
	defer cancel()
	p.invoke(ctx, daemonObject, "close_stream", []py.Value{py.Str(s.id)}, nil, invokeOneway)
}

type streamLostError struct{}

func (streamLostError) Error() string {
	return "the connection carrying the remote iterator was lost"
}

var errStreamLost error = streamLostError{}
