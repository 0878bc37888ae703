package printer_test

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
	"github.com/pyrosh/pyrosh/pyro/codec/json"
	"github.com/pyrosh/pyrosh/pyro/codec/marshal"
	"github.com/pyrosh/pyrosh/pyro/codec/msgpack"
	"github.com/pyrosh/pyrosh/pyro/codec/pickle"
	"github.com/pyrosh/pyrosh/pyro/codec/serpent"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/shell/printer"
)

var dictCodecs = []codec.Codec{serpent.Codec{}, json.Codec{}, marshal.Codec{}, msgpack.Codec{}, pickle.Codec{}}

// dictDisplays builds serpent dict payloads from elementLiterals: each
// as a value, beside others, nested, and as a key.
func dictDisplays() []string {
	out := []string{serpent.Header + "{}", serpent.Header + "{ }"}
	for _, e := range elementLiterals {
		out = append(out, serpent.Header+"{'k': "+e+"}", serpent.Header+"{'k': "+e+", 2: "+e+"}",
			serpent.Header+"{'a': "+e+", 'b': ["+e+", "+e+"], 'c': {'d': "+e+"}}", serpent.Header+"{"+e+": 1, 'x': 2}")
	}
	return out
}

// bigDict is n small dicts under str keys, as docs/bench/server.py's
// bigdict returns them.
func bigDict(n int) *py.Dict {
	d := py.NewDict(n)
	for i, e := range codectest.SmallDicts(n) {
		d.SetStr(fmt.Sprintf("k%d", i), e)
	}
	return d
}

func TestDictItemsPrintsAsValue(t *testing.T) {
	n := 0
	for _, src := range dictDisplays() {
		for _, f := range formats {
			whole, items, streamed := printBoth([]byte(src), f)
			if whole != items {
				t.Errorf("%q -o %v:\nValue     %q\nDictItems %q", src, f, whole, items)
			}
			if streamed {
				n++
			}
		}
	}
	// Every display streams but those with an unhashable key or a key
	// given twice.
	if n < len(dictDisplays())*len(formats)*3/4 {
		t.Errorf("%d of %d outputs streamed", n, len(dictDisplays())*len(formats))
	}
}

// TestDictItemsEveryCodec prints dicts in each codec both ways, in every
// format, with and without colour, a dict of 3,000 records (over 32 KB
// of output) included.
func TestDictItemsEveryCodec(t *testing.T) {
	values := append(codectest.DictValues(), bigDict(3000))
	for _, c := range dictCodecs {
		for _, d := range values {
			data, err := c.Encode(nil, d)
			if err != nil {
				continue
			}
			for _, f := range formats {
				for _, colour := range []bool{false, true} {
					whole, items, streamed := printBothIn(c, data, f, colour)
					if !streamed {
						t.Errorf("%s %.80s was not read pair by pair", c.Name(), py.Repr(d))
					}
					if whole != items {
						t.Errorf("%s %.80s -o %v colour %v:\nValue     %.300q\nDictItems %.300q", c.Name(), py.Repr(d), f, colour, whole, items)
					}
				}
			}
		}
	}
}

// TestDictItemsWholeWhereItMust checks the dicts printed from the whole
// value, and what they print: a key given twice keeps its first place
// and its last value, a class dict at the top is what it stands for, and
// serpent's bytes dict is bytes.
func TestDictItemsWholeWhereItMust(t *testing.T) {
	for src, want := range map[string]string{
		"{'a': 1, 'b': 2, 'a': 3}":     "{'a': 3, 'b': 2}\n",
		"{1: 'x', 'b': 2, True: 'y'}":  "{1: 'y', 'b': 2}\n",
		"{(1, 2.0): 'x', (1.0, 2): 3}": "{(1, 2.0): 3}\n",
		"{'__class__':'Pyro4.core.URI','state':('PYRO','obj',None,'localhost',9090)}":              "<Pyro URI PYRO:obj@localhost:9090>\n",
		"{'__class__':'builtins.ValueError','__exception__':True,'args':('bad',),'attributes':{}}": "ValueError('bad')\n",
		"{'data':'AP9hYg==','encoding':'base64'}":                                                  "b'\\x00\\xffab'\n",
	} {
		whole, items, streamed := printBoth([]byte(serpent.Header+src), printer.Repr)
		if streamed || whole != items || items != want {
			t.Errorf("%s: streamed %v, Value %q, DictItems %q, want %q", src, streamed, whole, items, want)
		}
	}
}

type slicePairs struct {
	items []py.Item
	err   error
}

func (s *slicePairs) NextItem() (k, v py.Value, ok bool, err error) {
	if len(s.items) == 0 {
		return nil, nil, false, s.err
	}
	it := s.items[0]
	s.items = s.items[1:]
	return it.Key, it.Value, true, nil
}

