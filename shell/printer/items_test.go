package printer_test

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
	"github.com/pyrosh/pyrosh/pyro/codec/serpent"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/shell/printer"
)

// printBoth prints a serpent RESULT payload in format f as pyrosh call
// does on both paths: decoded whole and printed with Value, and read
// element by element (pyro.DecodeItems with no size floor) and printed
// with Items. Each outcome is the output, then the error if any;
// streamed says the second path did read element by element.
func printBoth(data []byte, f printer.Format) (whole, items string, streamed bool) {
	return printBothIn(serpent.Codec{}, data, f, false)
}

// printBothIn is printBoth for a payload in codec c, colour on or off; a
// dict is printed with DictItems.
func printBothIn(c codec.Codec, data []byte, f printer.Format, colour bool) (whole, items string, streamed bool) {
	run := func(minSize int) string {
		var out bytes.Buffer
		p := printer.New(&out, f, 80, colour)
		v, it, err := pyro.DecodeItems(c, data, minSize)
		switch {
		case err != nil:
		case it != nil && it.IsDict():
			// As pyrosh call prints a dict (cli's printItems).
			if v, err = it.Whole(); err == nil && v != nil {
				err = p.Value(v)
				break
			}
			if err == nil {
				streamed = true
				err = p.DictItems(it)
			}
		case it != nil:
			streamed = true
			err = p.Items(it)
		default:
			err = p.Value(v)
		}
		if err != nil {
			return out.String() + "\nerror: " + err.Error()
		}
		return out.String()
	}
	whole = run(math.MaxInt)
	streamed = false
	items = run(0)
	return whole, items, streamed
}

// elementLiterals are elements of the lists and tuples below: every kind
// of value, Pyro's class dicts (a URI, a proxy, an exception) and
// serpent's (bytes, nan), nested or not.
var elementLiterals = []string{
	"None", "True", "0", "-7", "12345678901234567890123456789", "-12345678901234567890", "0.5", "-0.0", "1e300",
	"1e30000", "-1e30000", "(1+2j)", "''", "'a'", "'é€😀'", "'\\x00\\n\\t\"\\''", "'\\u2028'",
	"{'data':'AP9hYg==','encoding':'base64'}", "{'__class__':'float','value':'nan'}",
	"{'data':'!!','encoding':'base64'}", "[]", "()", "{}", "(1,)", "[1, [2, (3,)]]", "{1, 2}", "frozenset({3})",
	"{'a': 1, 2: 'b', (1, 2): [None], None: {}}",
	"{'__class__':'Pyro4.core.URI','state':('PYRO','obj',None,'localhost',9090)}",
	"{'__class__':'Pyro4.core.Proxy','state':('PYRO:obj@localhost:9090',(),('a','b'),(),0.0,None,'hello',0,None)}",
	"{'__class__':'builtins.ValueError','__exception__':True,'args':('bad', 1),'attributes':{'_pyroTraceback':['tb\\n'],'x':[{'__class__':'Pyro4.core.URI','state':('PYRO','o',None,'h',1)}]}}",
	"{'__class__':'Unknown','state':1}", "[{'__class__':'Pyro4.core.URI','state':('PYRO','obj',None,'localhost',9090)}]",
	"{'id': 0, 'name': 'item0', 'score': 0.0, 'tags': ['a', 'b']}",
}

// displays builds the payloads of the table: each element alone and
// twice, in a list and in a tuple, and the empty ones.
func displays() []string {
	out := []string{serpent.Header + "[]", serpent.Header + "()", serpent.Header + "(\n)"}
	for _, e := range elementLiterals {
		out = append(out, serpent.Header+"["+e+"]", serpent.Header+"("+e+",)",
			serpent.Header+"["+e+","+e+"]", serpent.Header+"("+e+", "+e+")", serpent.Header+"[0,"+e+",]")
	}
	return out
}

var formats = []printer.Format{printer.Repr, printer.JSON, printer.Pretty}

func TestItemsPrintsAsValue(t *testing.T) {
	for _, src := range displays() {
		for _, f := range formats {
			whole, items, streamed := printBoth([]byte(src), f)
			if !streamed {
				t.Errorf("%q was not read element by element", src)
			}
			if whole != items {
				t.Errorf("%q -o %v:\nValue %q\nItems %q", src, f, whole, items)
			}
		}
	}
}

