package pickle

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"strings"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// encodeProtocol is the pickle protocol Encode writes: 4 is the oldest
// with bytes (3) and STACK_GLOBAL/EMPTY_SET (4), and Python 3.4 and later
// read it. FRAME is optional in protocol 4 and left out.
const encodeProtocol = 4

// batchSize is how many items go between a MARK and its APPENDS,
// SETITEMS or ADDITEMS, as CPython's pickler batches them.
const batchSize = 1000

type encoder struct{ buf []byte }

func (e *encoder) header() { e.buf = append(e.buf, opProto, encodeProtocol) }

func errEncode(format string, args ...any) error {
	return &codec.Error{Codec: "pickle", Op: "encode", Offset: -1, Msg: fmt.Sprintf(format, args...)}
}

// value appends the pickle opcodes that push v.
func (e *encoder) value(v py.Value, depth int) error {
	if depth > codec.MaxDepth {
		return errEncode("value nested deeper than %d levels", codec.MaxDepth)
	}
	switch x := v.(type) {
	case nil, py.NoneType:
		e.buf = append(e.buf, opNone)
	case py.Bool:
		if x {
			e.buf = append(e.buf, opNewTrue)
		} else {
			e.buf = append(e.buf, opNewFalse)
		}
	case py.Int:
		e.int(int64(x))
	case *py.BigInt:
		e.long(x.V)
	case py.Float:
		e.float(float64(x))
	case py.Complex:
		e.global("builtins", "complex")
		e.float(real(x))
		e.float(imag(x))
		e.buf = append(e.buf, opTuple2, opReduce)
	case py.Str:
		return e.str(string(x))
	case py.Bytes:
		e.sized(opShortBinBytes, opBinBytes, opBinBytes8, x)
	case py.Tuple:
		return e.tuple(x, depth)
	case py.List:
		e.buf = append(e.buf, opEmptyList)
		return e.batches(x, opAppends, depth)
	case *py.Set:
		if err := hashableItems(x.Items); err != nil {
			return err
		}
		e.buf = append(e.buf, opEmptySet)
		return e.batches(x.Items, opAddItems, depth)
	case *py.FrozenSet:
		if err := hashableItems(x.Items); err != nil {
			return err
		}
		e.buf = append(e.buf, opMark)
		if err := e.items(x.Items, depth); err != nil {
			return err
		}
		e.buf = append(e.buf, opFrozenSet)
	case *py.Dict:
		return e.dict(x, depth)
	case *py.StdDict:
		return e.dictKind(x, depth)
	case *py.Exception:
		return e.exception(x.Class, x.Args, codec.ExceptionAttributes(x), depth)
	default:
		if ok, err := e.stdlib(v, depth); ok {
			return err
		}
		return errEncode("cannot pickle a value of type %s", py.TypeName(v))
	}
	return nil
}

func (e *encoder) int(i int64) {
	switch {
	case i >= 0 && i <= 0xff:
		e.buf = append(e.buf, opBinInt1, byte(i))
	case i >= 0 && i <= 0xffff:
		e.buf = append(e.buf, opBinInt2, byte(i), byte(i>>8))
	case i >= math.MinInt32 && i <= math.MaxInt32:
		e.buf = append(e.buf, opBinInt)
		e.buf = binary.LittleEndian.AppendUint32(e.buf, uint32(i))
	default:
		e.long(big.NewInt(i))
	}
}

// long appends LONG1/LONG4 with the shortest two's complement
// little-endian form, as CPython's encode_long.
func (e *encoder) long(n *big.Int) {
	var k int
	v := new(big.Int)
	if n.Sign() >= 0 {
		k = n.BitLen()/8 + 1
		v.Set(n)
	} else {
		m := new(big.Int).Neg(n)
		m.Sub(m, big.NewInt(1))
		k = m.BitLen()/8 + 1
		v.Lsh(big.NewInt(1), uint(8*k))
		v.Add(v, n)
	}
	be := v.FillBytes(make([]byte, k))
	if k < 256 {
		e.buf = append(e.buf, opLong1, byte(k))
	} else {
		e.buf = append(e.buf, opLong4)
		e.buf = binary.LittleEndian.AppendUint32(e.buf, uint32(k))
	}
	for i := len(be) - 1; i >= 0; i-- {
		e.buf = append(e.buf, be[i])
	}
}

