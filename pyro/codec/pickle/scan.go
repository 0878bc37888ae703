package pickle

import (
	"bytes"
	"encoding/binary"
	"strconv"

	"github.com/pyrosh/pyrosh/pyro/codec"
)

// scan is what a first pass over a pickle's opcodes learns before the
// VM runs. It reads only opcodes and the lengths of their arguments,
// and allocates nothing per opcode.
type scan struct {
	// lastGet holds, per memo key, 1 + the offset of the last GET of
	// that key, or 0 when no GET fetches it. Python's pickler memoizes
	// every container and str but fetches only the shared ones, so the
	// memo keeps only the keys found here (memo.put), and a value put
	// under one of them is the only kind that can be reached twice.
	lastGet []int32
	// stream reports a pickle whose value is a list the VM can hand out
	// in batches (items.go): its first value is EMPTY_LIST, which stays
	// at the bottom of the stack to STOP, is never fetched again (no DUP
	// of it, no GET of a key it was put under) and is filled only by
	// APPEND and APPENDS right above it. dict says the root is an
	// EMPTY_DICT instead, filled by SETITEM(S) (dictitems.go).
	stream bool
	dict   bool
	// rootLen counts the values APPEND and APPENDS add to the first
	// value pushed, while it is alone below them: the length of the
	// top-level list of a usual pickle, for decode to size it. Each is
	// at least one opcode, so it is bounded by the input's length.
	rootLen int
	// height bounds the nesting of the value STOP returns as finalize
	// counts it (a scalar is 1), when no container is reached twice and
	// no class reference stays a value; heightCap means deeper than
	// codec.MaxDepth, 0 that the walk did not reach STOP.
	height int
}

// get records a GET of memo key i at offset at; the caller checked i
// against the memo's length.
func (s *scan) get(i uint64, at int) {
	for uint64(len(s.lastGet)) <= i {
		s.lastGet = append(s.lastGet, 0)
	}
	s.lastGet[i] = int32(at + 1)
}

// fetched reports whether some GET fetches memo key i.
func (s *scan) fetched(i uint64) bool {
	return i < uint64(len(s.lastGet)) && s.lastGet[i] != 0
}

// heightCap is where scanPickle stops counting a height: past
// codec.MaxDepth the exact figure does not matter.
const heightCap = codec.MaxDepth + 1

// scanPickle walks data's opcodes up to STOP. It stops early, with what
// it has learnt so far, where the VM will fail anyway at the same opcode
// (an unknown opcode, a truncated argument, a stack underflow, a memo
// key the VM refuses), so lastGet is complete for every opcode the VM
// runs. It models the VM's stack exactly as a stack of height bounds:
// the height each value will have once converted, if no container in it
// is reached twice (a constructor's class dict counted 2 above its
// arguments, a GET 2 for a class reference). stream is set only when the
// walk reached STOP and the root list stayed intact: first value pushed,
// never consumed, duplicated or put under a key a GET fetches, and alone
// on the stack at STOP.
func scanPickle(data []byte) scan { return scanWith(data, true) }

