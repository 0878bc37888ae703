package pickle

import (
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

var _ codec.DictItemizer = Codec{}

// pairs hands out a top-level dict's keys and values as the VM completes
// them (codec.DictItemizer), as items does a list's elements: Python's
// pickler fills a dict by MARK, up to 1,000 pairs, SETITEMS; the pairs
// set on the root dict wait in decoder.pending (pendItems) and are
// converted and handed out once the stack is back to the root alone and
// no GET can reach them again. It is a raw reader: a key given twice is
// handed out twice, and keys are not checked for hashability beyond what
// SETITEMS checks (codec.StreamDict does the rest).
type pairs struct {
	d     *decoder
	f     *finalizer
	size  int        // the dict's size as a tree so far, as finalize counts it
	ready []py.Value // converted keys and values, alternating, not handed out yet
	next  int
	ferr  error
	done  bool
	err   error
}

// DictPairs implements codec.DictItemizer: the reader of a top-level dict
// that a first pass over the opcodes (scanPickle) finds readable up to
// STOP, at the bottom of the stack, never fetched again and filled only
// right above it; nil for anything else.
func (Codec) DictPairs(data []byte, b *codec.Budget) codec.Pairs {
	if len(data) > MaxInput {
		return nil
	}
	d, s := newDecoder(data, b)
	if !s.stream || !s.dict {
		return nil
	}
	r := &pairs{d: d, f: d.newFinalizer(), size: 1}
	// The scan found PROTO and FRAME at most before EMPTY_DICT.
	for len(d.stack) == 0 && d.pos < len(d.data) {
		d.op = d.pos
		op := d.data[d.pos]
		d.pos++
		if err := d.step(op); err != nil {
			r.err = err
			return r
		}
	}
	root, err := d.top()
	if err == nil {
		if d.rootMap, _ = root.(*py.Dict); d.rootMap == nil {
			err = d.errf("pickle scan and run disagree on the top-level dict")
		}
	}
	r.err = err
	return r
}

// pendItems is SETITEM(S) on the root dict while it streams: the keys,
// resolved as setItems resolves them, and the values wait in pending.
func (d *decoder) pendItems(items []py.Value) error {
	if len(items)%2 != 0 {
		return d.errf("odd number of items for a dict")
	}
	if err := d.charge(len(items) * codec.ValueCost); err != nil {
		return err
	}
	for i := 0; i < len(items); i += 2 {
		k := d.resolve(items[i])
		if unhashable(k) {
			return d.errf("unhashable dict key of type %s", typeName(k))
		}
		d.pending = append(d.pending, k, items[i+1])
	}
	d.batched = true
	return nil
}

// Next implements codec.Pairs.
func (r *pairs) Next() (k, v py.Value, ok bool, err error) {
	for r.next == len(r.ready) {
		if r.err != nil || r.done {
			return nil, nil, false, r.err
		}
		r.ready, r.next = r.ready[:0], 0
		r.advance()
	}
	k, v = r.ready[r.next], r.ready[r.next+1]
	r.ready[r.next], r.ready[r.next+1] = nil, nil
	r.next += 2
	return k, v, true, nil
}

// advance runs the VM until a batch is released or the pickle ends, as
// items.advance does.
func (r *pairs) advance() {
	d := r.d
	for d.pos < len(d.data) {
		d.op = d.pos
		op := d.data[d.pos]
		d.pos++
		if op == opStop {
			if _, err := d.pop(); err != nil {
				r.err = err
				return
			}
			r.release()
			r.done, r.err = true, r.ferr
			return
		}
		if err := d.step(op); err != nil {
			r.err = err
			return
		}
		if d.batched && len(d.stack) == 1 && d.horizon <= d.pos {
			if r.release(); len(r.ready) > 0 {
				return
			}
		}
	}
	d.op = d.pos
	r.err = d.errf("pickle ends without STOP")
}

// release converts the pending pairs as finalize's walkDict converts a
// dict's: the key is walked (for its size and depth) and kept as it is,
// the value converted.
func (r *pairs) release() {
	d := r.d
	d.batched = false
	if r.ferr == nil {
		d.op = len(d.data) - 1 // as finalize: its errors point at the end
		for i := 0; i < len(d.pending); i += 2 {
			k, v := d.pending[i], d.pending[i+1]
			_, _, ks, _, err := r.f.walk(k, 2, true)
			var vs int
			if err == nil {
				v, _, vs, _, err = r.f.walk(v, 2, false)
			}
			if err == nil {
				if r.size = r.f.add(r.f.add(r.size, ks), vs); r.size > r.f.max {
					err = d.errf("decoded value exceeds %d elements", r.f.max)
				}
			}
			if err != nil {
				r.ferr = err
				break
			}
			r.ready = append(r.ready, k, v)
		}
	}
	clear(d.pending)
	d.pending = d.pending[:0]
}
