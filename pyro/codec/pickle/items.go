package pickle

import (
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// items hands out a top-level list's elements as the VM completes them
// (codec.Itemizer). Python's pickler fills a list by MARK, up to 1,000
// elements, APPENDS; the VM collects each batch appended to the root
// list in decoder.pending and, once the stack is back to the root alone
// and no GET is left that could reach a container of the batch again
// (decoder.horizon), converts the elements as finalize does and hands
// them out. Everything else runs as Decode runs it, so the elements,
// and the error where there is one, are Decode's.
type items struct {
	d     *decoder
	f     *finalizer // one for the whole list: shared values are converted once
	size  int        // the list's size as a tree so far, as finalize counts it
	ready []py.Value // converted elements not handed out yet
	next  int        // the next element of ready to hand out
	// ferr is a finalize error (nesting, size), reported once the VM has
	// run to STOP: Decode reports the VM's own errors first.
	ferr error
	done bool
	err  error
}

// DecodeItems implements codec.Itemizer: a top-level list comes back as
// codec.Items when a first pass over the opcodes (scanPickle) finds the
// whole pickle readable up to STOP and the list filled only by APPEND(S)
// at the bottom of the stack, never fetched again. Anything else,
// tuples included, is decoded whole into v.
func (Codec) DecodeItems(data []byte, b *codec.Budget) (py.Value, codec.Items, error) {
	if len(data) > MaxInput {
		v, err := decode(data, b)
		return v, nil, err
	}
	d, s := newDecoder(data, b)
	if !s.stream || s.dict {
		v, err := d.run()
		if err != nil {
			return nil, nil, err
		}
		v, err = d.finish(v, s)
		return v, nil, err
	}
	// The scan found PROTO and FRAME at most before EMPTY_LIST.
	for len(d.stack) == 0 && d.pos < len(d.data) {
		d.op = d.pos
		op := d.data[d.pos]
		d.pos++
		if err := d.step(op); err != nil {
			return nil, nil, err
		}
	}
	root, err := d.top()
	if err != nil {
		return nil, nil, err
	}
	if d.root, _ = root.(*plist); d.root == nil {
		return nil, nil, d.errf("pickle scan and run disagree on the top-level list")
	}
	return nil, &items{d: d, f: d.newFinalizer(), size: 1}, nil
}

// IsTuple implements codec.Items: only lists are handed out this way.
func (*items) IsTuple() bool { return false }

// Next implements codec.Items.
func (it *items) Next() (py.Value, bool, error) {
	for it.next == len(it.ready) {
		if it.err != nil || it.done {
			return nil, false, it.err
		}
		it.ready, it.next = it.ready[:0], 0
		it.advance()
	}
	v := it.ready[it.next]
	it.ready[it.next] = nil
	it.next++
	return v, true, nil
}

// advance runs the VM until a batch of elements is ready or the pickle
// ends (decoder.runToBatch).
func (it *items) advance() {
	stopped, err := it.d.runToBatch(func() bool {
		it.release()
		return len(it.ready) > 0
	})
	it.done, it.err = stopped, err
	if stopped {
		it.err = it.ferr
	}
}

// runToBatch runs the VM until release, called once the stack is back
// to the streamed root alone and no GET can reach the waiting batch
// again, reports something ready, or to STOP, which pops the root and
// releases the last batch (stopped). An error of the VM ends it.
func (d *decoder) runToBatch(release func() bool) (stopped bool, err error) {
	for d.pos < len(d.data) {
		if d.walkAlways || d.quick(1) == 0 {
			d.op = d.pos
			op := d.data[d.pos]
			d.pos++
			if op == opStop {
				// The scan checked that STOP pops the root.
				if _, err := d.pop(); err != nil {
					return false, err
				}
				release()
				return true, nil
			}
			if err := d.step(op); err != nil {
				return false, err
			}
		}
		if d.batched && len(d.stack) == 1 && d.horizon <= d.pos && release() {
			return false, nil
		}
	}
	d.op = d.pos
	return false, d.errf("pickle ends without STOP")
}

// release converts the pending elements as finalize converts a list's
// elements, in order, into ready; after a finalize error it only drops
// them.
func (it *items) release() {
	d := it.d
	d.batched = false
	if it.ferr == nil {
		d.op = len(d.data) - 1 // as finalize: its errors point at the end
		for _, e := range d.pending {
			v, _, es, _, err := it.f.walk(e, 2, false)
			if err == nil {
				if it.size = it.f.add(it.size, es); it.size > it.f.max {
					err = d.errf("decoded value exceeds %d elements", it.f.max)
				}
			}
			if err != nil {
				it.ferr = err
				break
			}
			it.ready = append(it.ready, v)
		}
	}
	clear(d.pending)
	d.pending = d.pending[:0]
}

var _ codec.Itemizer = Codec{}