func (e *encoder) float(f float64) {
	e.buf = append(e.buf, opBinFloat)
	e.buf = binary.BigEndian.AppendUint64(e.buf, math.Float64bits(f))
}

func (e *encoder) str(s string) error {
	if !py.ValidText(s) {
		return errEncode("str is not valid UTF-8")
	}
	e.sized(opShortBinUnicode, opBinUnicode, opBinUnicode8, []byte(s))
	return nil
}

// sized appends b with the shortest of an opcode's 1, 4 and 8 byte
// length forms.
func (e *encoder) sized(op1, op4, op8 byte, b []byte) {
	switch n := uint64(len(b)); {
	case n <= 0xff:
		e.buf = append(e.buf, op1, byte(n))
	case n <= math.MaxUint32:
		e.buf = append(e.buf, op4)
		e.buf = binary.LittleEndian.AppendUint32(e.buf, uint32(n))
	default:
		e.buf = append(e.buf, op8)
		e.buf = binary.LittleEndian.AppendUint64(e.buf, n)
	}
	e.buf = append(e.buf, b...)
}

func (e *encoder) global(module, name string) {
	e.sized(opShortBinUnicode, opBinUnicode, opBinUnicode8, []byte(module))
	e.sized(opShortBinUnicode, opBinUnicode, opBinUnicode8, []byte(name))
	e.buf = append(e.buf, opStackGlobal)
}

func (e *encoder) items(items []py.Value, depth int) error {
	for _, it := range items {
		if err := e.value(it, depth+1); err != nil {
			return err
		}
	}
	return nil
}

func (e *encoder) tuple(t py.Tuple, depth int) error {
	if len(t) == 0 {
		e.buf = append(e.buf, opEmptyTuple)
		return nil
	}
	if len(t) > 3 {
		e.buf = append(e.buf, opMark)
	}
	if err := e.items(t, depth); err != nil {
		return err
	}
	if len(t) > 3 {
		e.buf = append(e.buf, opTuple)
	} else {
		e.buf = append(e.buf, opTuple1+byte(len(t)-1))
	}
	return nil
}

// batches appends items to the container on the stack top, MARK ... op
// per batchSize items.
func (e *encoder) batches(items []py.Value, op byte, depth int) error {
	for len(items) > 0 {
		n := min(len(items), batchSize)
		e.buf = append(e.buf, opMark)
		if err := e.items(items[:n], depth); err != nil {
			return err
		}
		e.buf = append(e.buf, op)
		items = items[n:]
	}
	return nil
}

// hashableItems refuses a set holding a value that is unhashable once
// written: the decoder keeps an instance it does not construct as its
// class dict, which a set may hold (an instance hashes by identity), but
// written back it is a dict, and the daemon's pickle.loads (as this
// package's decoder) refuses a dict in a set.
func hashableItems(items []py.Value) error {
	for _, v := range items {
		if _, ok := py.HashKey(v); !ok {
			return fmt.Errorf("pickle cannot write a set holding a %s: it is unhashable", py.TypeName(v))
		}
	}
	return nil
}

// dict appends a dict. The class dicts of Pyro4 objects the daemon must
// see as objects (URI, Proxy, exceptions) become those objects; any other
// dict, "__class__" key or not, is a dict.
func (e *encoder) dict(m *py.Dict, depth int) error {
	if ok, err := e.classDict(m, depth); ok || err != nil {
		return err
	}
	e.buf = append(e.buf, opEmptyDict)
	return e.setItems(m, depth)
}