// scanWith is scanPickle, with its common opcodes run by values when
// fast, else by scanPickle's own loop (for the tests that compare the
// two).
func scanWith(data []byte, fast bool) scan {
	var (
		s        scan
		pos      int
		hs       = make([]int32, 0, 16) // the stack: a height bound per value
		fence    int                    // len(hs) at the innermost MARK, 0 without one
		marks    []int                  // the fences of the outer MARKs
		n        uint64                 // the memo's length as the VM counts it
		rootKeys []uint64
		ok       bool // the root list is intact so far
	)
	// PROTO and FRAME, then the root list.
	for pos < len(data) {
		switch data[pos] {
		case opProto:
			pos += 2
			continue
		case opFrame:
			pos += 9
			continue
		case opEmptyList, opEmptyDict:
			s.dict = data[pos] == opEmptyDict
			pos++
			hs, ok = append(hs, 1), true
		}
		break
	}
	// A fixed-size argument may run past the end: the loop then stops.
	for pos < len(data) {
		if fast {
			st := scanStack{hs, marks, fence, n}
			pos = s.values(data, pos, &st)
			hs, marks, fence, n = st.hs, st.marks, st.fence, st.n
			if pos >= len(data) {
				break
			}
		}
		at := pos
		op := data[pos]
		pos++
		// The opcodes of a large pickle, each complete here, by their
		// kind (scanKind): a dense switch is one indexed jump.
		switch scanKind[op] {
		case kindShort:
			if pos >= len(data) {
				return s
			}
			pos += 1 + int(data[pos])
			if len(hs) >= maxStack {
				return s
			}
			hs = append(hs, 1)
			continue
		case kindMemoize:
			if len(hs) <= fence || n >= maxMemo {
				return s
			}
			if len(hs) == 1 {
				rootKeys = append(rootKeys, n)
			}
			n++
			continue
		case kindScalar:
			pos += int(scanArg[op])
			if len(hs) >= maxStack {
				return s
			}
			hs = append(hs, 1)
			continue
		case kindMark:
			if len(marks) >= maxStack {
				return s
			}
			marks = append(marks, fence)
			fence = len(hs)
			continue
		case kindFill:
			var filled bool
			if hs, marks, fence, filled = s.fill(op, hs, marks, fence); !filled {
				return s // no MARK or nothing to fill: the VM stops here
			}
			continue
		case kindBinGet:
			if pos >= len(data) || uint64(data[pos]) >= n || len(hs) >= maxStack {
				return s // truncated, not found, or too deep: the VM stops here
			}
			s.get(uint64(data[pos]), at)
			pos++
			hs = append(hs, 2)
			continue
		case kindSized:
			w := 4
			if op == opBinUnicode8 || op == opBinBytes8 || op == opByteArray8 {
				w = 8
			}
			if w > len(data)-pos {
				return s
			}
			var u uint64
			if w == 4 {
				u = uint64(binary.LittleEndian.Uint32(data[pos:]))
				if (op == opBinString || op == opLong4) && int32(u) < 0 {
					return s
				}
			} else {
				u = binary.LittleEndian.Uint64(data[pos:])
			}
			pos += w
			if u > uint64(len(data)-pos) || len(hs) >= maxStack {
				return s
			}
			pos += int(u)
			hs = append(hs, 1)
			continue
		}
		// The rest: k values taken off the stack (all those above the
		// innermost MARK when k < 0), then either grow the value now on
		// top (grow > 0: it becomes at least grow above the tallest
		// taken) or push one (push > 0: that far above the tallest).
		k, grow, push := 0, int32(0), int32(0)
		switch op {
		case opStop:
			if len(hs) <= fence {
				return s
			}
			s.height = int(hs[len(hs)-1])
			if ok && len(hs) == 1 && fence == 0 {
				s.stream = true
				for _, key := range rootKeys {
					if s.fetched(key) {
						s.stream = false
					}
				}
			}
			return s
		case opProto:
			pos++
		case opFrame:
			pos += 8
		case opLongBinGet, opGet, opBinPut, opLongBinPut, opPut:
			var i uint64
			switch op {
			case opBinPut:
				if pos >= len(data) {
					return s
				}
				i = uint64(data[pos])
				pos++
			case opLongBinGet, opLongBinPut:
				if 4 > len(data)-pos {
					return s
				}
				i = uint64(binary.LittleEndian.Uint32(data[pos:]))
				pos += 4
			case opGet, opPut:
				start := pos
				if pos = lineEnd(data, pos); pos < 0 {
					return s
				}
				var err error
				if i, err = strconv.ParseUint(string(data[start:pos-1]), 10, 32); err != nil {
					return s
				}
			}
			switch op {
			case opLongBinGet, opGet:
				if i >= n {
					return s // not found: the VM stops here
				}
				s.get(i, at)
				push = 2
			default:
				if len(hs) <= fence || i >= maxMemo || i > n+maxMemoGap {
					return s // nothing to put, or a key the VM refuses
				}
				if len(hs) == 1 {
					rootKeys = append(rootKeys, i)
				}
				n = max(n, i+1)
			}
		case opInt, opLong, opFloat, opString, opUnicode, opGlobal, opInst:
			lines := 1
			if op == opGlobal || op == opInst {
				lines = 2
			}
			for range lines {
				if pos = lineEnd(data, pos); pos < 0 {
					return s
				}
			}
			switch op {
			case opGlobal:
				push = 2 // a class reference may become a class dict
			case opInst:
				k, push = -1, 2
			default:
				push = 1
			}
		case opDup:
			if len(hs) <= fence {
				return s
			}
			if len(hs) == 1 {
				ok = false // the root duplicated
			}
			k, push = 1, 1 // itself, pushed back below
		case opPop:
			if len(hs) > fence {
				k = 1
			} else {
				k = -1
			}
		case opPopMark:
			k = -1
		case opAddItems:
			k, grow = -1, 2
		case opTuple, opList, opDict, opFrozenSet:
			k, push = -1, 1
		case opObj:
			k, push = -1, 2
		case opTuple1, opTuple2, opTuple3:
			k, push = int(op-opTuple1)+1, 1
		case opAppend, opBuild:
			k, grow = 1, 2
		case opSetItem:
			k, grow = 2, 2
		case opStackGlobal:
			k, push = 2, 2
		case opReduce, opNewObj:
			k, push = 2, 2
		case opNewObjEx:
			k, push = 3, 2
		default:
			// PERSID, BINPERSID, EXT1/2/4, the out-of-band buffers and
			// unknown opcodes: the VM refuses them.
			return s
		}
		from := len(hs) - k
		if k < 0 {
			if len(marks) == 0 {
				return s // no MARK: the VM stops here
			}
			from = fence
			fence = marks[len(marks)-1]
			marks = marks[:len(marks)-1]
		} else if from < fence {
			return s // underflow: the VM stops here
		}
		if from < 1 {
			ok = false // the root taken
		}
		var h int32
		for _, x := range hs[from:] {
			h = max(h, x)
		}
		if op == opDup {
			push = h
			from = len(hs)
		}
		hs = hs[:from]
		switch {
		case grow > 0:
			if len(hs) <= fence {
				return s // nothing to fill: the VM stops here
			}
			if len(hs) == 1 && op == opAppend {
				s.rootLen++
			}
			if h > 0 {
				hs[len(hs)-1] = min(max(hs[len(hs)-1], h+grow), heightCap)
			}
		case push > 0:
			if len(hs) >= maxStack {
				return s
			}
			if op != opDup {
				push = min(h+push, heightCap)
			}
			hs = append(hs, push)
		}
	}
	return s
}

