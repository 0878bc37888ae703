package serpent

import (
	"strings"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pylit"
)

// smallMax is the longest value, after the header, that decodeSmall
// reads: a call's reply is mostly a scalar or a short tuple, and past a
// few dozen bytes the parser's setup is no longer what a decode costs.
const smallMax = 128

// smallItems is the most elements of a tuple or list decodeSmall reads.
const smallItems = 16

// decodeSmall decodes the commonest small payloads without setting up a
// parser: the header, then one None, True, False, int of at most 18
// digits, plain float, str of printable ASCII without a quote or
// backslash, or a flat tuple or list of those, exactly as serpent writes
// them (no blanks) and nothing after. It charges b what the parser would
// (codec.ValueCost a slot, the text of each str). ok is false for any
// other payload, and when b cannot pay, for the parser to decode (and to
// give the error); where ok is true the value is the parser's, type for
// type (FuzzSmallMatchesParser).
func decodeSmall(data []byte, b *codec.Budget) (v py.Value, ok bool) {
	if len(data) <= len(Header) || len(data) > len(Header)+smallMax || string(data[:len(Header)]) != Header {
		return nil, false
	}
	src := data[len(Header):]
	var cost, end int
	if c := src[0]; c == '(' || c == '[' {
		v, end, cost, ok = smallSeq(src)
	} else {
		v, end, cost, ok = smallScalar(src, 0)
	}
	if !ok || end != len(src) {
		return nil, false
	}
	if b != nil {
		if b.Left() < int64(cost) {
			return nil, false // the parser decodes it and says why
		}
		b.Charge(cost)
	}
	return v, true
}

// smallSeq reads a flat tuple or list from src[0] and returns it with the
// offset past it and its cost.
func smallSeq(src []byte) (v py.Value, end, cost int, ok bool) {
	closer := byte(']')
	if src[0] == '(' {
		closer = ')'
	}
	var buf [smallItems]py.Value
	n, i, comma := 0, 1, false
	for i < len(src) && src[i] != closer {
		if n == smallItems {
			return nil, 0, 0, false
		}
		e, j, c, ok := smallScalar(src, i)
		if !ok || j >= len(src) {
			return nil, 0, 0, false
		}
		buf[n], n, cost = e, n+1, cost+c+codec.ValueCost
		switch src[j] {
		case ',':
			comma, i = true, j+1
		case closer:
			i = j
		default:
			return nil, 0, 0, false
		}
	}
	if i >= len(src) || closer == ')' && n > 0 && !comma {
		return nil, 0, 0, false // unclosed, or (x): the parser's
	}
	return py.SeqOf(buf[:n], closer == ']'), i + 1, cost, true
}

// smallScalar reads a scalar at src[i], which must be followed by the end,
// a comma or a closing bracket, and returns it with the offset past it
// and its cost.
func smallScalar(src []byte, i int) (v py.Value, end, cost int, ok bool) {
	if i >= len(src) {
		return nil, 0, 0, false
	}
	j := i
	switch c := src[i]; {
	case c == '\'':
		for j = i + 1; j < len(src) && src[j] != '\''; j++ {
			if c := src[j]; c < 0x20 || c >= 0x7f || c == '\\' {
				return nil, 0, 0, false
			}
		}
		if j >= len(src) {
			return nil, 0, 0, false
		}
		j++
		if !smallEnd(src, j) {
			return nil, 0, 0, false // '' followed by more: ''' or 'a''b'
		}
		s := src[i+1 : j-1]
		if len(s) == 0 {
			return py.Str(""), j, 0, true
		}
		return py.Str(strings.Clone(string(s))), j, len(s), true
	case c == 'N':
		v, j = py.None, smallWord(src, i, "None")
	case c == 'T':
		v, j = py.Bool(true), smallWord(src, i, "True")
	case c == 'F':
		v, j = py.Bool(false), smallWord(src, i, "False")
	case c == '-' || c >= '0' && c <= '9':
		return smallNumber(src, i)
	default:
		return nil, 0, 0, false
	}
	if j < 0 || !smallEnd(src, j) {
		return nil, 0, 0, false
	}
	return v, j, 0, true
}

// smallWord returns the offset past word at src[i], or -1.
func smallWord(src []byte, i int, word string) int {
	if len(src)-i < len(word) || string(src[i:i+len(word)]) != word {
		return -1
	}
	return i + len(word)
}

// smallEnd reports whether a scalar may end at src[j].
func smallEnd(src []byte, j int) bool {
	return j == len(src) || src[j] == ',' || src[j] == ')' || src[j] == ']'
}

// smallNumber reads a number as pylit's fast lane does
// (pylit.ScanNumber).
func smallNumber(src []byte, i int) (v py.Value, end, cost int, ok bool) {
	n, j, ok := pylit.ScanNumber(borrow(src), i)
	if !ok || !smallEnd(src, j) {
		return nil, 0, 0, false
	}
	if n.IsFloat {
		return py.Float(n.Float), j, 0, true
	}
	return py.Int(n.Int), j, 0, true
}
