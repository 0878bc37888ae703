package pyro

import (
	"context"
	"errors"

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

// Items is a large list, tuple or dict result read one element (one
// key/value pair of a dict) at a time, so a caller that prints each and
// lets it go holds the reply's payload and one element, never the whole
// value. Each element, and each value of a dict, is what the same one of
// Call's result would be, class dicts of exceptions, URIs and proxies
// included. A list or tuple is read with Next; a dict (IsDict) with Whole
// first, then NextItem.
type Items struct {
	addr string // for a *ProtocolError; "" leaves errors bare (DecodeItems)
	it   codec.Items
	list *listItems
	dict *dictItems
}

// listItems is what a list or tuple result needs for its first pass
// (check): the payload, its Itemizer and budget, and the Items of the
// first pass, read under a copy of the budget.
type listItems struct {
	iz     codec.Itemizer
	data   []byte
	budget *codec.Budget
	first  codec.Items
	err    error // of the first pass
}

// dictItems is a dict result: its payload, read through by Whole, then
// handed out pair by pair (pairs), or, where that cannot give Call's
// value, decoded whole (whole; rest is its items still to hand out).
type dictItems struct {
	di      codec.DictItemizer
	c       codec.Codec
	data    []byte
	budget  *codec.Budget
	first   codec.Pairs // the first pass's reader, under a copy of budget
	checked bool
	pairs   codec.Pairs
	whole   py.Value
	err     error // of the whole decode
	rest    []py.Item
}

// IsTuple reports whether the result is a tuple, not a list or dict.
func (it *Items) IsTuple() bool {
	if it.list != nil && it.list.first != nil {
		return it.list.first.IsTuple()
	}
	return it.it != nil && it.it.IsTuple()
}

// IsDict reports whether the result is a dict, to read with Whole and
// NextItem.
func (it *Items) IsDict() bool { return it.dict != nil }

// Next decodes the next element of a list or tuple; ok is false after
// the last one (at once for a dict). A reply that is broken anywhere, or
// past its decoded-size budget, is the *ProtocolError Call would have
// returned, from the first call on, before any element is handed out:
// the first call reads the payload through once (check), so a caller
// that prints each element never prints part of a broken reply. Every
// later call returns the error again.
func (it *Items) Next() (v py.Value, ok bool, err error) {
	if it.list != nil {
		if err := it.check(); err != nil {
			return nil, false, err
		}
	}
	if it.it == nil {
		return nil, false, nil
	}
	v, ok, err = it.it.Next()
	if err != nil {
		return nil, false, it.wrap(err)
	}
	if ok {
		v = fromWire(v)
	}
	return v, ok, nil
}

// Whole reads a dict result through once (codec.CheckPairs) to learn
// whether its pairs can be handed out one at a time exactly as Call's
// dict holds them. When they can, it returns nil, nil and NextItem gives
// them. When they cannot — a key given twice (Python keeps its first
// place and its last value, which a printer that has written the first
// cannot do), a class dict Call turns into a URI or an exception, a dict
// holding itself, a broken or oversized reply — it decodes the reply
// whole and returns Call's value or error: the caller prints that
// instead, and NextItem hands out the items of a dict value. Nothing
// has been handed out before, so either way the output is Call's.
// For a list or tuple it returns nil, nil. The first pass costs a
// decode of the payload, run by the caller when it is ready for it (with
// the collector tuned for a stream, as pyrosh call does), and 8 bytes a
// key.
func (it *Items) Whole() (v py.Value, err error) {
	d := it.dict
	if d == nil {
		return nil, nil
	}
	if !d.checked {
		d.checked = true
		first := d.first
		d.first = nil
		if codec.CheckPairs(first, streamable) {
			d.pairs = d.di.DictPairs(d.data, d.budget)
		} else {
			v, err := codec.Decode(d.c, d.data, d.budget)
			if err != nil {
				d.err = it.wrap(err)
			} else {
				d.whole = fromWire(v)
			}
			if dv, ok := d.whole.(*py.Dict); ok {
				d.rest = dv.Items()
			}
		}
	}
	return d.whole, d.err
}

// NextItem decodes the next key and value of a dict, in the order Call's
// dict holds them, each key once; ok is false after the last one (at
// once for a list or tuple). It calls Whole first if the caller has not,
// and returns its error; where Whole found a value that is not a dict,
// it gives nothing. An error later (not expected: Whole found the reply
// sound) is the reply's *ProtocolError, as Next returns one.
func (it *Items) NextItem() (k, v py.Value, ok bool, err error) {
	d := it.dict
	if d == nil {
		return nil, nil, false, nil
	}
	if _, err := it.Whole(); err != nil {
		return nil, nil, false, err
	}
	if d.pairs == nil {
		if len(d.rest) == 0 {
			return nil, nil, false, nil
		}
		i := d.rest[0]
		d.rest = d.rest[1:]
		return i.Key, i.Value, true, nil
	}
	k, v, ok, err = d.pairs.Next()
	if err != nil {
		return nil, nil, false, it.wrap(err)
	}
	if ok {
		v = fromWire(v)
	}
	return k, v, ok, nil
}

// check reads a list or tuple through once, each element decoded and
// dropped (the caller's collector settings then apply to it, as to
// Whole's), and then starts the Items handed out from the beginning
// again. Its error is the one Next would meet, since the same decoder
// reads the same payload under the same budget: every codec's own
// checks (syntax, UTF-8, depth, hashable keys, Pyro's ext types) and the
// budget are covered, which a scan of the payload's structure alone
// would not be. The pass costs a decode of the payload and, after it
// has run, nothing. A codec.SoundChecker that finds the payload sure to
// decode (json's, marshal's and msgpack's scan, a third of a decode)
// spares that pass.
func (it *Items) check() error {
	l := it.list
	if sc, ok := l.iz.(codec.SoundChecker); ok && l.first != nil {
		b := *l.budget
		if sc.Sound(l.data, &b) {
			// Sure to decode: the first pass's Items are the ones handed out.
			it.it, l.first = l.first, nil
			return nil
		}
	}
	if l.first != nil {
		first := l.first
		l.first = nil
		for {
			_, ok, err := first.Next()
			if err != nil {
				l.err = it.wrap(err)
				break
			}
			if !ok {
				break
			}
		}
		if l.err == nil {
			_, items, err := l.iz.DecodeItems(l.data, l.budget)
			switch {
			case err != nil:
				l.err = it.wrap(err) // not expected: the first pass got past it
			case items == nil:
				l.err = it.wrap(errors.New("a list result read twice gave no list the second time"))
			default:
				it.it = items
			}
		}
	}
	return l.err
}

func (it *Items) wrap(err error) error {
	if it.addr != "" {
		if _, ok := err.(*ProtocolError); !ok {
			return &ProtocolError{Addr: it.addr, Err: err}
		}
	}
	return err
}

// dictResult returns the Items of a dict payload in codec c, read by
// Whole and NextItem under budget b, or nil when c cannot read a dict so
// or the payload holds none.
func dictResult(c codec.Codec, data []byte, b *codec.Budget) *Items {
	di, ok := c.(codec.DictItemizer)
	if !ok {
		return nil
	}
	b = codec.BudgetFor(b, len(data))
	first := *b
	r := di.DictPairs(data, &first)
	if r == nil {
		return nil
	}
	return &Items{dict: &dictItems{di: di, c: c, data: data, budget: b, first: r}}
}

// streamable is codec.CheckPairs's keep for a result: a top-level dict
// with a "__class__" or "__exception__" key may be a class dict that
// fromWire turns into something else, and one holding itself cannot be
// written as JSON, which Printer.Value finds out before writing
// anything; both are decoded whole.
func streamable(k, v py.Value) bool {
	if s, ok := k.(py.Str); ok && (s == "__class__" || s == "__exception__") {
		return false
	}
	return !holdsRecursive(k) && !holdsRecursive(v)
}

func holdsRecursive(v py.Value) bool {
	switch v.(type) {
	case py.Str, py.Int, py.Float, py.NoneType, py.Bool:
		return false // the common keys and values, spared the walk
	}
	return py.Contains(v, func(x py.Value) bool {
		_, ok := x.(*py.Recursive)
		return ok
	})
}

// CallItems is Call for a caller that can take a large list, tuple or
// dict result element by element: when the reply is a normal result (not
// an exception, not a remote iterator) of at least ItemsMinSize bytes, in
// a serializer that can be read that way (codec.Itemizer for lists and
// tuples, codec.DictItemizer for dicts), whose value is a list, tuple or
// dict, it returns Items to read it with, and v is nil. Otherwise it
// returns what Call returns. The reply is read whole first either way:
// its HMAC and zlib compression cover all of it.
func (p *Proxy) CallItems(ctx context.Context, method string, args []py.Value, kwargs *py.Dict) (v py.Value, items *Items, err error) {
	iz, ok := p.codec.(codec.Itemizer)
	v, err = p.call(ctx, method, args, kwargs, func(reply *message) (py.Value, error) {
		if reply.exception || reply.stream || reply.batch ||
			reply.serializer != p.codec.Name() || len(reply.data) < ItemsMinSize {
			return p.result(reply) // Call's path, unchanged
		}
		if it := dictResult(p.codec, reply.data, replyBudget(reply)); it != nil {
			it.addr = p.uri.String()
			items = it
			return nil, nil
		}
		if !ok {
			return p.result(reply)
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
// tuple (or a dict, codec.StreamDict), as Items to read element by
// element (v is then nil); otherwise
// whole, as Call decodes it. Pyro's class dicts become exceptions, URIs
// and proxies either way. Errors are *codec.Error. Tests compare the two
// paths by minSize.
func DecodeItems(c codec.Codec, data []byte, minSize int) (v py.Value, items *Items, err error) {
	if len(data) >= minSize {
		if it := dictResult(c, data, nil); it != nil {
			return nil, it, nil
		}
	}
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

// decodeItems starts a list or tuple payload's first pass (Items.check)
// under a copy of b, so the Items handed out are read under b itself.
func decodeItems(iz codec.Itemizer, data []byte, b *codec.Budget) (py.Value, *Items, error) {
	b = codec.BudgetFor(b, len(data))
	first := *b
	v, it, err := iz.DecodeItems(data, &first)
	if err != nil {
		return nil, nil, err
	}
	if it != nil {
		return nil, &Items{list: &listItems{iz: iz, data: data, budget: b, first: it}}, nil
	}
	return fromWire(v), nil, nil
}
