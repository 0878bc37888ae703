package codectest

import (
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// DecodeBoth decodes data with c.DecodeWithin and, when c is a
// codec.Itemizer, with DecodeItems (the elements gathered back into a
// list or tuple), each under a budget of limit bytes (0: the default),
// and describes each outcome as the value's type and repr or the error.
// streamed reports whether DecodeItems handed out Items.
func DecodeBoth(c codec.Codec, data []byte, limit int64) (whole, items string, streamed bool) {
	describe := func(v py.Value, err error) string {
		if err != nil {
			return "error " + err.Error()
		}
		return py.TypeName(v) + " " + py.Repr(v)
	}
	budget := func() *codec.Budget {
		if limit > 0 {
			return codec.NewBudget(limit)
		}
		return nil
	}
	whole = describe(codec.Decode(c, data, budget()))
	iz, ok := c.(codec.Itemizer)
	if !ok {
		return whole, whole, false
	}
	v, it, err := iz.DecodeItems(data, budget())
	if it != nil {
		streamed = true
		var elems []py.Value
		for {
			e, ok, err2 := it.Next()
			if err2 != nil || !ok {
				err = err2
				break
			}
			elems = append(elems, e)
		}
		if _, ok, again := it.Next(); ok || again != err {
			return whole, "Next after the end gave " + describe(nil, again), true
		}
		v = py.List(elems)
		if it.IsTuple() {
			v = py.Tuple(elems)
		}
	}
	return whole, describe(v, err), streamed
}

// CheckItems fails t when DecodeItems and DecodeWithin disagree on data:
// under the default budget they must give the same value or the same
// error; under a budget of limit bytes, where the two may stop at
// different points of a payload that is both broken and over budget,
// the same value, or an error from both.
func CheckItems(t testing.TB, c codec.Codec, data []byte, limit int64) {
	t.Helper()
	if whole, items, _ := DecodeBoth(c, data, 0); whole != items {
		t.Fatalf("%s %q:\nDecodeWithin %s\nDecodeItems  %s", c.Name(), data, whole, items)
	}
	whole, items, _ := DecodeBoth(c, data, limit)
	failed := func(s string) bool { return strings.HasPrefix(s, "error ") }
	if whole != items && (!failed(whole) || !failed(items)) {
		t.Fatalf("%s %q (budget %d):\nDecodeWithin %s\nDecodeItems  %s", c.Name(), data, limit, whole, items)
	}
}
