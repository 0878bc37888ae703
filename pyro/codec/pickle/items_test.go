package pickle

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"reflect"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// decodeBoth is codectest.DecodeBoth under the default budget.
func decodeBoth(data []byte) (whole, items string, streamed bool) {
	return codectest.DecodeBoth(Codec{}, data, 0)
}

// checkWalked fails t when Decode, which skips finalize's walk when it
// has nothing to do (decoder.finish), and a decode that always walks
// disagree on data.
func checkWalked(t testing.TB, data []byte) {
	t.Helper()
	describe := func(v py.Value, err error) string {
		if err != nil {
			return "error " + err.Error()
		}
		return py.TypeName(v) + " " + py.Repr(v)
	}
	if fast, slow := scanWith(data, true), scanWith(data, false); !reflect.DeepEqual(fast, slow) {
		t.Fatalf("%q:\nscan with values %+v\nscan without     %+v", data, fast, slow)
	}
	d, _ := newDecoder(data, nil)
	d.walkAlways = true
	v, err := d.run()
	if err == nil {
		v, err = d.finalize(v)
	}
	if got, want := describe(decode(data, nil)), describe(v, err); got != want {
		t.Fatalf("%q:\nDecode  %.300s\nwalked  %.300s", data, got, want)
	}
}

// itemsPayloads are hand-written pickles around the streamed path:
// containers changed after their batch, the root list fetched again,
// the root popped, errors after some batches.
var itemsPayloads = []string{
	"\x80\x04]\x94.", "]\x94(K\x01K\x02e.", "]K\x01a.", "](K\x01eK\x02a(K\x03e.",
	// x = [] put as 1 and fetched after its batch: APPEND to it later.
	"\x80\x04]\x94(]\x94K\x01eh\x01K\x02a0(K\x03e.",
	// the same with a dict and SETITEM, and an instance BUILD
	"\x80\x04]\x94(}\x94K\x01eh\x01K\x02K\x03s0.",
	"\x80\x04]\x94(\x8c\x04uuid\x8c\x04UUID\x93)\x81\x94eh\x01}\x8c\x03int\x94K\x05sb0.",
	// the root fetched (a cycle), duplicated, popped, put twice
	"\x80\x04]\x94(h\x00e.", "\x80\x04]2a.", "\x80\x04]0K\x01.", "\x80\x04]\x94(K\x01e\x94(h\x01e.",
	"\x80\x04](K\x01e\x85.", "\x80\x04]K\x01\x86.",
	// broken after a first batch; past the nesting limit; a bad key
	"\x80\x04]\x94(K\x01e(K\x02", "\x80\x04]\x94(K\x01e(K\x02e", "\x80\x04]\x94(K\x01e}]s.",
	"\x80\x04]\x94(K\x01eh\x09.", "\x80\x04](K\x01e(" + nested(600) + "e.",
	"\x80\x04](K\x01e(" + nested(600) + "e(K\x02}]se.",
	// shared tuples, sets and a DUP inside a batch
	"\x80\x04](K\x01\x85\x94h\x01e(h\x01e.", "\x80\x04](\x8f\x94(K\x01\x90h\x01e.", "\x80\x04](]2e.",
	// a MARK before the list, a tuple, not a list
	"(]K\x01a.", "\x80\x04(K\x01t.", "\x80\x04K\x01.",
	// dicts filled in one go (setItems) against pair by pair: keys
	// equal across types, duplicates with and without an index, SETITEM
	// on an empty dict and after, a second SETITEMS, keys of other
	// types, an unhashable key
	"}(K\x01K\x02\x88K\x03G?\xf0\x00\x00\x00\x00\x00\x00K\x04u.",
	"}(K\x00NK\x01NK\x02NK\x03NK\x04NK\x05NK\x06NK\x07NK\x08NK\x09NK\x00K\x05u.",
	"}K\x01K\x02s.", "}K\x01K\x02sK\x03K\x04s.", "}K\x01K\x02sK\x01K\x03s.",
	"}(K\x01K\x02u(K\x01K\x03K\x05K\x06u.", "}(K\x01\x85K\x02u.", "}(]K\x02u.", "}(K\x01]K\x02K\x01u.",
	// quick's opcodes cut short, memo keys put and fetched around it
	"\x8c\x05ab", "J\x01\x02", "G\x00", "K", "\x80\x04]\x94(K\x01\x94K\x02q\x05h\x05e.",
	"]q\x00(K\x01q\x01e.", "(\x94.", "(q\x01.", "]\x94(\x8c\x01a\x94h\x01e.",
}

