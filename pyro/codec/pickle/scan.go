package pickle

import (
	"bytes"
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
	// APPEND and APPENDS right above it. dict says the root is an
	// EMPTY_DICT instead, filled by SETITEM(S) (dictitems.go).
	stream bool
	dict   bool
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

// scanPickle walks data's opcodes up to STOP. It stops early, with what
// it has learnt so far, where the VM will fail anyway at or before the
// same opcode (an unknown opcode, a truncated argument, a memo key the
// VM refuses), so lastGet is complete for every opcode the VM runs.
// stream is set only when the walk reached STOP and a model of the
// stack's depth found the root list intact: first value pushed, never
// consumed, duplicated or put under a key a GET fetches, and alone on
// the stack at STOP.
func scanPickle(data []byte) scan {
	var (
		s        scan
		pos      int
		depth    int    // values on the stack
		fence    int    // the depth at the innermost MARK, 0 without one
		n        uint64 // the memo's length as the VM counts it
		marks    []int  // the depths at the outer MARKs
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
			depth, ok = 1, true
		}
		break
	}
	// A fixed-size argument may run past the end: the loop then stops.
	for pos < len(data) {
		at := pos
		op := data[pos]
		pos++
		switch op {
		case opShortBinUnicode, opShortBinBytes, opShortBinString, opLong1:
			if pos >= len(data) {
				return s
			}
			pos += 1 + int(data[pos])
			depth++
			continue
		case opMemoize:
			if depth <= fence {
				ok = false
			} else if depth == 1 {
				rootKeys = append(rootKeys, n)
			}
			if n >= maxMemo {
				return s
			}
			n++
			continue
		case opBinInt1:
			pos++
			depth++
			continue
		case opBinInt2:
			pos += 2
			depth++
			continue
		case opBinInt:
			pos += 4
			depth++
			continue
		case opBinFloat:
			pos += 8
			depth++
			continue
		case opNone, opNewTrue, opNewFalse, opEmptyTuple, opEmptyList, opEmptyDict, opEmptySet:
			depth++
			continue
		case opMark:
			marks = append(marks, fence)
			fence = depth
			continue
		case opBinGet:
			if pos >= len(data) || uint64(data[pos]) >= n {
				return s // truncated, or not found: the VM stops here
			}
			s.get(uint64(data[pos]), at)
			pos++
			depth++
			continue
		case opAppends, opSetItems:
			if len(marks) == 0 {
				return s // no MARK: the VM stops here
			}
			depth, fence = fence, marks[len(marks)-1]
			marks = marks[:len(marks)-1]
			if depth <= fence {
				ok = false
			}
			continue
		case opBinUnicode, opBinBytes, opBinString, opLong4, opBinUnicode8, opBinBytes8, opByteArray8:
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
			if u > uint64(len(data)-pos) {
				return s
			}
			pos += int(u)
			depth++
			continue
		}
		// k and push model the opcode's effect on the stack: it takes
		// k values (popping to the innermost MARK when k < 0) and
		// pushes push; target says it then needs a value under them.
		k, push, target := 0, 0, false
		switch op {
		case opStop:
			if ok && depth == 1 && fence == 0 {
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
				push = 1
			default:
				if i >= maxMemo || i > n+maxMemoGap {
					return s // the VM refuses the key
				}
				if depth <= fence {
					ok = false
				} else if depth == 1 {
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
			push = 1
			if op == opInst {
				k = -1
			}
		case opDup:
			if depth <= max(1, fence) {
				ok = false // nothing to duplicate, or the root itself
			}
			push = 1
		case opMark:
			marks = append(marks, fence)
			fence = depth
		case opPop:
			if depth > fence {
				k = 1
			} else {
				k = -1
			}
		case opPopMark:
			k = -1
		case opAddItems:
			k, target = -1, true
		case opTuple, opList, opDict, opFrozenSet, opObj:
			k, push = -1, 1
		case opTuple1, opTuple2, opTuple3:
			k, push = int(op-opTuple1)+1, 1
		case opAppend, opBuild:
			k, target = 1, true
		case opSetItem:
			k, target = 2, true
		case opStackGlobal, opReduce, opNewObj:
			k, push = 2, 1
		case opNewObjEx:
			k, push = 3, 1
		default:
			// PERSID, BINPERSID, EXT1/2/4, the out-of-band buffers and
			// unknown opcodes: the VM refuses them.
			return s
		}
		switch {
		case k < 0:
			if len(marks) == 0 && fence == 0 {
				ok = false // no MARK (a MARK at depth 0 is before the root)
			}
			depth = fence
			fence = 0
			if len(marks) > 0 {
				fence = marks[len(marks)-1]
				marks = marks[:len(marks)-1]
			}
		case k > 0:
			if depth-k < max(1, fence) {
				ok = false // underflow, or the root taken
			}
			depth -= k
		}
		if target && depth <= fence {
			ok = false
		}
		depth += push
	}
	return s
}

// lineEnd returns the offset after the next '\n' from pos, or -1.
func lineEnd(data []byte, pos int) int {
	if i := bytes.IndexByte(data[pos:], '\n'); i >= 0 {
		return pos + i + 1
	}
	return -1
}
