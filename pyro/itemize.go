package pyro

import (
	"context"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// ItemsMinSize is the smallest RESULT payload CallItems reads one element
// at a time. A decoded value costs three to five times its payload in
// memory (100,000 small dicts: 6.5 MB of serpent, 27 MB of values),
// which matters only for large replies; below this size the whole value
// is cheap and the ordinary path is kept.
const ItemsMinSize = 1 << 20

// replyBudget is the decoded-size budget of a reply: the ceiling
// codec.DecodedLimit sets for its size on the wire, so a small zlib body
// cannot decode to gigabytes of values.
func replyBudget(m *message) *codec.Budget {
	n := m.wireSize
	if n == 0 {
		n = len(m.data)
	}
	return codec.NewBudget(codec.DecodedLimit(n))
}

// Items is a large list or tuple result read one element at a time, so a
// caller that prints each element and lets it go holds the reply's
// payload and one element, never the whole value. Each element is what
// the same element of Call's result would be, class dicts of exceptions,
// URIs and proxies included.
type Items struct {
	addr string // for a *ProtocolError; "" leaves errors bare (DecodeItems)
	it   codec.Items
}

// IsTuple reports whether the result is a tuple, not a list.
func (it *Items) IsTuple() bool { return it.it.IsTuple() }

// Next decodes the next element; ok is false after the last one. A reply
// found broken part-way, or past its decoded-size budget, is the
// *ProtocolError Call would have returned, and every later call returns
// it again; the elements before it were already handed out, since the
// payload is checked only as it is read.
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
// exception, not a remote iterator) of at least ItemsMinSize bytes, in a
// serializer that can be read that way (codec.Itemizer: all of this
// module's), whose value is a list or tuple, it returns Items to read it
// with, and v is nil. Otherwise it returns what Call returns. The reply
// is read whole first either way: its HMAC and zlib compression cover
// all of it.
func (p *Proxy) CallItems(ctx context.Context, method string, args []py.Value, kwargs *py.Dict) (v py.Value, items *Items, err error) {
	iz, ok := p.codec.(codec.Itemizer)
	v, err = p.call(ctx, method, args, kwargs, func(reply *message) (py.Value, error) {
		if !ok || reply.exception || reply.stream || reply.batch ||
			reply.serializer != p.codec.Name() || len(reply.data) < ItemsMinSize {
			return p.result(reply) // Call's path, unchanged
		}
		v, it, err := decodeItems(iz, reply.data, replyBudget(reply))
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

// DecodeItems decodes a RESULT payload in serializer c as CallItems
// does, under the default budget for its size: when it has at least
// minSize bytes, c is a codec.Itemizer and the payload holds a list or
// tuple, as Items to read element by element (v is then nil); otherwise
// whole, as Call decodes it. Pyro's class dicts become exceptions, URIs
// and proxies either way. Errors are *codec.Error. Tests compare the two
// paths by minSize.
func DecodeItems(c codec.Codec, data []byte, minSize int) (v py.Value, items *Items, err error) {
	iz, ok := c.(codec.Itemizer)
	if !ok || len(data) < minSize {
		v, err = codec.Decode(c, data, nil)
		if err != nil {
			return nil, nil, err
		}
		return fromWire(v), nil, nil
	}
	return decodeItems(iz, data, nil)
}

func decodeItems(iz codec.Itemizer, data []byte, b *codec.Budget) (py.Value, *Items, error) {
	v, it, err := iz.DecodeItems(data, b)
	if err != nil {
		return nil, nil, err
	}
	if it != nil {
		return nil, &Items{it: it}, nil
	}
	return fromWire(v), nil, nil
}
