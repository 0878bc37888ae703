package msgpack

import (
	"math"
	"strconv"
	"time"
)

// Datetime is the naive datetime.datetime Pyro4's msgpack sends as ext
// 0x32: a POSIX timestamp that Python's datetime.fromtimestamp reads as
// local time. Its repr is Python's, in the local time zone.
type Datetime struct{ Timestamp float64 }

// PyType returns "datetime", for py.TypeName.
func (Datetime) PyType() string { return "datetime" }

// Time returns the timestamp as fromtimestamp splits it: whole seconds and
// microseconds rounded half to even, in the local zone.
func (d Datetime) Time() time.Time {
	sec, frac := math.Modf(d.Timestamp)
	us := math.RoundToEven(frac * 1e6)
	if us >= 1e6 {
		us -= 1e6
		sec++
	} else if us < 0 {
		us += 1e6
		sec--
	}
	return time.Unix(int64(sec), int64(us)*1000).In(time.Local)
}

// valid reports whether Python can build the datetime: year 1 to 9999.
func (d Datetime) valid() bool {
	if math.IsNaN(d.Timestamp) || math.Abs(d.Timestamp) > 1e12 {
		return false
	}
	y := d.Time().Year()
	return y >= 1 && y <= 9999
}

// AppendRepr implements py.Value: datetime.datetime(2024, 1, 2, 3, 4, 5,
// 678900), dropping zero microseconds and then zero seconds as Python does.
func (d Datetime) AppendRepr(dst []byte) []byte {
	t := d.Time()
	parts := []int{t.Year(), int(t.Month()), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond() / 1000}
	for i := 0; i < 2 && parts[len(parts)-1] == 0; i++ {
		parts = parts[:len(parts)-1]
	}
	return appendCall(dst, "datetime.datetime(", parts)
}

// Date is the datetime.date Pyro4's msgpack sends as ext 0x33: a proleptic
// Gregorian ordinal, 1 being 0001-01-01.
type Date struct{ Ordinal int64 }

// maxOrdinal is date(9999, 12, 31).toordinal().
const maxOrdinal = 3652059

// PyType returns "date", for py.TypeName.
func (Date) PyType() string { return "date" }

// Time returns the date at midnight UTC.
func (d Date) Time() time.Time {
	return time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(d.Ordinal-1))
}

// AppendRepr implements py.Value: datetime.date(2024, 1, 2).
func (d Date) AppendRepr(dst []byte) []byte {
	t := d.Time()
	return appendCall(dst, "datetime.date(", []int{t.Year(), int(t.Month()), t.Day()})
}

func appendCall(dst []byte, head string, parts []int) []byte {
	dst = append(dst, head...)
	for i, p := range parts {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		dst = strconv.AppendInt(dst, int64(p), 10)
	}
	return append(dst, ')')
}
