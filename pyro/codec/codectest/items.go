package codectest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// DecodeBoth decodes data with c.DecodeWithin and, when c is a
// codec.Itemizer, with DecodeItems (the elements gathered back into a
// list or tuple), or for a dict, when c is a codec.DictItemizer, with
// codec.StreamDict (the pairs gathered back into a dict, each key once),
// each under a budget of limit bytes (0: the default), and describes each
// outcome as the value's type and repr or the error. streamed reports
// whether the payload was read element by element.
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
	if pairs := codec.StreamDict(c, data, budget(), nil); pairs != nil {
		return whole, gatherPairs(pairs, describe), true
	}
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

// gatherPairs reads pairs to the end into a dict and describes it as
// DecodeBoth does; a key handed out twice, which a printer could not
// take back, is a failure of its own.
func gatherPairs(pairs codec.Pairs, describe func(py.Value, error) string) string {
	var items []py.Item
	var err error
	for {
		k, v, ok, err2 := pairs.Next()
		if err2 != nil || !ok {
			err = err2
			break
		}
		items = append(items, py.Item{Key: k, Value: v})
	}
	if _, _, ok, again := pairs.Next(); ok || again != err {
		return "Next after the end gave " + describe(nil, again)
	}
	n := len(items)
	d, derr := py.NewDictItems(items)
	if err == nil {
		err = derr
	}
	if err == nil && d.Len() != n {
		return fmt.Sprintf("%d pairs handed out for a dict of %d keys", n, d.Len())
	}
	return describe(d, err)
}

// DictValues are dicts for the tests of codec.StreamDict to encode with
// each codec (one that refuses a value skips it): empty, small, larger
// than a small dict's 8 items, with keys of several kinds and values of
// every shape, nested dicts included.
func DictValues() []*py.Dict {
	many := py.NewDict(0)
	for i, e := range SmallDicts(20) {
		many.SetStr(fmt.Sprintf("k%d", i), e)
	}
	return []*py.Dict{
		py.NewDict(0),
		py.DictOf(py.Str("a"), py.Int(1)),
		py.DictOf(py.Str("a"), py.Int(1), py.Str("b"), py.List{py.Str("x"), py.None}),
		py.DictOf(py.Str("data"), py.Str("AP9hYg=="), py.Str("encoding"), py.Str("utf-8")),
		py.DictOf(py.Str("x"), py.DictOf(py.Str("y"), py.Float(0.5)), py.Str("z"), py.Tuple{py.Int(1)}),
		py.DictOf(py.Int(1), py.Str("one"), py.Int(-2), py.Bool(true), py.Str("s"), py.Float(1.5)),
		py.DictOf(py.Tuple{py.Int(1), py.Str("a")}, py.NewDict(0), py.Bytes("k"), py.List{}),
		many,
	}
}

// CheckDicts fails t unless c's DecodeWithin and codec.StreamDict give
// the same value for each payload of cases and for c's encoding of each
// of DictValues, and StreamDict reads a payload element by element just
// when cases says so (DictValues always).
func CheckDicts(t *testing.T, c codec.Codec, cases map[string]bool) {
	t.Helper()
	for data, want := range withDictValues(c, cases) {
		whole, items, streamed := DecodeBoth(c, []byte(data), 0)
		if whole != items {
			t.Errorf("%s %q:\nDecodeWithin %s\nStreamDict   %s", c.Name(), data, whole, items)
		}
		if streamed != want {
			t.Errorf("%s %q (%s): streamed %v, want %v", c.Name(), data, whole, streamed, want)
		}
	}
}

// withDictValues adds c's encoding of each of DictValues to cases, as a
// payload to stream.
func withDictValues(c codec.Codec, cases map[string]bool) map[string]bool {
	for _, d := range DictValues() {
		enc, err := c.Encode(nil, d)
		if err != nil {
			continue
		}
		if _, ok := cases[string(enc)]; !ok {
			cases[string(enc)] = true
		}
	}
	return cases
}

// FuzzDicts is the body of each codec's FuzzStreamDict: seeded with the
// payloads of cases and c's encodings of DictValues, it checks with
// CheckItems that codec.StreamDict and DecodeWithin agree.
func FuzzDicts(f *testing.F, c codec.Codec, cases map[string]bool) {
	for data := range withDictValues(c, cases) {
		f.Add([]byte(data))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		CheckItems(t, c, data, int64(len(data)))
	})
}
