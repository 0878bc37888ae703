package pickle

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"strings"
	"unicode/utf16"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// dateTimeFrom decodes the datetime module's pickles into the py kinds:
// timedelta(days, seconds, microseconds), timezone(offset[, name]), and
// date, time and datetime from their packed state bytes and tzinfo. A
// datetime or time with a tzinfo other than a datetime.timezone (zoneinfo,
// pytz) becomes a class dict {'__class__': 'datetime.datetime', 'value':
// naive isoformat, 'tzinfo': ...}: its offset cannot be known without
// running its code.
func dateTimeFrom(name string, args py.Tuple) (py.Value, bool) {
	switch name {
	case "timedelta":
		if len(args) != 3 {
			return nil, false
		}
		var p [3]int64
		for i, a := range args {
			n, ok := a.(py.Int)
			if !ok || n > 1e12 || n < -1e12 {
				return nil, false
			}
			p[i] = int64(n)
		}
		td := py.NewTimeDelta(p[0], p[1], p[2])
		return &td, true
	case "timezone":
		if len(args) < 1 || len(args) > 2 {
			return nil, false
		}
		off, ok := args[0].(*py.TimeDelta)
		if !ok || off.Days < -1 || off.Days > 0 {
			return nil, false
		}
		z := &py.TimeZone{Offset: *off}
		if len(args) == 2 {
			n, ok := args[1].(py.Str)
			if !ok {
				return nil, false
			}
			s := string(n)
			z.Name = &s
		}
		return z, true
	}
	if len(args) == 0 || len(args) > 2 {
		return nil, false
	}
	b, ok := stateBytes(args[0])
	if !ok {
		return nil, false
	}
	var tz *py.TimeZone
	if len(args) == 2 {
		switch x := args[1].(type) {
		case py.NoneType:
		case *py.TimeZone:
			tz = x
		default:
			return foreignZone(name, b, args[1])
		}
	}
	switch {
	case name == "date" && len(b) == 4 && len(args) == 1:
		return &py.Date{Year: int(binary.BigEndian.Uint16(b)), Month: int(b[2]), Day: int(b[3])}, true
	case name == "datetime" && len(b) == 10:
		return &py.DateTime{
			Date: py.Date{Year: int(binary.BigEndian.Uint16(b)), Month: int(b[2] & 0x7f), Day: int(b[3])},
			Hour: int(b[4]), Minute: int(b[5]), Second: int(b[6]), Micro: micros(b[7:]),
			Fold: int(b[2] >> 7), TZ: tz,
		}, true
	case name == "time" && len(b) == 6:
		return &py.Time{Hour: int(b[0] & 0x7f), Minute: int(b[1]), Second: int(b[2]), Micro: micros(b[3:]),
			Fold: int(b[0] >> 7), TZ: tz}, true
	}
	return nil, false
}

// micros reads the 3 big-endian bytes of microseconds of a packed state.
func micros(b []byte) int { return int(b[0])<<16 | int(b[1])<<8 | int(b[2]) }

// foreignZone is a datetime or time whose tzinfo is not a
// datetime.timezone: a class dict with the naive isoformat and the tzinfo
// as it came.
func foreignZone(name string, b []byte, tzinfo py.Value) (py.Value, bool) {
	var s string
	switch {
	case name == "datetime" && len(b) == 10:
		s = fmt.Sprintf("%04d-%02d-%02dT%s", binary.BigEndian.Uint16(b), b[2]&0x7f, b[3], clock(b[4:]))
	case name == "time" && len(b) == 6:
		s = clock(append([]byte{b[0] & 0x7f}, b[1:]...))
	default:
		return nil, false
	}
	m := newClassDict("datetime." + name)
	m.SetStr(keyValue, py.Str(s))
	m.SetStr("tzinfo", tzinfo)
	return m, true
}

// stateBytes accepts the bytes state of a date/time pickle, or the latin-1
// str a Python 2 pickle carries it in.
func stateBytes(v py.Value) ([]byte, bool) {
	switch x := v.(type) {
	case py.Bytes:
		return x, true
	case py.Str:
		b, ok := bytesFrom(py.Tuple{x, py.Str("latin1")})
		if ok {
			return b.(py.Bytes), true
		}
	}
	return nil, false
}

// clock formats hour, minute, second and 3 bytes of microseconds as
// time.isoformat() does.
func clock(b []byte) string {
	s := fmt.Sprintf("%02d:%02d:%02d", b[0], b[1], b[2])
	if us := int(b[3])<<16 | int(b[4])<<8 | int(b[5]); us != 0 {
		s += fmt.Sprintf(".%06d", us)
	}
	return s
}

// arrayFormat describes one machine format code of
// array._array_reconstructor (CPython Modules/arraymodule.c).
type arrayFormat struct {
	size      int
	signed    bool
	bigEndian bool
	kind      byte // 'i' integer, 'f' IEEE float, 'u' UTF-16/32 text
}

