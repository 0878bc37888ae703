package pickle

import (
	"encoding/binary"
	"fmt"
	"math"
	"unsafe"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// Decoder limits. Each exists so hostile input costs an error, not the
// process: the input bound caps everything proportional to it, and the
// others stop the few ways a small pickle asks for a lot.
const (
	// MaxInput is the largest pickle Decode accepts.
	MaxInput = 1 << 30
	// maxStack bounds the VM stack and the mark stack, in entries.
	maxStack = 1 << 22
	// maxMemo bounds the memo, in entries.
	maxMemo = 1 << 22
	// maxMemoGap is how far past the end of the memo a PUT may store;
	// Python's pickler numbers entries densely, so a gap means hostility.
	maxMemoGap = 1 << 16
	// maxLongBytes bounds one LONG1/LONG4 (about 158,000 decimal digits),
	// and maxLongDigits one protocol 0 LONG: big.Int parsing and printing
	// cost more than linear time.
	maxLongBytes  = 1 << 16
	maxLongDigits = 1 << 17
	// expandBase and expandPerByte bound the size of the decoded value
	// counted as a tree to expandBase + expandPerByte*len(input): memo
	// references share values, so a few bytes can describe a value whose
	// printing never ends ("billion laughs"). Without sharing a tree is
	// smaller than its pickle, so only sharing-heavy pickles hit this.
	expandBase    = 1 << 20
	expandPerByte = 8
)

// decoder is one run of the pickle VM over data.
type decoder struct {
	data  []byte
	pos   int
	op    int // offset of the opcode being run, for errors
	stack []py.Value
	marks []int
	memo  memo
	proto int
	// objs holds the class dicts made for instances (see object).
	objs map[*py.Dict]*object
	// sets holds hash keys of sets filled by ADDITEMS, to drop duplicates.
	sets map[*py.Set]map[string]struct{}
	// shared holds the containers put under a memo key some GET fetches
	// (scan) or duplicated (DUP): only those can be reached twice
	// (shared or in a cycle), so only those are tracked by finalize.
	shared map[any]struct{}
	// budget is charged for what the VM builds (codec.ValueCost per
	// container slot, the length of every str and bytes).
	budget *codec.Budget
	// slab and strs give the many small containers and strs of a large
	// result their storage in shared blocks; strs is nil for small
	// pickles, where it would not pay off.
	slab py.Slab
	strs *py.StrTable
	// rootCap is how many elements APPEND(S) give the top-level list
	// (scan.rootLen) while the VM has not made it yet: a whole decode
	// sizes it once instead of growing it a batch at a time.
	rootCap int

	// Streaming (items.go): root is the top-level list while its
	// elements are handed out in batches; APPEND(S) onto it go to
	// pending instead, and batched says some are waiting. horizon is
	// 1 + the offset of the last GET of a mutable value put so far: a
	// batch is final once the VM has passed it.
	root    *plist
	rootMap *py.Dict // the top-level dict, streamed the same way (dictitems.go)
	pending []py.Value
	batched bool
	horizon int

	// slow says finalize has work the VM could not do as it went (a
	// class reference as a value, a list subclass's items); walkAlways,
	// for tests, runs finalize even when it has none and turns off the
	// VM's shortcuts (quick, setItems's dicts in one go, the sized root
	// list), so that a test can compare the general path with them.
	slow, walkAlways bool
}

// strTableMin is the smallest pickle whose strs go through a
// py.StrTable: a call's usual reply of a few hundred bytes repeats too
// little for it to pay off.
const strTableMin = 16 << 10

// charge adds n bytes to the budget, or fails the decode.
func (d *decoder) charge(n int) error {
	if !d.budget.Charge(n) {
		return d.budget.Error("pickle", d.op)
	}
	return nil
}

// str boxes the text of a unicode opcode, copied out of the input.
func (d *decoder) str(b []byte) (py.Value, error) {
	if err := d.charge(len(b)); err != nil {
		return nil, err
	}
	if d.strs != nil {
		return d.strs.Str(b), nil
	}
	return py.Str(b), nil
}

// newList returns an empty list box in a slot of the slab's list
// headers: done boxes it as its py.List where it is (plist and py.List
// have one layout).
func (d *decoder) newList() *plist {
	l := (*plist)(unsafe.Pointer(d.slab.ListBox()))
	if d.rootCap > 0 && len(d.stack) == 0 {
		// The top-level list of a whole decode: its size is known, bounded
		// by the input (an element is at least one opcode) and by what
		// the budget has left, which its APPENDS are charged against.
		n := min(d.rootCap, int(min(d.budget.Left()/codec.ValueCost, maxStack)))
		l.items = d.slab.Values(max(n, 0))[:0]
	}
	d.rootCap = 0
	return l
}

func (d *decoder) errf(format string, args ...any) error {
	return &codec.Error{Codec: "pickle", Op: "decode", Offset: d.op, Msg: fmt.Sprintf(format, args...)}
}

// newDecoder scans data (scanPickle) and returns a decoder ready to run
// it, with what the scan found.
func newDecoder(data []byte, b *codec.Budget) (*decoder, scan) {
	s := scanPickle(data)
	d := &decoder{data: data, stack: make([]py.Value, 0, 16), budget: codec.BudgetFor(b, len(data)), memo: newMemo(s.lastGet)}
	if len(data) >= strTableMin {
		d.strs = new(py.StrTable)
	}
	return d, s
}

// decode runs the VM to STOP and returns the finished value, charging b
// (codec.BudgetFor's default when nil).
func decode(data []byte, b *codec.Budget) (py.Value, error) {
	if len(data) > MaxInput {
		return nil, &codec.Error{Codec: "pickle", Op: "decode", Offset: -1,
			Msg: fmt.Sprintf("pickle of %d bytes exceeds the limit of %d", len(data), MaxInput)}
	}
	d, s := newDecoder(data, b)
	if !s.dict {
		d.rootCap = s.rootLen
	}
	v, err := d.run()
	if err != nil {
		return nil, err
	}
	return d.finish(v, s)
}

// finish returns the VM's result v as finalize converts it, without the
// walk when there is nothing left for it to do: the VM converted every
// list box as it went into its container (done), so when no container
// is reached twice (nothing shared, hence no cycle and no tree larger
// than the values the VM built, which the input bounds), no class
// reference is left as a value and the scan's height bound is within
// codec.MaxDepth, the walk would change nothing and refuse nothing.
func (d *decoder) finish(v py.Value, s scan) (py.Value, error) {
	if !d.walkAlways && s.height > 0 && s.height <= codec.MaxDepth {
		if out := d.done(v); !d.slow && len(d.shared) == 0 {
			return out, nil
		}
	}
	return d.finalize(v)
}

// need returns the next n bytes, or an error if the input has fewer.
func (d *decoder) need(n uint64) ([]byte, error) {
	if n > uint64(len(d.data)-d.pos) {
		return nil, d.errf("truncated pickle: need %d bytes, have %d", n, len(d.data)-d.pos)
	}
	b := d.data[d.pos : d.pos+int(n)]
	d.pos += int(n)
	return b, nil
}

func (d *decoder) u8() (uint64, error) {
	b, err := d.need(1)
	if err != nil {
		return 0, err
	}
	return uint64(b[0]), nil
}

func (d *decoder) u16() (uint64, error) {
	b, err := d.need(2)
	if err != nil {
		return 0, err
	}
	return uint64(binary.LittleEndian.Uint16(b)), nil
}

func (d *decoder) u32() (uint64, error) {
	b, err := d.need(4)
	if err != nil {
		return 0, err
	}
	return uint64(binary.LittleEndian.Uint32(b)), nil
}

// i32len reads a signed 32-bit length (BINSTRING, LONG4); negative is an error.
func (d *decoder) i32len() (uint64, error) {
	n, err := d.u32()
	if err != nil {
		return 0, err
	}
	if int32(n) < 0 {
		return 0, d.errf("negative length %d", int32(n))
	}
	return n, nil
}

func (d *decoder) u64() (uint64, error) {
	b, err := d.need(8)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint64(b), nil
}

// line returns the text up to the next '\n' (excluded) of the protocol 0
// opcodes.
func (d *decoder) line() ([]byte, error) {
	for i := d.pos; i < len(d.data); i++ {
		if d.data[i] == '\n' {
			b := d.data[d.pos:i]
			d.pos = i + 1
			return b, nil
		}
	}
	return nil, d.errf("truncated pickle: line without newline")
}

// lenBytes reads a length with read and then that many bytes.
func (d *decoder) lenBytes(read func() (uint64, error)) ([]byte, error) {
	n, err := read()
	if err != nil {
		return nil, err
	}
	return d.need(n)
}

func (d *decoder) push(v py.Value) error {
	if len(d.stack) >= maxStack {
		return d.errf("stack exceeds %d entries", maxStack)
	}
	d.stack = append(d.stack, v)
	return nil
}

// fence is the stack index the innermost mark protects.
func (d *decoder) fence() int {
	if len(d.marks) == 0 {
		return 0
	}
	return d.marks[len(d.marks)-1]
}

func (d *decoder) pop() (py.Value, error) {
	if len(d.stack) <= d.fence() {
		return nil, d.errf("stack underflow")
	}
	v := d.stack[len(d.stack)-1]
	d.stack = d.stack[:len(d.stack)-1]
	return v, nil
}

func (d *decoder) top() (py.Value, error) {
	if len(d.stack) <= d.fence() {
		return nil, d.errf("stack underflow")
	}
	return d.stack[len(d.stack)-1], nil
}

// popMark removes and returns everything above the innermost mark. The
// result aliases the stack: copy it before pushing again.
func (d *decoder) popMark() ([]py.Value, error) {
	if len(d.marks) == 0 {
		return nil, d.errf("mark not found")
	}
	k := d.marks[len(d.marks)-1]
	d.marks = d.marks[:len(d.marks)-1]
	items := d.stack[k:]
	d.stack = d.stack[:k]
	return items, nil
}

func (d *decoder) memoGet(i uint64) error {
	v := d.memo.get(i)
	if v == nil {
		return d.errf("memo key %d not found", i)
	}
	return d.push(v)
}

func (d *decoder) memoPut(i uint64) error {
	v, err := d.top()
	if err != nil {
		return err
	}
	if i >= maxMemo || i > d.memo.len()+maxMemoGap {
		return d.errf("memo key %d out of range", i)
	}
	if d.memo.put(i, v) {
		// A GET fetches it again: it is reachable twice (Python's
		// pickler memoizes every container but fetches only the shared
		// ones). Marked now, before anything holds it, so finalize
		// knows it whether it runs at the end or item by item.
		d.markShared(v)
		if (d.root != nil || d.rootMap != nil) && mutable(v) {
			// Streaming: a batch holding v waits for v's last GET,
			// after which nothing can change it (items.go).
			d.horizon = max(d.horizon, int(d.memo.keep[i]))
		}
	}
	return nil
}

// mutable reports whether the VM can change v after it was built: the
// containers the fill opcodes and BUILD work on.
func mutable(v py.Value) bool {
	switch v.(type) {
	case *plist, *py.Dict, *py.Set, *py.Deque, *py.StdDict:
		return true
	}
	return false
}

// markShared records a container that can be reached more than once.
func (d *decoder) markShared(v py.Value) {
	switch v.(type) {
	case *plist, *py.Dict, *py.Set, *py.FrozenSet, py.Tuple, *py.Deque, *py.StdDict, *py.Slice:
		if k := sharedKey(v); k != nil {
			if d.shared == nil {
				d.shared = make(map[any]struct{})
			}
			d.shared[k] = struct{}{}
		}
	}
}

func (d *decoder) binFloat() (py.Value, error) {
	b, err := d.need(8)
	if err != nil {
		return nil, err
	}
	return d.slab.Float(math.Float64frombits(binary.BigEndian.Uint64(b))), nil
}

// sharedKey identifies a container by identity: its pointer, or for a
// tuple the address of its first element (an empty tuple is no key).
func sharedKey(v py.Value) any {
	if t, ok := v.(py.Tuple); ok {
		if len(t) == 0 {
			return nil
		}
		return &t[0]
	}
	return v
}

// memo is the pickle memo, indexed by key. It keeps only the entries
// some GET fetches (scan.lastGet): Python's pickler memoizes every
// container and str of a result, about 900,000 entries for 300,000
// records, and fetches a handful of them again, so the memo neither
// costs memory for the rest nor keeps them alive after they are used.
type memo struct {
	slots []py.Value // by key, up to the highest key fetched; nil is unset
	keep  []int32    // scan.lastGet: the slots to fill
	n     uint64     // one past the highest key put
}

func newMemo(lastGet []int32) memo {
	return memo{slots: make([]py.Value, len(lastGet)), keep: lastGet}
}

func (m *memo) len() uint64 { return m.n }

func (m *memo) get(i uint64) py.Value {
	if i >= uint64(len(m.slots)) {
		return nil
	}
	return m.slots[i]
}

// put stores v under key i when a GET fetches i, and reports whether it
// did; the caller bounds i (maxMemo, maxMemoGap).
func (m *memo) put(i uint64, v py.Value) bool {
	m.n = max(m.n, i+1)
	if i >= uint64(len(m.slots)) || m.keep[i] == 0 {
		return false
	}
	m.slots[i] = v
	return true
}
