package py

import (
	"fmt"
	"strconv"
)

// The datetime module's value types, as Python 3.11's datetime module
// prints and compares them (Lib/datetime.py, Modules/_datetimemodule.c).

// Date is a datetime.date.
type Date struct{ Year, Month, Day int }

// AppendRepr implements Value: datetime.date(2017, 9, 28).
func (d *Date) AppendRepr(dst []byte) []byte {
	return fmt.Appendf(dst, "datetime.date(%d, %d, %d)", d.Year, d.Month, d.Day)
}

// PyType implements the TypeName hook.
func (*Date) PyType() string { return "date" }

// ISO returns isoformat(): 2017-09-28.
func (d *Date) ISO() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// JSONValue is isoformat(), as Pyro4's serializers send a date.
func (d *Date) JSONValue() any { return Str(d.ISO()) }

// Time is a datetime.time; TZ is nil for a naive time.
type Time struct {
	Hour, Minute, Second, Micro int
	Fold                        int
	TZ                          *TimeZone
}

// AppendRepr implements Value: datetime.time(15, 7), datetime.time(15, 7, 1, 5,
// tzinfo=datetime.timezone.utc).
func (t *Time) AppendRepr(dst []byte) []byte {
	dst = append(dst, "datetime.time("...)
	dst = appendClockArgs(dst, t.Hour, t.Minute, t.Second, t.Micro)
	return appendFoldTZ(dst, t.Fold, t.TZ)
}

// PyType implements the TypeName hook.
func (*Time) PyType() string { return "time" }

// ISO returns isoformat(): 15:07:01[.000005][+02:00].
func (t *Time) ISO() string {
	s := clockISO(t.Hour, t.Minute, t.Second, t.Micro)
	if t.TZ != nil {
		s += t.TZ.Offset.offsetISO()
	}
	return s
}

// JSONValue is isoformat().
func (t *Time) JSONValue() any { return Str(t.ISO()) }

// DateTime is a datetime.datetime; TZ is nil for a naive datetime.
type DateTime struct {
	Date
	Hour, Minute, Second, Micro int
	Fold                        int
	TZ                          *TimeZone
}

// AppendRepr implements Value: datetime.datetime(2017, 9, 28, 15, 7, 1, 123456)
// with ", fold=1" and ", tzinfo=..." when they apply.
func (t *DateTime) AppendRepr(dst []byte) []byte {
	dst = fmt.Appendf(dst, "datetime.datetime(%d, %d, %d, ", t.Year, t.Month, t.Day)
	dst = appendClockArgs(dst, t.Hour, t.Minute, t.Second, t.Micro)
	return appendFoldTZ(dst, t.Fold, t.TZ)
}

// PyType implements the TypeName hook.
func (*DateTime) PyType() string { return "datetime" }

// ISO returns isoformat(): 2017-09-28T15:07:01.123456[+02:00].
func (t *DateTime) ISO() string {
	s := t.Date.ISO() + "T" + clockISO(t.Hour, t.Minute, t.Second, t.Micro)
	if t.TZ != nil {
		s += t.TZ.Offset.offsetISO()
	}
	return s
}

// JSONValue is isoformat(), as Pyro4's serializers send a datetime.
func (t *DateTime) JSONValue() any { return Str(t.ISO()) }

// utcMicros is the instant of an aware datetime in microseconds since
// 0001-01-01 UTC, or of a naive one taken as UTC.
func (t *DateTime) utcMicros() int64 {
	days := daysBefore(t.Year, t.Month) + int64(t.Day)
	us := ((days*24+int64(t.Hour))*60+int64(t.Minute))*60 + int64(t.Second)
	us = us*1_000_000 + int64(t.Micro)
	if t.TZ != nil {
		us -= t.TZ.Offset.Total()
	}
	return us
}

// daysBefore counts the days from 0001-01-01 to the first of month in
// year, as the proleptic Gregorian calendar of the datetime module.
func daysBefore(year, month int) int64 {
	y := int64(year - 1)
	days := y*365 + y/4 - y/100 + y/400
	cum := [...]int{0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334}
	if month >= 1 && month <= 12 {
		days += int64(cum[month-1])
		leap := year%4 == 0 && (year%100 != 0 || year%400 == 0)
		if leap && month > 2 {
			days++
		}
	}
	return days
}

// TimeDelta is a datetime.timedelta, normalised as Python keeps it:
// 0 <= Seconds < 86400, 0 <= Micros < 1000000, Days carries the sign.
type TimeDelta struct{ Days, Seconds, Micros int64 }