var arrayFormats = [...]arrayFormat{
	{1, false, false, 'i'}, {1, true, false, 'i'},
	{2, false, false, 'i'}, {2, false, true, 'i'}, {2, true, false, 'i'}, {2, true, true, 'i'},
	{4, false, false, 'i'}, {4, false, true, 'i'}, {4, true, false, 'i'}, {4, true, true, 'i'},
	{8, false, false, 'i'}, {8, false, true, 'i'}, {8, true, false, 'i'}, {8, true, true, 'i'},
	{4, false, false, 'f'}, {4, false, true, 'f'}, {8, false, false, 'f'}, {8, false, true, 'f'},
	{2, false, false, 'u'}, {2, false, true, 'u'}, {4, false, false, 'u'}, {4, false, true, 'u'},
}

// arrayFrom decodes an array.array pickle: _array_reconstructor(cls,
// typecode, machine format code, bytes) as Python 3 writes it, or
// array(typecode, list) as protocols 0-2 do.
func arrayFrom(name string, args py.Tuple) (py.Value, bool) {
	if name == "array" {
		if len(args) != 2 {
			return nil, false
		}
		tc, ok1 := args[0].(py.Str)
		l, ok2 := listItems(args[1])
		if !ok1 || !ok2 {
			return nil, false
		}
		a := &py.Array{Code: string(tc)}
		if a.IsText() {
			var sb strings.Builder
			for _, e := range l {
				s, ok := e.(py.Str)
				if !ok {
					return nil, false
				}
				sb.WriteString(string(s))
			}
			a.Items = []py.Value{py.Str(sb.String())}
			return a, arrayFits(a)
		}
		for _, e := range l {
			switch e.(type) {
			case py.Int, *py.BigInt, py.Float:
			default:
				return nil, false
			}
		}
		a.Items = append([]py.Value(nil), l...)
		return a, arrayFits(a)
	}
	if len(args) != 4 {
		return nil, false
	}
	tc, ok0 := args[1].(py.Str)
	code, ok1 := args[2].(py.Int)
	b, ok2 := args[3].(py.Bytes)
	if !ok0 || !ok1 || !ok2 || code < 0 || int(code) >= len(arrayFormats) || len(tc) != 1 {
		return nil, false
	}
	f := arrayFormats[code]
	if len(b)%f.size != 0 {
		return nil, false
	}
	var order binary.ByteOrder = binary.LittleEndian
	if f.bigEndian {
		order = binary.BigEndian
	}
	a := &py.Array{Code: string(tc)}
	if f.kind == 'u' {
		var runes []rune
		if f.size == 2 {
			units := make([]uint16, len(b)/2)
			for i := range units {
				units[i] = order.Uint16(b[2*i:])
			}
			runes = utf16.Decode(units)
		} else {
			for i := 0; i < len(b); i += 4 {
				runes = append(runes, rune(order.Uint32(b[i:])))
			}
		}
		a.Items = []py.Value{py.Str(string(runes))}
		return a, arrayFits(a)
	}
	a.Items = make([]py.Value, 0, len(b)/f.size)
	for i := 0; i < len(b); i += f.size {
		a.Items = append(a.Items, arrayItem(f, order, b[i:i+f.size]))
	}
	return a, arrayFits(a)
}

// arrayFits reports whether a's items are what an array of its typecode
// holds, as Python's array() checks them (an int past 255 for 'B', a
// float for 'i', text for a number typecode are refused), and rounds
// float items to the typecode's precision, as the array stores them.
func arrayFits(a *py.Array) bool {
	code, ok := arrayCodes[a.Code]
	if !ok {
		return false
	}
	f := arrayFormats[code]
	if a.IsText() {
		if len(a.Items) != 1 {
			return false
		}
		_, ok := a.Items[0].(py.Str)
		return ok
	}
	for i, it := range a.Items {
		b, ok := appendArrayItem(nil, f, it)
		if !ok {
			return false
		}
		v := arrayItem(f, binary.LittleEndian, b)
		if f.kind != 'f' && !py.Equal(v, it) {
			return false // an int the typecode cannot hold
		}
		a.Items[i] = v
	}
	return true
}

func arrayItem(f arrayFormat, order binary.ByteOrder, b []byte) py.Value {
	if f.kind == 'f' {
		if f.size == 4 {
			return py.Float(math.Float32frombits(order.Uint32(b)))
		}
		return py.Float(math.Float64frombits(order.Uint64(b)))
	}
	var u uint64
	switch f.size {
	case 1:
		u = uint64(b[0])
	case 2:
		u = uint64(order.Uint16(b))
	case 4:
		u = uint64(order.Uint32(b))
	default:
		u = order.Uint64(b)
	}
	if f.signed {
		shift := 64 - 8*uint(f.size)
		return py.Int(int64(u<<shift) >> shift)
	}
	if u > math.MaxInt64 {
		return py.NewBigInt(new(big.Int).SetUint64(u))
	}
	return py.Int(int64(u))
}