// fill is APPENDS or SETITEMS (kindFill, opcode op) on the scan's stack
// hs: the values above the innermost MARK (at fence) go into the
// container below it, which is then at least two taller than the tallest
// of them, and the next MARK out (from marks) becomes the innermost. It
// returns the new stack, marks and fence; filled is false, and nothing
// changed, where the VM stops: no MARK, or no container below it.
func (s *scan) fill(op byte, hs []int32, marks []int, fence int) (_ []int32, _ []int, _ int, filled bool) {
	if len(marks) == 0 || fence <= marks[len(marks)-1] {
		return hs, marks, fence, false
	}
	from := fence
	fence = marks[len(marks)-1]
	marks = marks[:len(marks)-1]
	var top int32
	for _, x := range hs[from:] {
		top = max(top, x)
	}
	if from == 1 && op == opAppends {
		s.rootLen += len(hs) - from
	}
	hs = hs[:from]
	if top > 0 {
		hs[from-1] = min(max(hs[from-1], top+2), heightCap)
	}
	return hs, marks, fence, true
}

// scanStack is the part of scanPickle's state values works on: the
// stack of heights, the fences of the outer MARKs, the innermost one,
// and the memo's length.
type scanStack struct {
	hs    []int32
	marks []int
	fence int
	n     uint64
}

