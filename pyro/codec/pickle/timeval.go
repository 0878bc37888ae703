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

// dateTimeFrom decodes the datetime module's pickles into what serpent
// sends for them: datetime, date and time as their isoformat() str
// (with the +HH:MM offset of a datetime.timezone), timedelta as
// total_seconds() float. A timezone alone is its offset str. A datetime
// with another tzinfo (zoneinfo, pytz) becomes a class dict
// {'__class__': 'datetime.datetime', 'value': naive isoformat, 'tzinfo': ...}.
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
		micros := (p[0]*86400+p[1])*1_000_000 + p[2]
		return py.Float(float64(micros) / 1e6), true
	case "timezone":
		if len(args) < 1 || len(args) > 2 {
			return nil, false
		}
		f, ok := args[0].(py.Float)
		if !ok || math.Abs(float64(f)) >= 86400 {
			return nil, false
		}
		return py.Str(formatOffset(int64(math.Round(float64(f) * 1e6)))), true
	}
	if len(args) == 0 || len(args) > 2 {
		return nil, false
	}
	b, ok := stateBytes(args[0])
	if !ok {
		return nil, false
	}
	var s string
	switch {
	case name == "date" && len(b) == 4 && len(args) == 1:
		s = fmt.Sprintf("%04d-%02d-%02d", binary.BigEndian.Uint16(b), b[2], b[3])
	case name == "datetime" && len(b) == 10:
		s = fmt.Sprintf("%04d-%02d-%02dT%s", binary.BigEndian.Uint16(b), b[2]&0x7f, b[3], clock(b[4:]))
	case name == "time" && len(b) == 6:
		s = clock(append([]byte{b[0] & 0x7f}, b[1:]...))
	default:
		return nil, false
	}
	if len(args) == 1 {
		return py.Str(s), true
	}
	switch tz := args[1].(type) {
	case py.NoneType:
		return py.Str(s), true
	case py.Str:
		return py.Str(s + string(tz)), true
	}
	m := newClassDict("datetime." + name)
	m.SetStr(keyValue, py.Str(s))
	m.SetStr("tzinfo", args[1])
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

// formatOffset formats a UTC offset in microseconds as isoformat() does:
// +HH:MM, with :SS and .ffffff only when needed.
func formatOffset(us int64) string {
	sign := "+"
	if us < 0 {
		sign, us = "-", -us
	}
	sec, frac := us/1_000_000, us%1_000_000
	s := fmt.Sprintf("%s%02d:%02d", sign, sec/3600, sec%3600/60)
	if sec%60 != 0 || frac != 0 {
		s += fmt.Sprintf(":%02d", sec%60)
	}
	if frac != 0 {
		s += fmt.Sprintf(".%06d", frac)
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

// arrayFrom decodes an array.array pickle as serpent sends one: a str for
// the unicode typecodes, else a list of numbers.
func arrayFrom(name string, args py.Tuple) (py.Value, bool) {
	if name == "array" {
		// Protocols 0-2: array(typecode, list).
		if len(args) != 2 {
			return nil, false
		}
		tc, ok1 := args[0].(py.Str)
		l, ok2 := args[1].(*plist)
		if !ok1 || !ok2 {
			return nil, false
		}
		if tc == "u" || tc == "w" {
			var sb strings.Builder
			for _, e := range l.items {
				s, ok := e.(py.Str)
				if !ok {
					return nil, false
				}
				sb.WriteString(string(s))
			}
			return py.Str(sb.String()), true
		}
		return &plist{items: append([]py.Value(nil), l.items...)}, true
	}
	if len(args) != 4 {
		return nil, false
	}
	code, ok1 := args[2].(py.Int)
	b, ok2 := args[3].(py.Bytes)
	if !ok1 || !ok2 || code < 0 || int(code) >= len(arrayFormats) {
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
		return py.Str(string(runes)), true
	}
	items := make([]py.Value, 0, len(b)/f.size)
	for i := 0; i < len(b); i += f.size {
		items = append(items, arrayItem(f, order, b[i:i+f.size]))
	}
	return &plist{items: items}, true
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
