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
// value from v, as opposed to v converted in place. A py.List is a list
// box the VM already converted (decoder.done): nothing else reaches it,
// so it is walked for its height and size and what it holds, untracked.
func (f *finalizer) walk(v py.Value, level int, hashed bool) (out py.Value, height, size int, changed bool, err error) {
	if level > codec.MaxDepth {
		return nil, 0, 0, false, f.d.errf("value nested deeper than %d levels", codec.MaxDepth)
	}
	var key any
	switch x := v.(type) {
	case py.List:
		if len(x) == 0 {
			return v, 1, 1, false, nil
		}
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
	shared := false
	if key != nil && len(f.d.shared) > 0 {
		_, shared = f.d.shared[key]
	}
	if shared {
		if n, ok := f.seen[key]; ok {
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
		f.seen[key] = node{} // in progress
	}
	c := child{f: f, level: level + 1, s: 1}
	switch x := v.(type) {
	case py.List:
		c.slice(x, false)
		out = v // in place; v, not x, which would box the slice again
	case *plist:
		c.slice(x.items, false)
		out, changed = f.d.slab.List(x.items), true
	case py.Tuple:
		c.slice(x, hashed)
		out = v
	case *py.Set:
		c.slice(x.Items, true)
		out = x
	case *py.FrozenSet:
		c.slice(x.Items, true)
		out = x
	case *py.StdDict:
		c.dict(x.Dict)
		out = x
	case *py.Deque:
		c.slice(x.Items, false)
		out = x
	case *py.Slice:
		for _, p := range []*py.Value{&x.Start, &x.Stop, &x.Step} {
			*p, _ = c.visit(*p, false)
		}
		out = x
	case *py.Dict:
		c.dict(x)
		out = x
	}
	if c.err != nil {
		return nil, 0, 0, false, c.err
	}
	if shared {
		f.seen[key] = node{done: true, val: out, height: c.h + 1, size: c.s}
	}
	return out, c.h + 1, c.s, changed, nil
}

// child walks the elements of one container, one level down, keeping the
// tallest height and the sum of sizes; after an error it does nothing.
type child struct {
	f     *finalizer
	level int
	h, s  int
	err   error
}

// visit walks e, returning what it becomes and whether that is a
// different value.
func (c *child) visit(e py.Value, hashed bool) (py.Value, bool) {
	if c.err != nil {
		return e, false
	}
	o, eh, es, ch, err := c.f.walk(e, c.level, hashed)
	if err != nil {
		c.err = err
		return e, false
	}
	c.h = max(c.h, eh)
	if c.s = c.f.add(c.s, es); c.s > c.f.max {
		c.err = c.f.d.errf("decoded value exceeds %d elements", c.f.max)
	}
	return o, ch
}

// slice walks items in place.
func (c *child) slice(items []py.Value, hashed bool) {
	for i, e := range items {
		if items[i], _ = c.visit(e, hashed); c.err != nil {
			return
		}
	}
}

// dict walks a dict's keys (as hashed) and values, storing the values
// that changed.
func (c *child) dict(x *py.Dict) {
	for _, it := range x.Items() {
		c.visit(it.Key, true)
		if nv, ch := c.visit(it.Value, false); ch && c.err == nil {
			_ = x.Set(it.Key, nv)
		}
		if c.err != nil {
			return
		}
	}
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
