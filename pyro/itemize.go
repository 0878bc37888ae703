package pyro

import (
	"context"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/codec/serpent"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/wire"
)

// ItemsMinSize is the smallest RESULT payload CallItems reads one element
// at a time. A decoded value costs over four times its serpent payload in
// memory (100,000 small dicts: 6.5 MB of payload, 27 MB of values), which
// matters only for large replies; below this size the whole value is
// cheap and the ordinary path is kept.
const ItemsMinSize = 1 << 20

// Items is a large list or tuple result read one element at a time, so a
// caller that prints each element and lets it go holds the reply's
// payload and one element, never the whole value. Each element is what
// the same element of Call's result would be, class dicts of exceptions,
// URIs and proxies included.
type Items struct {
	addr string // for a *ProtocolError; "" leaves errors bare (DecodeItems)
	it   *serpent.Items
}

// IsTuple reports whether the result is a tuple, not a list.
func (it *Items) IsTuple() bool { return it.it.IsTuple() }

// Next decodes the next element; ok is false after the last one. A reply
// found broken part-way is the *ProtocolError Call would have returned,
// and every later call returns it again; the elements before it were
// already handed out, since the payload is checked only as it is read.
func (it *Items) Next() (v py.Value, ok bool, err error) {
	v, ok, err = it.it.Next()
	if err != nil {
		if it.addr != "" {
			err = &ProtocolError{Addr: it.addr, Err: err}
		}
		return nil, false, err
	}
	if ok {
		v = fromWire(v)
	}
	return v, ok, nil
}

// CallItems is Call for a caller that can take a large list or tuple
// result element by element: when the reply is a normal result (not an
// exception, not a remote iterator) of at least ItemsMinSize bytes in the
// serpent serializer whose value is a list or tuple, it returns Items to
// read it with, and v is nil. Otherwise it returns what Call returns.
// The reply is read whole first either way: its HMAC and zlib
// compression cover all of it.
func (p *Proxy) CallItems(ctx context.Context, method string, args []py.Value, kwargs *py.Dict) (v py.Value, items *Items, err error) {
	v, err = p.call(ctx, method, args, kwargs, func(reply *wire.Message) (py.Value, error) {
		if reply.Flags&(wire.FlagException|wire.FlagItemStreamResult|wire.FlagBatch) != 0 ||
			reply.SerializerID != codec.IDSerpent || p.codec.ID() != codec.IDSerpent || len(reply.Data) < ItemsMinSize {
			return p.result(reply) // Call's path, unchanged
		}
		v, it, err := DecodeItems(reply.Data, ItemsMinSize)
		if err != nil {
			return nil, &ProtocolError{Addr: p.uri.String(), Err: err}
		}
		if it != nil {
			it.addr = p.uri.String()
			items = it
		}
		return v, nil
	})
	return v, items, err
}

// DecodeItems decodes a serpent RESULT payload as CallItems does: when it
// has at least minSize bytes and holds a list or tuple, as Items to read
// element by element (v is then nil); otherwise whole, as Call decodes
// it. Pyro's class dicts become exceptions, URIs and proxies either way.
// Errors are *codec.Error. Tests compare the two paths by minSize.
func DecodeItems(data []byte, minSize int) (v py.Value, items *Items, err error) {
	var it *serpent.Items
	if len(data) < minSize {
		v, err = serpent.Codec{}.Decode(data)
	} else {
		v, it, err = serpent.Codec{}.DecodeItems(data)
	}
	if err != nil {
		return nil, nil, err
	}
	if it != nil {
		return nil, &Items{it: it}, nil
	}
	return fromWire(v), nil, nil
}