// classDict encodes the class dicts Pyro4 understands as objects and
// reports whether m was one.
func (e *encoder) classDict(m *py.Dict, depth int) (bool, error) {
	cv, ok := m.GetStr(keyClass)
	if !ok {
		return false, nil
	}
	class, ok := cv.(py.Str)
	if !ok {
		return false, nil
	}
	if x, _ := m.GetStr(keyException); x == py.Bool(true) {
		args, _ := m.GetStr(keyArgs)
		argt := toTuple(args)
		attrs, _ := m.GetStr(keyAttributes)
		am, _ := attrs.(*py.Dict)
		return true, e.exception(string(class), argt, am, depth)
	}
	sv, _ := m.GetStr(keyState)
	state, ok := sv.(py.Tuple)
	if !ok {
		return false, nil
	}
	switch {
	case class == classURI && len(state) == 5:
		e.global("Pyro4.core", "URI")
		e.buf = append(e.buf, opEmptyTuple, opNewObj)
		if err := e.tuple(state, depth+1); err != nil {
			return true, err
		}
		e.buf = append(e.buf, opBuild)
		return true, nil
	case class == classProxy && len(state) >= 7:
		return true, e.proxy(state, depth)
	}
	return false, nil
}

func toTuple(v py.Value) py.Tuple {
	switch x := v.(type) {
	case py.Tuple:
		return x
	case py.List:
		return py.Tuple(x)
	case nil, py.NoneType:
		return nil
	}
	return py.Tuple{v}
}

// exception appends class(*args) and, when attrs has items, BUILD with
// them, which is how CPython pickles an exception with a __dict__. Only
// classes isException accepts are written: the receiver calls the class.
func (e *encoder) exception(class string, args py.Tuple, attrs *py.Dict, depth int) error {
	i := strings.LastIndexByte(class, '.')
	if i <= 0 || i == len(class)-1 {
		return errEncode("exception class %q has no module", class)
	}
	c := &classRef{module: class[:i], name: class[i+1:]}
	if !isException(c) {
		return errEncode("refusing to pickle %s as an exception class", class)
	}
	e.global(c.module, c.name)
	if err := e.tuple(args, depth+1); err != nil {
		return err
	}
	e.buf = append(e.buf, opReduce)
	if attrs != nil && attrs.Len() > 0 {
		if err := e.dict(attrs, depth+1); err != nil {
			return err
		}
		e.buf = append(e.buf, opBuild)
	}
	return nil
}

// proxy appends a Pyro4.core.Proxy from serpent's state tuple, rebuilding
// what Proxy.__setstate__ expects: a URI object (URI(uriString)), sets,
// and the HMAC key as bytes.
func (e *encoder) proxy(state py.Tuple, depth int) error {
	uri, ok := state[0].(py.Str)
	if !ok {
		return errEncode("proxy state has no uri string")
	}
	e.global("Pyro4.core", "Proxy")
	e.buf = append(e.buf, opEmptyTuple, opNewObj, opMark)
	e.global("Pyro4.core", "URI")
	if err := e.str(string(uri)); err != nil {
		return err
	}
	e.buf = append(e.buf, opTuple1, opReduce)
	for i := 1; i < len(state); i++ {
		v := state[i]
		switch {
		case i <= 3:
			switch x := v.(type) {
			case py.Tuple:
				v = &py.Set{Items: x}
			case py.List:
				v = &py.Set{Items: x}
			}
		case i == 5:
			if s, ok := v.(py.Str); ok && strings.HasPrefix(string(s), "b64:") {
				key, err := base64.StdEncoding.DecodeString(string(s[4:]))
				if err != nil {
					return errEncode("proxy hmac key is not base64")
				}
				v = py.Bytes(key)
			}
		}
		if err := e.value(v, depth+2); err != nil {
			return err
		}
	}
	e.buf = append(e.buf, opTuple, opBuild)
	return nil
}