// TestItemsConvertsClassDicts makes sure the table reaches the class
// dict conversions (a test of equal output could pass with none).
func TestItemsConvertsClassDicts(t *testing.T) {
	_, got, _ := printBoth([]byte(serpent.Header+"["+strings.Join(elementLiterals[len(elementLiterals)-6:len(elementLiterals)-2], ",")+"]"), printer.Repr)
	want := "[<Pyro URI PYRO:obj@localhost:9090>, <Pyro proxy PYRO:obj@localhost:9090>, ValueError('bad', 1), {'__class__': 'Unknown', 'state': 1}]\n"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// TestItemsBrokenPayload checks that a payload broken part-way gives the
// error of the whole decode, after the elements before the break.
func TestItemsBrokenPayload(t *testing.T) {
	src := serpent.Header + "[1, 2, @, 4]"
	for _, f := range formats {
		whole, items, streamed := printBoth([]byte(src), f)
		if !streamed {
			t.Fatalf("%q was not read element by element", src)
		}
		if _, werr, _ := strings.Cut(whole, "\nerror: "); !strings.HasSuffix(items, "\nerror: "+werr) || werr == "" {
			t.Errorf("-o %v: Value gave %q, Items %q", f, whole, items)
		}
	}
}

type sliceItems struct {
	tuple bool
	items []py.Value
	err   error
}

func (s *sliceItems) IsTuple() bool { return s.tuple }

func (s *sliceItems) Next() (py.Value, bool, error) {
	if len(s.items) == 0 {
		return nil, false, s.err
	}
	v := s.items[0]
	s.items = s.items[1:]
	return v, true, nil
}

// TestItemsLargeOutput prints more than one 32 KB piece, so the pieces
// join up, and checks that an error from the source drops the unwritten
// rest.
func TestItemsLargeOutput(t *testing.T) {
	elems := codectest.SmallDicts(5000)
	long := py.Str(strings.Repeat("word ", 40))
	for _, tt := range []struct {
		tuple bool
		items []py.Value
	}{
		{false, elems}, {true, elems}, {true, []py.Value{long}}, {false, []py.Value{long}},
		{true, []py.Value{py.Int(1), long}}, {false, []py.Value{long, py.List{long}, py.Tuple{long}}},
		{false, []py.Value{py.Str(strings.Repeat("x", 76))}}, {true, []py.Value{py.Str(strings.Repeat("x", 75))}},
	} {
		var v py.Value = py.List(tt.items)
		if tt.tuple {
			v = py.Tuple(tt.items)
		}
		for _, f := range formats {
			var want, got bytes.Buffer
			if err := printer.New(&want, f, 80, false).Value(v); err != nil {
				t.Fatal(err)
			}
			if err := printer.New(&got, f, 80, false).Items(&sliceItems{tuple: tt.tuple, items: tt.items}); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("-o %v: Items wrote\n%.300s\nunlike Value's\n%.300s", f, got.String(), want.String())
			}
		}
	}
	var out bytes.Buffer
	boom := errors.New("boom")
	err := printer.New(&out, printer.JSON, 80, false).Items(&sliceItems{items: elems, err: boom})
	if err != boom {
		t.Fatalf("error %v, want the source's", err)
	}
	if out.Len()%(32<<10) > 100 || out.Len() == 0 {
		t.Errorf("wrote %d bytes before the error, want whole pieces of about 32 KB", out.Len())
	}
}

// FuzzItems feeds serpent payloads to both paths of pyrosh call and
// checks that they print the same, or fail the same way (Items may have
// printed part of the value first).
func FuzzItems(f *testing.F) {
	for _, s := range displays() {
		f.Add([]byte(s))
	}
	for _, m := range codectest.CapturesIn(f, codec.IDSerpent, "*/*.json") {
		if m.Type == 5 { // RESULT
			f.Add(m.Payload)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, fm := range formats {
			whole, items, _ := printBoth(data, fm)
			if w, werr, failed := strings.Cut(whole, "\nerror: "); failed {
				// Value prints nothing when the decode fails; Items may
				// have printed the elements before the break.
				_, ierr, _ := strings.Cut(items, "\nerror: ")
				if w != "" || ierr != werr {
					t.Fatalf("%q -o %v:\nValue %q\nItems %q", data, fm, whole, items)
				}
				continue
			}
			if whole != items {
				t.Fatalf("%q -o %v:\nValue %q\nItems %q", data, fm, whole, items)
			}
		}
	})
}
