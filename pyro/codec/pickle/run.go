package pickle

import (
	"encoding/binary"
	"math"
	"unsafe"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// run executes opcodes until STOP and returns the value STOP pops.
func (d *decoder) run() (py.Value, error) {
	for {
		if !d.walkAlways {
			d.quick(-1)
		}
		if d.pos >= len(d.data) {
			d.op = d.pos
			return nil, d.errf("pickle ends without STOP")
		}
		d.op = d.pos
		op := d.data[d.pos]
		d.pos++
		if op == opStop {
			return d.pop()
		}
		if err := d.step(op); err != nil {
			return nil, err
		}
	}
}

// quick runs, from d.pos, the opcodes most of a large pickle is made
// of (a record's strs, ints, floats and empty containers, MARK, BINGET
// and Python's MEMOIZE and BINPUT for a key no GET fetches) as step
// would, up to limit of them (any number when limit < 0), and returns
// how many it ran. It stops before any other opcode and before one cut short or
// past a bound, so that step runs it and errors stay step's; its
// variables stay in registers, which step's dispatch per opcode does
// not allow. walkAlways turns it off for the tests that compare the
// two.
func (d *decoder) quick(limit int) int {
	data, pos, stack := d.data, d.pos, d.stack
	ran := 0
	for ; ran != limit && pos < len(data) && len(stack) < maxStack; ran++ {
		var v py.Value
		switch op := data[pos]; op {
		case opShortBinUnicode:
			if pos+1 >= len(data) {
				goto out
			}
			n := int(data[pos+1])
			if n > len(data)-pos-2 || d.budget.Left() < int64(n) {
				goto out // step fails
			}
			d.budget.Charge(n)
			b := data[pos+2 : pos+2+n]
			pos += 2 + n
			if d.strs != nil {
				v = d.strs.Str(b)
			} else {
				v = py.Str(b)
			}
		case opBinInt1:
			if pos+1 >= len(data) {
				goto out
			}
			v = py.Int(data[pos+1])
			pos += 2
		case opBinInt:
			if 5 > len(data)-pos {
				goto out
			}
			v = d.slab.Int(int64(int32(binary.LittleEndian.Uint32(data[pos+1:]))))
			pos += 5
		case opBinFloat:
			if 9 > len(data)-pos {
				goto out
			}
			v = d.slab.Float(math.Float64frombits(binary.BigEndian.Uint64(data[pos+1:])))
			pos += 9
		case opBinGet:
			if pos+1 >= len(data) {
				goto out
			}
			if v = d.memo.get(uint64(data[pos+1])); v == nil {
				goto out // step fails
			}
			pos += 2
		case opEmptyDict:
			v = d.slab.EmptyDict(0)
			pos++
		case opEmptyList:
			d.stack = stack // newList looks for the top-level list
			v = d.newList()
			pos++
		case opMark:
			if len(d.marks) >= maxStack {
				goto out
			}
			d.marks = append(d.marks, len(stack))
			pos++
			continue
		case opMemoize, opBinPut:
			// A key no GET fetches: only the memo's length changes.
			i, w := d.memo.n, 1
			if op == opBinPut {
				if pos+1 >= len(data) {
					goto out
				}
				i, w = uint64(data[pos+1]), 2
			}
			if len(stack) <= d.fence() || i < uint64(len(d.memo.slots)) || i >= maxMemo || i > d.memo.n+maxMemoGap {
				goto out
			}
			d.memo.n = max(d.memo.n, i+1)
			pos += w
			continue
		default:
			goto out
		}
		stack = append(stack, v)
	}
out:
	d.pos, d.stack = pos, stack
	return ran
}

// step runs one opcode other than STOP.
func (d *decoder) step(op byte) error {
	switch op {
	case opProto:
		n, err := d.u8()
		if err != nil {
			return err
		}
		if n > highestProtocol {
			return d.errf("unsupported pickle protocol %d", n)
		}
		d.proto = int(n)
		return nil
	case opFrame:
		// A frame only tells a streaming reader how much to buffer; the
		// whole pickle is in memory, so check the length and go on.
		n, err := d.u64()
		if err != nil {
			return err
		}
		if n > uint64(len(d.data)-d.pos) {
			return d.errf("frame of %d bytes exceeds the input", n)
		}
		return nil
	case opMark:
		if len(d.marks) >= maxStack {
			return d.errf("mark stack exceeds %d entries", maxStack)
		}
		d.marks = append(d.marks, len(d.stack))
		return nil
	case opPop:
		if len(d.stack) > d.fence() {
			d.stack = d.stack[:len(d.stack)-1]
			return nil
		}
		// As in CPython, POP with only a mark on top drops the mark.
		_, err := d.popMark()
		return err
	case opPopMark:
		_, err := d.popMark()
		return err
	case opDup:
		v, err := d.top()
		if err != nil {
			return err
		}
		// Both copies are one value, reachable twice, as a memo entry is.
		d.markShared(v)
		return d.push(v)
	case opNone:
		return d.push(py.None)
	case opNewTrue:
		return d.push(py.Bool(true))
	case opNewFalse:
		return d.push(py.Bool(false))

	case opInt, opLong, opFloat, opString, opUnicode:
		return d.textValue(op)
	case opBinInt:
		b, err := d.need(4)
		if err != nil {
			return err
		}
		return d.push(d.slab.Int(int64(int32(binary.LittleEndian.Uint32(b)))))
	case opBinInt1:
		n, err := d.u8()
		if err != nil {
			return err
		}
		return d.push(py.Int(n))
	case opBinInt2:
		n, err := d.u16()
		if err != nil {
			return err
		}
		return d.push(d.slab.Int(int64(n)))
	case opLong1, opLong4:
		read := d.u8
		if op == opLong4 {
			read = d.i32len
		}
		n, err := read()
		if err != nil {
			return err
		}
		if n > maxLongBytes {
			return d.errf("int of %d bytes exceeds the limit of %d", n, maxLongBytes)
		}
		b, err := d.need(n)
		if err != nil {
			return err
		}
		return d.push(decodeLong(b))
	case opBinFloat:
		v, err := d.binFloat()
		if err != nil {
			return err
		}
		return d.push(v)

	case opBinString, opShortBinString:
		read := d.u8
		if op == opBinString {
			read = d.i32len
		}
		b, err := d.lenBytes(read)
		if err != nil {
			return err
		}
		return d.push(latin1(b))
	case opBinUnicode, opShortBinUnicode, opBinUnicode8:
		b, err := d.lenBytes(d.lengthReader(op))
		if err != nil {
			return err
		}
		s, err := d.str(b)
		if err != nil {
			return err
		}
		return d.push(s)
	case opBinBytes, opShortBinBytes, opBinBytes8, opByteArray8:
		b, err := d.lenBytes(d.lengthReader(op))
		if err != nil {
			return err
		}
		if err := d.charge(len(b)); err != nil {
			return err
		}
		if op == opByteArray8 {
			return d.push(py.ByteArray(append([]byte{}, b...)))
		}
		return d.push(py.Bytes(append([]byte{}, b...)))
	case opNextBuffer, opReadonlyBuffer:
		return d.errf("out-of-band pickle buffers are not supported")

	case opEmptyTuple:
		return d.push(py.Tuple{})
	case opTuple1, opTuple2, opTuple3:
		n := int(op-opTuple1) + 1
		if len(d.stack)-d.fence() < n {
			return d.errf("stack underflow")
		}
		t := d.values(d.stack[len(d.stack)-n:])
		d.stack = d.stack[:len(d.stack)-n]
		if err := d.charge(n * codec.ValueCost); err != nil {
			return err
		}
		return d.push(py.Tuple(t))
	case opTuple:
		items, err := d.popMark()
		if err != nil {
			return err
		}
		if err := d.charge(len(items) * codec.ValueCost); err != nil {
			return err
		}
		return d.push(py.Tuple(d.values(items)))
	case opEmptyList:
		return d.push(d.newList())
	case opList:
		items, err := d.popMark()
		if err != nil {
			return err
		}
		if err := d.charge(len(items) * codec.ValueCost); err != nil {
			return err
		}
		l := d.newList()
		l.items = d.values(items)
		return d.push(l)
	case opEmptyDict:
		// Its items come with SETITEM(S), sized then (setItems).
		return d.push(d.slab.EmptyDict(0))
	case opDict:
		items, err := d.popMark()
		if err != nil {
			return err
		}
		m := py.NewDict(len(items) / 2)
		if err := d.setItems(m, items); err != nil {
			return err
		}
		return d.push(m)
	case opEmptySet:
		return d.push(&py.Set{})
	case opFrozenSet:
		items, err := d.popMark()
		if err != nil {
			return err
		}
		s, err := d.uniqueItems(items)
		if err != nil {
			return err
		}
		return d.push(&py.FrozenSet{Items: s})

	case opAppend, opAppends, opSetItem, opSetItems, opAddItems:
		return d.fill(op)

	case opGet:
		i, err := d.decimalIndex()
		if err != nil {
			return err
		}
		return d.memoGet(i)
	case opBinGet:
		i, err := d.u8()
		if err != nil {
			return err
		}
		return d.memoGet(i)
	case opLongBinGet:
		i, err := d.u32()
		if err != nil {
			return err
		}
		return d.memoGet(i)
	case opPut:
		i, err := d.decimalIndex()
		if err != nil {
			return err
		}
		return d.memoPut(i)
	case opBinPut:
		i, err := d.u8()
		if err != nil {
			return err
		}
		return d.memoPut(i)
	case opLongBinPut:
		i, err := d.u32()
		if err != nil {
			return err
		}
		return d.memoPut(i)
	case opMemoize:
		return d.memoPut(d.memo.len())

	case opGlobal, opStackGlobal, opReduce, opNewObj, opNewObjEx, opBuild, opInst, opObj:
		return d.object(op)
	case opPersID, opBinPersID:
		return d.errf("persistent ids are not supported")
	case opExt1, opExt2, opExt4:
		return d.errf("copyreg extension codes are not supported")
	}
	return d.errf("unknown opcode 0x%02x", op)
}

// lengthReader returns the length reader for a sized opcode.
func (d *decoder) lengthReader(op byte) func() (uint64, error) {
	switch op {
	case opShortBinUnicode, opShortBinBytes:
		return d.u8
	case opBinUnicode, opBinBytes:
		return d.u32
	}
	return d.u64
}

// fill runs the opcodes that add to an existing container: APPEND(S),
// SETITEM(S), ADDITEMS.
func (d *decoder) fill(op byte) error {
	// items aliases the stack, as popMark's result does: nothing below
	// pushes before it is used.
	var items []py.Value
	switch op {
	case opAppend, opSetItem:
		n := 1
		if op == opSetItem {
			n = 2
		}
		if len(d.stack)-d.fence() < n {
			return d.errf("stack underflow")
		}
		items = d.stack[len(d.stack)-n:]
		d.stack = d.stack[:len(d.stack)-n]
	default:
		var err error
		if items, err = d.popMark(); err != nil {
			return err
		}
	}
	target, err := d.top()
	if err != nil {
		return err
	}
	switch op {
	case opAppend, opAppends:
		return d.appendItems(target, items)
	case opSetItem, opSetItems:
		return d.setItemsOn(target, items)
	}
	s, ok := target.(*py.Set)
	if !ok {
		return d.errf("ADDITEMS on %s", typeName(target))
	}
	return d.addToSet(s, items)
}

// values copies items into storage cut from the slab, as done.
func (d *decoder) values(items []py.Value) []py.Value {
	out := d.slab.Values(len(items))
	for i, e := range items {
		out[i] = d.done(e)
	}
	return out
}

// done is v as it goes into a container: a list box nothing else can
// reach (not put under a key a GET fetches, not duplicated) is complete
// once taken off the stack, since only the value on top is ever
// changed, so it becomes its py.List here rather than in finalize.
//
// An instance given a replacement by BUILD becomes it too (finalize's
// resolve). A class reference is left for finalize, which turns it into
// a class dict or keeps it where it is hashed: done records that
// finalize has work (decoder.slow).
func (d *decoder) done(v py.Value) py.Value {
	switch x := v.(type) {
	case *plist:
		if len(d.shared) == 0 {
			return py.BoxedList((*py.List)(unsafe.Pointer(x)))
		}
		if _, shared := d.shared[any(x)]; !shared {
			return py.BoxedList((*py.List)(unsafe.Pointer(x)))
		}
	case *py.Dict:
		if d.objs != nil {
			return d.resolve(x)
		}
	case *classRef:
		d.slow = true
	}
	return v
}
