package pickle

import (
	"encoding/binary"
	"strconv"
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
	// APPEND and APPENDS right above it.
	stream bool
}

// fetched reports whether some GET fetches memo key i.
func (s *scan) fetched(i uint64) bool {
	return i < uint64(len(s.lastGet)) && s.lastGet[i] != 0
}

// scanPickle walks data's opcodes up to STOP. It stops early, with what
// it has learnt so far, where the VM will fail anyway at or before the
// same opcode (an unknown opcode, a truncated argument, a memo key the
// VM refuses), so lastGet is complete for every opcode the VM runs.
// stream is set only when the walk reached STOP and the stack model
// below found the root list intact.
func scanPickle(data []byte) scan {
	var s scan
	var (
		pos, depth int
		n          uint64 // the memo's length as the VM counts it
		marks      []int  // the stack depth at each open MARK
		rootKeys   []uint64
		root       bool // EMPTY_LIST was the first value pushed
		ok         = true
	)
	fence := func() int {
		if len(marks) == 0 {
			return 0
		}
		return marks[len(marks)-1]
	}
	// consume models an opcode that takes k values off the stack and
	// pushes push: the root at the bottom must survive it.
	consume := func(k, push int) {
		if depth-k < max(1, fence()) {
			ok = false
		}
		depth += push - k
	}
	popMark := func() int {
		if len(marks) == 0 {
			ok = false
			return depth
		}
		m := marks[len(marks)-1]
		marks = marks[:len(marks)-1]
		return m
	}
	line := func() bool {
		for i := pos; i < len(data); i++ {
			if data[i] == '\n' {
				pos = i + 1
				return true
			}
		}
		return false
	}
	// skip moves past a length of w bytes and the bytes it counts.
	skip := func(w int, signed bool) bool {
		if w > len(data)-pos {
			return false
		}
		var u uint64
		switch w {
		case 1:
			u = uint64(data[pos])
		case 4:
			u = uint64(binary.LittleEndian.Uint32(data[pos:]))
			if signed && int32(u) < 0 {
				return false
			}
		default:
			u = binary.LittleEndian.Uint64(data[pos:])
		}
		pos += w
		if u > uint64(len(data)-pos) {
			return false
		}
		pos += int(u)
		return true
	}
	// key reads a memo key of w bytes, or a decimal line when w is 0.
	key := func(w int) (uint64, bool) {
		if w == 0 {
			start := pos
			if !line() {
				return 0, false
			}
			i, err := strconv.ParseUint(string(data[start:pos-1]), 10, 32)
			return i, err == nil
		}
		if w > len(data)-pos {
			return 0, false
		}
		var i uint64
		if w == 1 {
			i = uint64(data[pos])
		} else {
			i = uint64(binary.LittleEndian.Uint32(data[pos:]))
		}
		pos += w
		return i, true
	}
	get := func(w int, at int) bool {
		i, good := key(w)
		if !good || i >= n {
			return false // the VM stops here: bad key, or not found
		}
		for uint64(len(s.lastGet)) <= i {
			s.lastGet = append(s.lastGet, 0)
		}
		s.lastGet[i] = int32(at + 1)
		depth++
		return true
	}
	put := func(i uint64) bool {
		if i >= maxMemo || i > n+maxMemoGap {
			return false // the VM refuses the key
		}
		if depth <= fence() {
			ok = false
		} else if depth == 1 {
			rootKeys = append(rootKeys, i)
		}
		n = max(n, i+1)
		return true
	}
	for pos < len(data) {
		at := pos
		op := data[pos]
		pos++
		if !root {
			switch op {
			case opProto, opFrame:
			case opEmptyList:
				root = true
			default:
				ok = false
			}
		}
		good := true
		switch op {
		case opStop:
			if ok && root && depth == 1 && fence() < 1 {
				s.stream = true
				for _, k := range rootKeys {
					if s.fetched(k) {
						s.stream = false
					}
				}
			}
			return s
		case opProto, opBinInt1:
			good = pos+1 <= len(data)
			pos++
			if op == opBinInt1 {
				depth++
			}
		case opBinGet:
			good = get(1, at)
		case opBinPut:
			var i uint64
			if i, good = key(1); good {
				good = put(i)
			}
		case opBinInt2:
			good = pos+2 <= len(data)
			pos += 2
			depth++
		case opBinInt:
			good = pos+4 <= len(data)
			pos += 4
			depth++
		case opFrame, opBinFloat:
			good = pos+8 <= len(data)
			pos += 8
			if op == opBinFloat {
				depth++
			}
		case opLongBinGet:
			good = get(4, at)
		case opGet:
			good = get(0, at)
		case opLongBinPut, opPut:
			w := 4
			if op == opPut {
				w = 0
			}
			var i uint64
			if i, good = key(w); good {
				good = put(i)
			}
		case opMemoize:
			good = put(n)
		case opInt, opLong, opFloat, opString, opUnicode:
			good = line()
			depth++
		case opGlobal:
			good = line() && line()
			depth++
		case opInst:
			good = line() && line()
			depth = popMark() + 1
		case opShortBinString, opShortBinUnicode, opShortBinBytes, opLong1:
			good = skip(1, false)
			depth++
		case opBinUnicode, opBinBytes:
			good = skip(4, false)
			depth++
		case opBinString, opLong4:
			good = skip(4, true)
			depth++
		case opBinUnicode8, opBinBytes8, opByteArray8:
			good = skip(8, false)
			depth++
		case opNone, opNewTrue, opNewFalse, opEmptyTuple, opEmptyList, opEmptyDict, opEmptySet:
			depth++
		case opDup:
			if depth <= max(1, fence()) {
				ok = false // nothing to duplicate, or the root itself
			}
			depth++
		case opMark:
			marks = append(marks, depth)
		case opPop:
			if depth > fence() {
				consume(1, 0)
			} else {
				popMark()
			}
		case opPopMark:
			depth = popMark()
		case opAppends, opSetItems, opAddItems:
			depth = popMark()
			if depth <= fence() {
				ok = false
			}
		case opTuple, opList, opDict, opFrozenSet, opObj:
			depth = popMark() + 1
		case opTuple1, opTuple2, opTuple3:
			k := int(op-opTuple1) + 1
			consume(k, 1)
		case opAppend, opBuild:
			consume(1, 0)
			if depth <= fence() {
				ok = false
			}
		case opSetItem:
			consume(2, 0)
			if depth <= fence() {
				ok = false
			}
		case opStackGlobal, opReduce, opNewObj:
			consume(2, 1)
		case opNewObjEx:
			consume(3, 1)
		default:
			// PERSID, BINPERSID, EXT1/2/4, the out-of-band buffers and
			// unknown opcodes: the VM refuses them.
			return s
		}
		if !good {
			return s
		}
	}
	return s
}
