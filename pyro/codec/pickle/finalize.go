package pickle

import (
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// node is what finalize learnt about one shared value (list box, dict,
// set, tuple): its converted form, its height and its size as a tree.
type node struct {
	done   bool
	val    py.Value
	height int
	size   int
}

// finalizer turns the VM's result into plain py values: list boxes become
// py.List, instances with a replacement become it, class references
// become class dicts. It walks every shared value once, so the memo
// cannot make it slow, and it rejects what consumers could not handle:
// cycles, nesting deeper than codec.MaxDepth, and trees larger than
// expandBase + expandPerByte*len(input).
type finalizer struct {
	d *decoder
	// seen records the shared containers (decoder.shared) met so far;
	// any other container is reached once and needs no record.
	seen map[any]node
	max  int // largest tree size accepted
}

// finalize converts the VM's result v; its errors point at the last
// byte of the pickle.
func (d *decoder) finalize(v py.Value) (py.Value, error) {
	d.op = len(d.data) - 1
	out, _, _, _, err := d.newFinalizer().walk(v, 1, false)
	return out, err
}

func (d *decoder) newFinalizer() *finalizer {
	return &finalizer{d: d, seen: make(map[any]node, len(d.shared)), max: expandBase + expandPerByte*len(d.data)}
}

// add is a sum of tree sizes that saturates past the limit.
func (f *finalizer) add(a, b int) int {
	if a+b > f.max || a+b < 0 {
		return f.max + 1
	}
	return a + b
}

// walk converts v found at nesting level; hashed is set for dict keys and
// set elements, where a class reference stays as it is (it is hashable,
// a class dict would not be). changed reports whether out is a different
// value from v, as opposed to v converted in place.
func (f *finalizer) walk(v py.Value, level int, hashed bool) (out py.Value, height, size int, changed bool, err error) {
	if level > codec.MaxDepth {
		return nil, 0, 0, false, f.d.errf("value nested deeper than %d levels", codec.MaxDepth)
	}
	var key any
	switch x := v.(type) {
	case *plist:
		key = x
	case *py.Dict:
		if r := f.d.resolve(x); r != v {
			return r, 1, 1, true, nil
		}
		key = x
	case *py.Set:
		key = x
	case *py.FrozenSet:
		key = x
	case *py.Deque:
		key = x
	case *py.StdDict:
		key = x
	case *py.Slice:
		key = x
	case py.Tuple:
		if len(x) == 0 {
			return v, 1, 1, false, nil
		}
		key = &x[0]
	case *classRef:
		if hashed {
			return v, 1, 1, false, nil
		}
		m := newClassDict("builtins.type")
		m.SetStr("name", py.Str(x.qualname()))
		return m, 2, 3, true, nil
	default:
		return v, 1, 1, false, nil
	}
	_, shared := f.d.shared[key]
	if n, ok := f.seen[key]; shared && ok {
		if !n.done {
			// v holds itself: the edge that closes the cycle becomes a
			// py.Recursive, which prints as Python's repr does ([...]).
			return &py.Recursive{Kind: typeName(v), Target: f.target(v)}, 1, 1, true, nil
		}
		if level+n.height-1 > codec.MaxDepth {
			return nil, 0, 0, false, f.d.errf("value nested deeper than %d levels", codec.MaxDepth)
		}
		return n.val, n.height, n.size, n.val != nil && isBox(v), nil
	}
	if shared {
		f.seen[key] = node{} // in progress
	}
	h, s := 0, 1
	visit := func(e py.Value, hashed bool) (py.Value, bool, error) {
		o, eh, es, ch, err := f.walk(e, level+1, hashed)
		if err != nil {
			return nil, false, err
		}
		h = max(h, eh)
		if s = f.add(s, es); s > f.max {
			return nil, false, f.d.errf("decoded value exceeds %d elements", f.max)
		}
		return o, ch, nil
	}
	switch x := v.(type) {
	case *plist:
		for i, e := range x.items {
			if x.items[i], _, err = visit(e, false); err != nil {
				return nil, 0, 0, false, err
			}
		}
		out, changed = f.d.slab.List(x.items), true
	case py.Tuple:
		for i, e := range x {
			if x[i], _, err = visit(e, hashed); err != nil {
				return nil, 0, 0, false, err
			}
		}
		out = x
	case *py.Set:
		err = f.walkItems(x.Items, visit)
		out = x
	case *py.FrozenSet:
		err = f.walkItems(x.Items, visit)
		out = x
	case *py.StdDict:
		err = walkDict(x.Dict, visit)
		out = x
	case *py.Deque:
		for i, e := range x.Items {
			if x.Items[i], _, err = visit(e, false); err != nil {
				return nil, 0, 0, false, err
			}
		}
		out = x
	case *py.Slice:
		for _, p := range []*py.Value{&x.Start, &x.Stop, &x.Step} {
			if *p, _, err = visit(*p, false); err != nil {
				return nil, 0, 0, false, err
			}
		}
		out = x
	case *py.Dict:
		err = walkDict(x, visit)
		out = x
	}
	if err != nil {
		return nil, 0, 0, false, err
	}
	if shared {
		f.seen[key] = node{done: true, val: out, height: h + 1, size: s}
	}
	return out, h + 1, s, changed, nil
}

// walkDict visits a dict's keys (as hashed) and values, storing the
// values that changed.
func walkDict(x *py.Dict, visit func(py.Value, bool) (py.Value, bool, error)) error {
	for _, it := range x.Items() {
		if _, _, err := visit(it.Key, true); err != nil {
			return err
		}
		nv, ch, err := visit(it.Value, false)
		if err != nil {
			return err
		}
		if ch {
			_ = x.Set(it.Key, nv)
		}
	}
	return nil
}

func (f *finalizer) walkItems(items []py.Value, visit func(py.Value, bool) (py.Value, bool, error)) error {
	for i, e := range items {
		var err error
		if items[i], _, err = visit(e, true); err != nil {
			return err
		}
	}
	return nil
}

// isBox reports whether v is a VM-only kind that finalize replaces.
func isBox(v py.Value) bool {
	_, ok := v.(*plist)
	return ok
}

// target is what a container still being converted will be once done: a
// list box its py.List (which shares the box's storage), anything else
// itself.
func (f *finalizer) target(v py.Value) py.Value {
	if l, ok := v.(*plist); ok {
		return py.List(l.items)
	}
	return f.d.resolve(v)
}