// TestDictItemsLayout compares DictItems with Value on dicts around the
// pretty format's line width, with long keys and values, and nested
// ones; and checks that an error from the source drops the unwritten
// rest.
func TestDictItemsLayout(t *testing.T) {
	var dicts []*py.Dict
	for n := 70; n <= 90; n++ {
		dicts = append(dicts, py.DictOf(py.Str("a"), py.Str(strings.Repeat("x", n-9))), // {'a': 'x…'}
			py.DictOf(py.Str("a"), py.Int(1), py.Str("b"), py.Str(strings.Repeat("y", n-17))))
	}
	long := py.Str(strings.Repeat("word ", 40))
	dicts = append(dicts, py.DictOf(long, long), py.DictOf(py.Int(1), py.List{long, long}, py.Str("n"), py.DictOf(py.Str("m"), long)),
		py.DictOf(py.Tuple{py.Int(1), long}, py.Bytes(strings.Repeat("b", 200))), bigDict(5000))
	for _, d := range dicts {
		for _, f := range formats {
			for _, colour := range []bool{false, true} {
				var want, got bytes.Buffer
				if err := printer.New(&want, f, 80, colour).Value(d); err != nil {
					t.Fatal(err)
				}
				items := append([]py.Item(nil), d.Items()...)
				if err := printer.New(&got, f, 80, colour).DictItems(&slicePairs{items: items}); err != nil {
					t.Fatal(err)
				}
				if got.String() != want.String() {
					t.Errorf("-o %v colour %v: DictItems wrote\n%.300s\nunlike Value's\n%.300s", f, colour, got.String(), want.String())
				}
			}
		}
	}
	var out bytes.Buffer
	boom := errors.New("boom")
	for _, f := range formats {
		out.Reset()
		err := printer.New(&out, f, 80, false).DictItems(&slicePairs{items: bigDict(5000).Items(), err: boom})
		if err != boom {
			t.Fatalf("-o %v: error %v, want the source's", f, err)
		}
		if out.Len()%(32<<10) > 100 || out.Len() == 0 {
			t.Errorf("-o %v: wrote %d bytes before the error, want whole pieces of about 32 KB", f, out.Len())
		}
	}
}

// TestDictItemsRecursive checks that a json dict holding itself fails as
// Value fails, whichever path prints it.
func TestDictItemsRecursive(t *testing.T) {
	data := []byte("\xfbz\x01ar\x00\x00\x00\x00z\x01bi\x01\x00\x00\x000") // marshal: d = {'a': d, 'b': 1}
	for _, f := range formats {
		whole, items, streamed := printBothIn(marshal.Codec{}, data, f, false)
		if streamed || whole != items {
			t.Errorf("-o %v: streamed %v, Value %q, DictItems %q", f, streamed, whole, items)
		}
	}
	var out bytes.Buffer
	err := printer.New(&out, printer.JSON, 80, false).DictItems(&slicePairs{items: []py.Item{{Key: py.Str("a"), Value: &py.Recursive{Kind: "dict"}}}})
	if !errors.Is(err, printer.ErrRecursive) || out.Len() != 0 {
		t.Errorf("error %v after %q, want ErrRecursive and nothing written", err, out.String())
	}
}

// FuzzDictItems feeds payloads to both paths of pyrosh call, the first
// byte choosing the codec, and checks that they print the same or fail
// the same way (the streamed path may have printed part of the value).
func FuzzDictItems(f *testing.F) {
	for _, s := range dictDisplays() {
		f.Add(append([]byte{0}, s...))
	}
	for i, c := range dictCodecs {
		for _, d := range codectest.DictValues() {
			if data, err := c.Encode(nil, d); err == nil {
				f.Add(append([]byte{byte(i)}, data...))
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		c, colour := dictCodecs[int(data[0])%len(dictCodecs)], data[0]&4 != 0
		data = data[1:]
		for _, fm := range formats {
			whole, items, _ := printBothIn(c, data, fm, colour)
			if w, werr, failed := strings.Cut(whole, "\nerror: "); failed {
				_, ierr, _ := strings.Cut(items, "\nerror: ")
				if w != "" || ierr != werr {
					t.Fatalf("%s %q -o %v:\nValue     %q\nDictItems %q", c.Name(), data, fm, whole, items)
				}
				continue
			}
			if whole != items {
				t.Fatalf("%s %q -o %v:\nValue     %q\nDictItems %q", c.Name(), data, fm, whole, items)
			}
		}
	})
}

// TestDictItemsStaysLean reads a dict of 50,000 records pair by pair in
// each codec and checks that, half-way through, the heap holds little
// beyond the payload: the pairs already read are garbage, and the first
// pass kept 8 bytes a key.
func TestDictItemsStaysLean(t *testing.T) {
	if raceDetector {
		t.Skip("the race detector's instrumentation changes allocation figures; CI runs this without -race")
	}
	if testing.Short() {
		t.Skip("decodes five 3-4 MB payloads")
	}
	d := bigDict(50_000)
	for _, c := range dictCodecs {
		data, err := c.Encode(nil, d)
		if err != nil {
			t.Fatal(err)
		}
		var before, mid runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		pairs := codec.StreamDict(c, data, nil, nil)
		if pairs == nil {
			t.Fatalf("%s: not streamed", c.Name())
		}
		n := 0
		for {
			_, _, ok, err := pairs.Next()
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				break
			}
			if n++; n == 25_000 {
				runtime.GC()
				runtime.ReadMemStats(&mid)
			}
		}
		if n != 50_000 {
			t.Fatalf("%s: read %d pairs, want 50000", c.Name(), n)
		}
		live := mid.HeapAlloc - min(before.HeapAlloc, mid.HeapAlloc)
		t.Logf("%s: half-way through, %d bytes live for a %d-byte payload", c.Name(), live, len(data))
		if limit := uint64(1 << 20); live > limit {
			t.Errorf("%s: half-way through, %d bytes are live for a %d-byte payload, want under %d", c.Name(), live, len(data), limit)
		}
		runtime.KeepAlive(data)
	}
}