// NewTimeDelta normalises days, seconds and microseconds as timedelta()
// does.
func NewTimeDelta(days, seconds, micros int64) TimeDelta {
	seconds += floorDiv(&micros, 1_000_000)
	days += floorDiv(&seconds, 86400)
	return TimeDelta{days, seconds, micros}
}

// floorDiv returns floor(*x / d) and leaves the non-negative remainder in *x.
func floorDiv(x *int64, d int64) int64 {
	q := *x / d
	if *x%d < 0 {
		q--
	}
	*x -= q * d
	return q
}

// Total returns the whole duration in microseconds.
func (d TimeDelta) Total() int64 { return (d.Days*86400+d.Seconds)*1_000_000 + d.Micros }

// AppendRepr implements Value: datetime.timedelta(days=1, seconds=3,
// microseconds=500000), datetime.timedelta(0) when zero.
func (d *TimeDelta) AppendRepr(dst []byte) []byte {
	dst = append(dst, "datetime."...)
	return d.appendRepr(dst)
}

func (d TimeDelta) appendRepr(dst []byte) []byte {
	dst = append(dst, "timedelta("...)
	sep := ""
	for _, f := range []struct {
		name string
		v    int64
	}{{"days", d.Days}, {"seconds", d.Seconds}, {"microseconds", d.Micros}} {
		if f.v != 0 {
			dst = append(dst, sep...)
			dst = append(dst, f.name...)
			dst = append(dst, '=')
			dst = strconv.AppendInt(dst, f.v, 10)
			sep = ", "
		}
	}
	if sep == "" {
		dst = append(dst, '0')
	}
	return append(dst, ')')
}

// PyType implements the TypeName hook.
func (*TimeDelta) PyType() string { return "timedelta" }

// JSONValue is total_seconds(), as serpent sends a timedelta.
func (d *TimeDelta) JSONValue() any { return Float(float64(d.Total()) / 1e6) }

// offsetISO formats a UTC offset as isoformat() does: +HH:MM, with :SS
// and .ffffff only when needed.
func (d TimeDelta) offsetISO() string {
	us := d.Total()
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

// TimeZone is a datetime.timezone: a fixed offset and an optional name.
type TimeZone struct {
	Offset TimeDelta
	Name   *string
}

// IsUTC reports whether this is datetime.timezone.utc (offset 0, no name).
func (z *TimeZone) IsUTC() bool { return z.Offset == TimeDelta{} && z.Name == nil }

// AppendRepr implements Value: datetime.timezone.utc,
// datetime.timezone(datetime.timedelta(seconds=7200)),
// datetime.timezone(datetime.timedelta(seconds=3600), 'CET').
func (z *TimeZone) AppendRepr(dst []byte) []byte {
	if z.IsUTC() {
		return append(dst, "datetime.timezone.utc"...)
	}
	dst = append(dst, "datetime.timezone(datetime."...)
	dst = z.Offset.appendRepr(dst)
	if z.Name != nil {
		dst = append(dst, ", "...)
		dst = AppendQuoted(dst, *z.Name)
	}
	return append(dst, ')')
}

// PyType implements the TypeName hook.
func (*TimeZone) PyType() string { return "timezone" }

// String is str(timezone): its name, or UTC, UTC+02:00.
func (z *TimeZone) String() string {
	if z.Name != nil {
		return *z.Name
	}
	if z.Offset == (TimeDelta{}) {
		return "UTC"
	}
	return "UTC" + z.Offset.offsetISO()
}

// JSONValue is str(timezone).
func (z *TimeZone) JSONValue() any { return Str(z.String()) }

func appendClockArgs(dst []byte, h, m, s, us int) []byte {
	dst = fmt.Appendf(dst, "%d, %d", h, m)
	if s != 0 || us != 0 {
		dst = fmt.Appendf(dst, ", %d", s)
	}
	if us != 0 {
		dst = fmt.Appendf(dst, ", %d", us)
	}
	return dst
}

func appendFoldTZ(dst []byte, fold int, tz *TimeZone) []byte {
	if fold != 0 {
		dst = append(dst, ", fold=1"...)
	}
	if tz != nil {
		dst = append(dst, ", tzinfo="...)
		dst = tz.AppendRepr(dst)
	}
	return append(dst, ')')
}

func clockISO(h, m, s, us int) string {
	out := fmt.Sprintf("%02d:%02d:%02d", h, m, s)
	if us != 0 {
		out += fmt.Sprintf(".%06d", us)
	}
	return out
}