// nested is n levels of one-element tuples around None, as opcodes.
func nested(n int) string {
	s := "N"
	for range n {
		s += "\x85"
	}
	return s
}

func TestDecodeItemsMatchesDecode(t *testing.T) {
	for _, s := range itemsPayloads {
		if whole, items, _ := decodeBoth([]byte(s)); whole != items {
			t.Errorf("%q:\nDecode      %s\nDecodeItems %s", s, whole, items)
		}
		codectest.CheckItems(t, Codec{}, []byte(s), int64(len(s)))
		checkWalked(t, []byte(s))
	}
	for _, m := range pickleMessages(t) {
		checkWalked(t, m.Payload)
		if whole, items, _ := decodeBoth(m.Payload); whole != items {
			t.Errorf("%s:\nDecode      %s\nDecodeItems %s", m.Name, whole, items)
		}
	}
}

// TestDecodeItemsStreams checks which payloads are handed out element by
// element: a list the VM fills only by APPEND(S) at the bottom of the
// stack and never fetches again.
func TestDecodeItemsStreams(t *testing.T) {
	for s, want := range map[string]bool{
		"\x80\x04]\x94.": true, "]\x94(K\x01K\x02e.": true, "\x80\x04]\x94(]\x94K\x01eh\x01K\x02a0(K\x03e.": true,
		"\x80\x04]\x94(h\x00e.": false, "\x80\x04]2a.": false, "\x80\x04]0K\x01.": false,
		"\x80\x04]\x94(K\x01e\x94(h\x01e.": false, "\x80\x04](K\x01e\x85.": false, "\x80\x04]\x94(K\x01e(K\x02": false,
		"(]K\x01a.": false, "\x80\x04(K\x01t.": false, "\x80\x04K\x01.": false,
	} {
		if _, _, streamed := decodeBoth([]byte(s)); streamed != want {
			t.Errorf("%q: streamed %v, want %v", s, streamed, want)
		}
	}
}

// TestDecodeItemsPythonPickles compares the two paths on what Python's
// pickler writes at every protocol, for lists that share, hold
// themselves, span several APPENDS batches and hold the standard
// library's kinds.
func TestDecodeItemsPythonPickles(t *testing.T) {
	exprs := []string{
		"[]", "[1]", "list(range(2500))", "[[1]] * 3", "(lambda x: [x, [x], {'k': x}, x])([1, 2])",
		"(lambda l: (l.append(l), l)[1])([1, 2])", "(lambda l: [l, l, (l.append(l), l)[1]])([0])",
		"[{'id': i, 'name': 'item%d' % i, 'score': i * 0.5, 'tags': ['a', 'b']} for i in range(2100)]",
		"(lambda d: [d] * 1500 + [(d.__setitem__('x', [d]), d)[1]])({})",
		"[collections.OrderedDict(a=1), collections.deque([1]), uuid.UUID(int=3), decimal.Decimal('1.5'), {1, 2}, frozenset({3})]",
		"[datetime.date(2020, 1, 2)] * 1200 + [exc(), Pyro4.core.URI('PYRO:obj@localhost:1')]",
		"(1, 2, [3])", "[collections.defaultdict(list, {'a': [1]}), ValueError('x'), bytearray(b'a')]",
		"[int, [int], {'k': (int, 1)}, {int: 1}, collections.deque([[1]], 3)]", "[[[[[[1]]]]]] * 3",
		"[(lambda d: (d.__setitem__('x', [d]), d)[1])({}), 1]", "[Pyro4.Proxy('PYRO:obj@localhost:1')]",
	}
	var dumps [][]string
	codectest.RunPython(t, dumpsScript, exprs, &dumps)
	for i, expr := range exprs {
		for proto, h := range dumps[i][:6] {
			b, _ := hex.DecodeString(h)
			checkWalked(t, b)
			whole, items, streamed := decodeBoth(b)
			if whole != items {
				t.Errorf("%s protocol %d:\nDecode      %.300s\nDecodeItems %.300s", expr, proto, whole, items)
			}
			if proto >= 1 && expr == "list(range(2500))" && !streamed {
				t.Errorf("%s protocol %d: not streamed", expr, proto)
			}
		}
	}
}