// values runs scanPickle over the opcodes most of a large pickle is
// made of, from pos to the first other opcode or one cut short or out
// of bounds, which scanPickle then takes (with the same code for it):
// the opcodes that push one value of height 1 and nothing else to learn
// (kindShort, kindScalar), MEMOIZE above the bottom of the stack,
// BINGET, MARK, and APPENDS and SETITEMS. It returns the new pos. A
// loop with few variables, which the compiler keeps in registers
// (inlined into scanPickle, it would not).
//
//go:noinline
func (s *scan) values(data []byte, pos int, st *scanStack) int {
	hs, marks, fence, n := st.hs, st.marks, st.fence, st.n
loop:
	for pos < len(data) && len(hs) < maxStack {
		op := data[pos]
		h := int32(1)
		switch scanKind[op] {
		case kindShort:
			if pos+1 >= len(data) {
				break loop
			}
			pos += 2 + int(data[pos+1])
		case kindScalar:
			pos += 1 + int(scanArg[op])
		case kindMemoize:
			if len(hs) <= max(fence, 1) || n >= maxMemo {
				break loop // scanPickle's case: the root's key, or the VM stops
			}
			n++
			pos++
			continue
		case kindBinGet:
			if pos+1 >= len(data) || uint64(data[pos+1]) >= n {
				break loop
			}
			s.get(uint64(data[pos+1]), pos)
			pos += 2
			h = 2
		case kindMark:
			if len(marks) >= maxStack {
				break loop
			}
			marks = append(marks, fence)
			fence = len(hs)
			pos++
			continue
		case kindFill:
			var filled bool
			if hs, marks, fence, filled = s.fill(op, hs, marks, fence); !filled {
				break loop // no MARK or nothing to fill: the VM stops there
			}
			pos++
			continue
		default:
			break loop
		}
		hs = append(hs, h)
	}
	st.hs, st.marks, st.fence, st.n = hs, marks, fence, n
	return pos
}

// Kinds of opcodes for scanPickle's first switch; kindOther goes on to
// the general one.
const (
	kindOther   = iota
	kindShort   // a one-byte length and that many bytes, one value pushed
	kindMemoize // MEMOIZE
	kindScalar  // one value pushed, an argument of scanArg bytes
	kindMark    // MARK
	kindFill    // APPENDS, SETITEMS
	kindBinGet  // BINGET
	kindSized   // a 4- or 8-byte length and that many bytes, one value pushed
)

// scanKind and scanArg are the kind of each opcode and, for kindScalar,
// the length of its argument.
var scanKind, scanArg = func() (k, a [256]uint8) {
	for _, op := range []byte{opShortBinUnicode, opShortBinBytes, opShortBinString, opLong1} {
		k[op] = kindShort
	}
	k[opMemoize] = kindMemoize
	for _, op := range []byte{opNone, opNewTrue, opNewFalse, opEmptyTuple, opEmptyList, opEmptyDict, opEmptySet} {
		k[op] = kindScalar
	}
	k[opBinInt1], k[opBinInt2], k[opBinInt], k[opBinFloat] = kindScalar, kindScalar, kindScalar, kindScalar
	a[opBinInt1], a[opBinInt2], a[opBinInt], a[opBinFloat] = 1, 2, 4, 8
	k[opMark] = kindMark
	k[opAppends], k[opSetItems] = kindFill, kindFill
	k[opBinGet] = kindBinGet
	for _, op := range []byte{opBinUnicode, opBinBytes, opBinString, opLong4, opBinUnicode8, opBinBytes8, opByteArray8} {
		k[op] = kindSized
	}
	return k, a
}()

// lineEnd returns the offset after the next '\n' from pos, or -1.
func lineEnd(data []byte, pos int) int {
	if i := bytes.IndexByte(data[pos:], '\n'); i >= 0 {
		return pos + i + 1
	}
	return -1
}
