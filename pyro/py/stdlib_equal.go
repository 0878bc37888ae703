package py

import (
	"math/big"
	"strconv"
)

// bytesOf returns the content of a bytes or bytearray, which compare
// equal to each other in Python.
func bytesOf(v Value) ([]byte, bool) {
	switch x := v.(type) {
	case Bytes:
		return x, true
	case ByteArray:
		return x, true
	}
	return nil, false
}

// dictOf returns the items of a dict or of a dict subclass.
func dictOf(v Value) (*Dict, bool) {
	switch x := v.(type) {
	case *Dict:
		return x, true
	case *StdDict:
		return x.Dict, true
	}
	return nil, false
}

// stdlibEqual compares the standard library kinds of stdlib.go and
// stdlib_time.go as Python does; ok is false when a is none of them.
func stdlibEqual(a, b Value) (eq, ok bool) {
	switch x := a.(type) {
	case *StdDict:
		if y, ok := b.(*StdDict); ok && x.Kind == OrderedDict && y.Kind == OrderedDict {
			// Two OrderedDicts are equal only in the same order.
			if x.Len() != y.Len() {
				return false, true
			}
			for i, it := range x.items {
				if !Equal(it.Key, y.items[i].Key) || !Equal(it.Value, y.items[i].Value) {
					return false, true
				}
			}
			return true, true
		}
		return Equal(x.Dict, b), true
	case *Deque:
		y, ok := b.(*Deque)
		return ok && equalSeq(x.Items, y.Items), true
	case *Array:
		y, ok := b.(*Array)
		if !ok || x.IsText() != y.IsText() {
			return false, true
		}
		return equalSeq(x.Items, y.Items), true
	case *Range:
		y, ok := b.(*Range)
		return ok && rangeKey(x) == rangeKey(y), true
	case *Slice:
		y, ok := b.(*Slice)
		return ok && equalSeq([]Value{x.Start, x.Stop, x.Step}, []Value{y.Start, y.Stop, y.Step}), true
	case *Date:
		y, ok := b.(*Date)
		return ok && *x == *y, true
	case *DateTime:
		y, ok := b.(*DateTime)
		if !ok || (x.TZ == nil) != (y.TZ == nil) {
			return false, true
		}
		return x.utcMicros() == y.utcMicros(), true
	case *Time:
		y, ok := b.(*Time)
		if !ok || (x.TZ == nil) != (y.TZ == nil) {
			return false, true
		}
		return timeMicros(x) == timeMicros(y), true
	case *TimeDelta:
		y, ok := b.(*TimeDelta)
		return ok && *x == *y, true
	case *TimeZone:
		y, ok := b.(*TimeZone)
		return ok && x.Offset == y.Offset, true
	case UUID:
		y, ok := b.(UUID)
		return ok && x == y, true
	case *Class:
		y, ok := b.(*Class)
		return ok && *x == *y, true
	}
	return false, false
}

// timeMicros is a time of day in microseconds, less its UTC offset.
func timeMicros(t *Time) int64 {
	us := ((int64(t.Hour)*60+int64(t.Minute))*60+int64(t.Second))*1_000_000 + int64(t.Micro)
	if t.TZ != nil {
		us -= t.TZ.Offset.Total()
	}
	return us
}

// rangeKey identifies a range by its elements, as range equality does:
// its length, and its start and step where they matter.
func rangeKey(r *Range) string {
	n := r.Len()
	switch {
	case n.Sign() == 0:
		return "0"
	case n.Cmp(big.NewInt(1)) == 0:
		return "1:" + bigOf(r.Start).String()
	}
	return n.String() + ":" + bigOf(r.Start).String() + ":" + bigOf(r.Step).String()
}

// stdlibHashKey is the hash key of the hashable standard library kinds
// whose equal values may print differently (aware datetimes in other
// zones, ranges with the same elements).
func stdlibHashKey(v Value) string {
	switch x := v.(type) {
	case *DateTime:
		if x.TZ == nil {
			return "dn" + strconv.FormatInt(x.utcMicros(), 10)
		}
		return "da" + strconv.FormatInt(x.utcMicros(), 10)
	case *Time:
		if x.TZ == nil {
			return "tn" + strconv.FormatInt(timeMicros(x), 10)
		}
		return "ta" + strconv.FormatInt(timeMicros(x), 10)
	case *TimeZone:
		return "z" + strconv.FormatInt(x.Offset.Total(), 10)
	case *Range:
		return "r" + rangeKey(x)
	}
	return "x" + Repr(v)
}
