package pickle

import (
	"encoding/binary"
	"math"
	"math/big"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// stdlib appends the standard library kinds the decoder builds, the way
// CPython's pickler writes them (each class's __reduce__), so a decoded
// value encodes back to what decodes to it again. ok is false for a kind
// it does not know.
func (e *encoder) stdlib(v py.Value, depth int) (ok bool, err error) {
	switch x := v.(type) {
	case py.Decimal:
		e.global("decimal", "Decimal")
		err = e.str(string(x))
		e.buf = append(e.buf, opTuple1, opReduce)
	case *py.Fraction:
		e.global("fractions", "Fraction")
		e.long(x.Num)
		e.long(x.Den)
		e.buf = append(e.buf, opTuple2, opReduce)
	case py.UUID:
		e.global("uuid", "UUID")
		e.buf = append(e.buf, opEmptyTuple, opNewObj, opEmptyDict)
		e.sized(opShortBinUnicode, opBinUnicode, opBinUnicode8, []byte("int"))
		e.long(new(big.Int).SetBytes(x[:]))
		e.buf = append(e.buf, opSetItem, opBuild)
	case py.ByteArray:
		e.global("builtins", "bytearray")
		e.sized(opShortBinBytes, opBinBytes, opBinBytes8, x)
		e.buf = append(e.buf, opTuple1, opReduce)
	case *py.Range:
		e.global("builtins", "range")
		err = e.tuple(py.Tuple{x.Start, x.Stop, x.Step}, depth)
		e.buf = append(e.buf, opReduce)
	case *py.Slice:
		e.global("builtins", "slice")
		err = e.tuple(py.Tuple{x.Start, x.Stop, x.Step}, depth)
		e.buf = append(e.buf, opReduce)
	case *py.Deque:
		e.global("collections", "deque")
		e.buf = append(e.buf, opEmptyTuple)
		if err = e.value(x.MaxLen, depth+1); err != nil {
			return true, err
		}
		e.buf = append(e.buf, opTuple2, opReduce)
		err = e.batches(x.Items, opAppends, depth)
	case *py.Array:
		err = e.array(x, depth)
	case *py.Class:
		e.global(x.Module, x.Name)
	case *py.TimeDelta:
		e.timeDelta(*x)
	case *py.TimeZone:
		e.timeZone(x)
	case *py.Date:
		e.global("datetime", "date")
		b := []byte{byte(x.Year >> 8), byte(x.Year), byte(x.Month), byte(x.Day)}
		e.sized(opShortBinBytes, opBinBytes, opBinBytes8, b)
		e.buf = append(e.buf, opTuple1, opReduce)
	case *py.Time:
		e.global("datetime", "time")
		b := []byte{byte(x.Hour) | byte(x.Fold)<<7, byte(x.Minute), byte(x.Second),
			byte(x.Micro >> 16), byte(x.Micro >> 8), byte(x.Micro)}
		e.zoned(b, x.TZ)
	case *py.DateTime:
		e.global("datetime", "datetime")
		b := []byte{byte(x.Year >> 8), byte(x.Year), byte(x.Month) | byte(x.Fold)<<7, byte(x.Day),
			byte(x.Hour), byte(x.Minute), byte(x.Second), byte(x.Micro >> 16), byte(x.Micro >> 8), byte(x.Micro)}
		e.zoned(b, x.TZ)
	default:
		return false, nil
	}
	return true, err
}

// zoned appends the (state[, tzinfo]) arguments of a time or datetime and
// REDUCE.
func (e *encoder) zoned(state []byte, tz *py.TimeZone) {
	e.sized(opShortBinBytes, opBinBytes, opBinBytes8, state)
	if tz == nil {
		e.buf = append(e.buf, opTuple1, opReduce)
		return
	}
	e.timeZone(tz)
	e.buf = append(e.buf, opTuple2, opReduce)
}

func (e *encoder) timeDelta(d py.TimeDelta) {
	e.global("datetime", "timedelta")
	e.int(d.Days)
	e.int(d.Seconds)
	e.int(d.Micros)
	e.buf = append(e.buf, opTuple3, opReduce)
}

func (e *encoder) timeZone(z *py.TimeZone) {
	e.global("datetime", "timezone")
	e.timeDelta(z.Offset)
	if z.Name == nil {
		e.buf = append(e.buf, opTuple1, opReduce)
		return
	}
	e.sized(opShortBinUnicode, opBinUnicode, opBinUnicode8, []byte(*z.Name))
	e.buf = append(e.buf, opTuple2, opReduce)
}

// dictKind appends an OrderedDict, Counter or defaultdict as CPython
// pickles them: OrderedDict() and SETITEMS, Counter(dict),
// defaultdict(factory) and SETITEMS.
func (e *encoder) dictKind(m *py.StdDict, depth int) error {
	plain := m.Dict
	switch m.Kind {
	case py.Counter:
		e.global("collections", "Counter")
		if err := e.dict(plain, depth+1); err != nil {
			return err
		}
		e.buf = append(e.buf, opTuple1, opReduce)
		return nil
	case py.DefaultDict:
		e.global("collections", "defaultdict")
		if err := e.value(m.Factory, depth+1); err != nil {
			return err
		}
		e.buf = append(e.buf, opTuple1, opReduce)
	default:
		e.global("collections", "OrderedDict")
		e.buf = append(e.buf, opEmptyTuple, opReduce)
	}
	return e.setItems(plain, depth)
}

// setItems appends SETITEMS batches of m's items to the dict on the stack.
func (e *encoder) setItems(m *py.Dict, depth int) error {
	all := m.Items()
	for len(all) > 0 {
		n := min(len(all), batchSize)
		e.buf = append(e.buf, opMark)
		for _, it := range all[:n] {
			if err := e.value(it.Key, depth+1); err != nil {
				return err
			}
			if err := e.value(it.Value, depth+1); err != nil {
				return err
			}
		}
		e.buf = append(e.buf, opSetItems)
		all = all[n:]
	}
	return nil
}

// array appends array._array_reconstructor(array.array, typecode, code,
// bytes) with the machine format CPython uses on a little-endian 64-bit
// machine; a typecode this does not know is refused.
func (e *encoder) array(a *py.Array, depth int) error {
	code, ok := arrayCodes[a.Code]
	if !ok {
		return errEncode("cannot pickle an array of typecode %q", a.Code)
	}
	f := arrayFormats[code]
	var b []byte
	if f.kind == 'u' {
		text := ""
		if len(a.Items) == 1 {
			s, _ := a.Items[0].(py.Str)
			text = string(s)
		}
		for _, r := range text {
			b = binary.LittleEndian.AppendUint32(b, uint32(r))
		}
	} else {
		for _, it := range a.Items {
			var ok bool
			if b, ok = appendArrayItem(b, f, it); !ok {
				return errEncode("array item %s does not fit typecode %q", py.Repr(it), a.Code)
			}
		}
	}
	e.global("array", "_array_reconstructor")
	e.buf = append(e.buf, opMark)
	e.global("array", "array")
	if err := e.str(a.Code); err != nil {
		return err
	}
	e.int(int64(code))
	e.sized(opShortBinBytes, opBinBytes, opBinBytes8, b)
	e.buf = append(e.buf, opTuple, opReduce)
	_ = depth
	return nil
}

// arrayCodes maps a typecode to its machine format code (CPython's
// typecode_to_mformat_code on x86-64 Linux).
var arrayCodes = map[string]int{
	"b": 1, "B": 0, "h": 4, "H": 2, "i": 8, "I": 6, "l": 12, "L": 10, "q": 12, "Q": 10,
	"f": 14, "d": 16, "u": 20, "w": 20,
}

func appendArrayItem(b []byte, f arrayFormat, v py.Value) ([]byte, bool) {
	if f.kind == 'f' {
		x, ok := toFloat(v)
		if !ok {
			return b, false
		}
		if f.size == 4 {
			return binary.LittleEndian.AppendUint32(b, math.Float32bits(float32(x))), true
		}
		return binary.LittleEndian.AppendUint64(b, math.Float64bits(x)), true
	}
	var u uint64
	switch x := v.(type) {
	case py.Int:
		u = uint64(x)
	case *py.BigInt:
		if !x.V.IsUint64() {
			return b, false
		}
		u = x.V.Uint64()
	default:
		return b, false
	}
	for i := 0; i < f.size; i++ {
		b = append(b, byte(u>>(8*i)))
	}
	return b, true
}
