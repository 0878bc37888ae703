package pyro

import (
	"context"

	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/wire"
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
	done bool
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
	reply, err := p.invoke(ctx, daemonObject, "get_next_stream_item", []py.Value{py.Str(s.id)}, nil, 0)
	if err != nil {
		s.done = true
		return nil, false, err
	}
	// invoke dials again when the daemon had closed the connection while
	// idle; a stream kept by ITER_STREAM_LINGER follows the new one.
	s.c = p.c
	v, err := p.result(reply)
	if err != nil {
		s.done = true
		if re, ok := err.(*RemoteError); ok && re.Exception.Name() == "StopIteration" {
			return nil, false, nil
		}
		return nil, false, err
	}
	return v, true, nil
}

// Close tells the daemon to drop the stream (a oneway call) unless it is
// exhausted or its connection is gone.
func (s *Stream) Close() {
	if s.done {
		return
	}
	s.done = true
	p := s.p
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.c != s.c {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), p.opts.connectTimeout())
	defer cancel()
	p.invoke(ctx, daemonObject, "close_stream", []py.Value{py.Str(s.id)}, nil, wire.FlagOneway)
}

type streamLostError struct{}

func (streamLostError) Error() string {
	return "the connection carrying the remote iterator was lost"
}

var errStreamLost error = streamLostError{}
