package pickle

import (
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

var _ codec.DictItemizer = Codec{}

// pairs hands out a top-level dict's keys and values as the VM completes
// them (codec.DictItemizer), as items does a list's elements: Python's
// pickler fills a dict by MARK, up to 1,000 pairs, SETITEMS; the pairs
// set on the root dict wait in decoder.pending (setItems) and are
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

// advance runs the VM until a batch of pairs is ready or the pickle
// ends (decoder.runToBatch).
func (r *pairs) advance() {
	stopped, err := r.d.runToBatch(func() bool {
		r.release()
		return len(r.ready) > 0
	})
	r.done, r.err = stopped, err
	if stopped {
		r.err = r.ferr
	}
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