// pythonBig writes what Python's pickler (protocol 4, no framing) writes
// for docs/bench/server.py's big(n): every container and str memoized,
// the four keys and the two tags fetched again in every record after the
// first, 1,000 records to an APPENDS.
func pythonBig(n int) []byte {
	b := []byte("\x80\x04]\x94")
	memo := 1
	keys := map[string]int{}
	str := func(s string, key bool) {
		if k, ok := keys[s]; ok {
			b = append(b, 'h', byte(k))
			return
		}
		if key {
			keys[s] = memo
		}
		b = append(b, 0x8c, byte(len(s)))
		b = append(b, s...)
		b = append(b, 0x94)
		memo++
	}
	key := func(s string) { str(s, true) }
	for i := range n {
		if i%1000 == 0 {
			b = append(b, '(')
		}
		b = append(b, '}', 0x94, '(')
		memo++
		key("id")
		b = append(b, 'J')
		b = binary.LittleEndian.AppendUint32(b, uint32(i))
		key("name")
		str(fmt.Sprintf("item%d", i), false)
		key("score")
		b = append(b, 'G')
		b = binary.BigEndian.AppendUint64(b, 0x3fe0000000000000)
		key("tags")
		b = append(b, ']', 0x94, '(')
		memo++
		key("a")
		key("b")
		b = append(b, 'e', 'u')
		if i%1000 == 999 || i == n-1 {
			b = append(b, 'e')
		}
	}
	return append(b, '.')
}

// TestDecodeItemsStaysLean reads a Python-shaped pickle of 100,000
// records element by element and checks that, half-way through, the heap
// holds little more than the payload: the memo keeps only the keys
// fetched again, and the elements already read are garbage.
func TestDecodeItemsStaysLean(t *testing.T) {
	if raceDetector {
		t.Skip("the race detector's instrumentation changes allocation figures; CI runs this without -race")
	}
	if testing.Short() {
		t.Skip("decodes 5 MB")
	}
	data := pythonBig(100_000)
	if whole, items, streamed := decodeBoth(pythonBig(3000)); whole != items || !streamed {
		t.Fatalf("3,000 records: streamed %v, equal %v", streamed, whole == items)
	}
	n, live := codectest.ItemsLiveHalfway(t, Codec{}, data, 50_000, func(v py.Value) {
		if py.Repr(v) != "{'id': 0, 'name': 'item0', 'score': 0.5, 'tags': ['a', 'b']}" {
			t.Fatalf("first element %s", py.Repr(v))
		}
	})
	if n != 100_000 {
		t.Fatalf("read %d elements, want 100000", n)
	}
	t.Logf("half-way through: %d bytes live for a %d-byte payload", live, len(data))
	if limit := uint64(2 << 20); live > limit {
		t.Errorf("half-way through, %d bytes are live for a %d-byte payload, want under %d", live, len(data), limit)
	}
}

// FuzzDecodeItems checks that DecodeItems gives what Decode gives: the
// same elements, or the same error, under the default budget and a
// tight one.
func FuzzDecodeItems(f *testing.F) {
	for _, s := range itemsPayloads {
		f.Add([]byte(s))
	}
	f.Add(pythonBig(1200))
	for _, m := range pickleMessages(f) {
		f.Add(m.Payload)
	}
	for _, v := range stdlibValues() {
		b, err := New().Encode(nil, py.List{v, v})
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		codectest.CheckItems(t, Codec{}, data, int64(len(data)))
		checkWalked(t, data)
	})
}
