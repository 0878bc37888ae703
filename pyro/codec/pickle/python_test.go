package pickle

import (
	"bytes"
	"encoding/hex"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
	"github.com/pyrosh/pyrosh/pyro/py"
)

var addr = regexp.MustCompile(`0x[0-9a-f]+`)

const loadsScript = `
import sys, json, pickle, Pyro4
out = []
for h in json.load(sys.stdin):
    try:
        out.append(repr(pickle.loads(bytes.fromhex(h))))
    except Exception as e:
        out.append("ERROR " + repr(e))
print(json.dumps(out))
`

func TestPythonLoadsOurPickles(t *testing.T) {
	big1, _ := new(big.Int).SetString("-123456789012345678901234567890", 10)
	values := []py.Value{
		py.None, py.Bool(true), py.Bool(false), py.Int(0), py.Int(255), py.Int(256), py.Int(65535), py.Int(65536),
		py.Int(-1), py.Int(-2147483648), py.Int(2147483648), py.Int(-128), py.Int(-129), py.Int(9223372036854775807),
		py.Int(-9223372036854775808), py.NewBigInt(big1), py.NewBigInt(new(big.Int).Lsh(big.NewInt(1), 2100)),
		py.Float(0.1), py.Float(math.Copysign(0, -1)), py.Float(1e22), py.Complex(complex(1, 2)), py.Complex(complex(-1.5, 0)),
		py.Str(""), py.Str("it's \"q\" é€😀\n\x00"), py.Str(string(bytes.Repeat([]byte("x"), 300))),
		py.Bytes{}, py.Bytes("\x00\xffab"), py.Bytes(bytes.Repeat([]byte{7}, 300)),
		py.Tuple{}, py.Tuple{py.Int(1)}, py.Tuple{py.Int(1), py.Int(2), py.Int(3), py.Int(4)},
		py.List{}, py.List{py.Int(1), py.List{py.Str("a")}}, make(py.List, 2500),
		py.DictOf(py.Str("b"), py.Int(1), py.Int(2), py.Tuple{py.Int(2)}, py.Tuple{py.Int(1), py.Str("x")}, py.None),
		&py.Set{}, &py.Set{Items: []py.Value{py.Int(1)}}, &py.FrozenSet{}, &py.FrozenSet{Items: []py.Value{py.Str("x")}},
		&py.Exception{Class: "builtins.ValueError", Args: py.Tuple{py.Str("bad"), py.Int(42)}},
		&py.Exception{Class: "Pyro4.errors.NamingError", Args: py.Tuple{py.Str("unknown name: x")}},
		py.DictOf(py.Str("__class__"), py.Str("Pyro4.core.URI"), py.Str("state"),
			py.Tuple{py.Str("PYRO"), py.Str("obj"), py.None, py.Str("localhost"), py.Int(9090)}),
		py.DictOf(py.Str("__class__"), py.Str("mymod.Thing"), py.Str("a"), py.Int(1)),
	}
	values = append(stdlibValues(), values...)
	want := make([]string, len(values))
	for i, v := range values {
		want[i] = py.Repr(v)
	}
	want[len(values)-2] = "<Pyro4.core.URI at 0x…; PYRO:obj@localhost:9090>"
	var in []string
	for _, v := range values {
		b, err := New().Encode(nil, v)
		if err != nil {
			t.Fatalf("encode %s: %v", py.Repr(v), err)
		}
		in = append(in, hex.EncodeToString(b))
	}
	var got []string
	codectest.RunPython(t, loadsScript, in, &got)
	for i := range values {
		g := addr.ReplaceAllString(got[i], "0x…")
		if g != want[i] {
			t.Errorf("python read %s\n        as %s", want[i], got[i])
		}
	}
}

func TestPythonLoadsEncodeCall(t *testing.T) {
	b, err := New().EncodeCall(nil, &codec.Call{Object: "thing", Method: "add", Args: []py.Value{py.Int(1), py.Int(2)}, Kwargs: py.DictOf(py.Str("k"), py.List{py.Bool(true)})})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	codectest.RunPython(t, loadsScript, []string{hex.EncodeToString(b)}, &got)
	if want := "('thing', 'add', (1, 2), {'k': [True]})"; got[0] != want {
		t.Errorf("got %s, want %s", got[0], want)
	}
}

const dumpsScript = `
import sys, json, pickle, datetime, decimal, uuid, collections, array, fractions
import Pyro4, Pyro4.errors
def exc():
    e = Pyro4.errors.NamingError("unknown name: x")
    e._pyroTraceback = ["Traceback (most recent call last):\n", "NamingError: unknown name: x\n"]
    return e
out = []
for expr in json.load(sys.stdin):
    v = eval(expr)
    out.append([pickle.dumps(v, p).hex() for p in range(6)] + [repr(v)])
print(json.dumps(out))
`

// TestDecodePythonPicklesAllProtocols decodes what Python's pickle.dumps
// writes for each protocol 0 to 5.
func TestDecodePythonPicklesAllProtocols(t *testing.T) {
	cases := []struct{ expr, want string }{
		{"None", "None"}, {"True", "True"}, {"False", "False"},
		{"0", "0"}, {"-1", "-1"}, {"255", "255"}, {"65536", "65536"}, {"-2**31", "-2147483648"},
		{"2**63", "9223372036854775808"}, {"-2**200", "-" + new(big.Int).Lsh(big.NewInt(1), 200).String()},
		{"0.1", "0.1"}, {"-0.0", "-0.0"}, {"float('inf')", "inf"}, {"1e-7", "1e-07"},
		{"complex(1, -2)", "(1-2j)"},
		{"''", "''"}, {`"it's \"q\" \\ é€😀\n\x00"`, `'it\'s "q" \\ é€😀\n\x00'`},
		{"b''", "b''"}, {`b'\x00\xff\n\\ab'`, `b'\x00\xff\n\\ab'`}, {"bytearray(b'xy')", "bytearray(b'xy')"},
		{"()", "()"}, {"(1,)", "(1,)"}, {"(1, 2, 3, 4)", "(1, 2, 3, 4)"},
		{"[]", "[]"}, {"[1, [2, 'a'], (3,)]", "[1, [2, 'a'], (3,)]"}, {"list(range(1500))[-2:]", "[1498, 1499]"},
		{"{}", "{}"}, {"{'a': 1, 2: 'b', (1, 2): None}", "{'a': 1, 2: 'b', (1, 2): None}"},
		{"set()", "set()"}, {"{1}", "{1}"}, {"frozenset()", "frozenset()"}, {"frozenset({'x'})", "frozenset({'x'})"},
		// want "" means Python's own repr of the value: the standard
		// library's value types decode to themselves.
		{"collections.OrderedDict([('z', 1), ('a', 2)])", ""}, {"collections.OrderedDict()", ""},
		{"collections.Counter('abracadabra')", ""}, {"collections.Counter()", ""},
		{"collections.defaultdict(list, {'a': [1]})", ""}, {"collections.defaultdict(None)", ""},
		{"collections.deque([1, [2]])", ""}, {"collections.deque([1, 2], maxlen=5)", ""}, {"collections.deque()", ""},
		{"decimal.Decimal('1.10')", ""}, {"decimal.Decimal('-0')", ""}, {"decimal.Decimal('NaN')", ""},
		{"decimal.Decimal('-Infinity')", ""}, {"decimal.Decimal('1E+3')", ""},
		{"fractions.Fraction(3, 4)", ""}, {"fractions.Fraction(-6, 3)", ""},
		{"datetime.datetime(2020, 1, 2, 3, 4, 5, 678)", ""}, {"datetime.datetime(2020, 1, 2)", ""},
		// Python writes fold only from protocol 4 on (datetime._getstate).
		{"[datetime.datetime(2020, 1, 2, 3, 4, 5, fold=1), datetime.time(1, fold=1)]", "4:"},
		{"datetime.datetime(2020, 1, 2, tzinfo=datetime.timezone(datetime.timedelta(hours=-5, minutes=-30)))", ""},
		{"datetime.datetime(2020, 1, 2, tzinfo=datetime.timezone.utc)", ""},
		{"datetime.datetime(2020, 1, 2, tzinfo=datetime.timezone(datetime.timedelta(hours=1), 'CET'))", ""},
		{"datetime.date(2020, 1, 2)", ""}, {"datetime.time(1, 2, 3)", ""}, {"datetime.time(0, 0)", ""},
		{"datetime.time(1, 2, 3, 4, tzinfo=datetime.timezone.utc)", ""},
		{"datetime.timedelta(days=1, microseconds=5)", ""}, {"datetime.timedelta(0)", ""}, {"datetime.timedelta(days=-1, seconds=5)", ""},
		{"datetime.timedelta(microseconds=-1)", ""}, {"datetime.timezone(datetime.timedelta(seconds=-3600))", ""},
		{"uuid.UUID(int=1)", ""}, {"uuid.UUID('12345678-1234-5678-1234-567812345678')", ""},
		{"array.array('i', [1, -2])", ""}, {"array.array('d', [0.5])", ""}, {"array.array('u', 'hé')", ""},
		{"array.array('b')", ""}, {"array.array('Q', [2**64-1])", ""}, {"array.array('f', [0.1])", ""},
		{"bytearray(b'\\x80abc')", ""}, {"bytearray()", ""},
		{"range(0, 3)", ""}, {"range(10, -5, -3)", ""}, {"range(2**70)", ""},
		{"slice(1, None, 2)", ""}, {"slice(None)", ""},
		{"[datetime.date(2020, 1, 2), decimal.Decimal('1.5'), {uuid.UUID(int=2): fractions.Fraction(1, 3)}]", ""},
		{"ValueError('v', 1)", "{'__class__': 'builtins.ValueError', '__exception__': True, 'args': ('v', 1), 'attributes': {}}"},
		{"exc()", "{'__class__': 'Pyro4.errors.NamingError', '__exception__': True, 'args': ('unknown name: x',), 'attributes': {'_pyroTraceback': ['Traceback (most recent call last):\\n', 'NamingError: unknown name: x\\n']}}"},
		{"Pyro4.core.URI('PYRO:obj@[::1]:5000')", "{'__class__': 'Pyro4.core.URI', 'state': ('PYRO', 'obj', None, '::1', 5000)}"},
		{"[[1]] * 2", "[[1], [1]]"},
	}
	checkPythonPickles(t, cases)
}

// checkPythonPickles decodes what Python pickles for each expression at
// protocols 0 to 5 and compares the repr with want: "" means Python's
// own repr, "N:" Python's repr from protocol N on.
func checkPythonPickles(t *testing.T, cases []struct{ expr, want string }) {
	t.Helper()
	var exprs []string
	for _, c := range cases {
		exprs = append(exprs, c.expr)
	}
	var dumps [][]string
	codectest.RunPython(t, dumpsScript, exprs, &dumps)
	for i, c := range cases {
		from := 0
		if w, ok := strings.CutSuffix(c.want, ":"); ok {
			from, _ = strconv.Atoi(w)
			c.want = ""
		}
		if c.want == "" {
			c.want = dumps[i][6]
		}
		for proto, h := range dumps[i][:6] {
			if proto < from {
				continue
			}
			b, _ := hex.DecodeString(h)
			checkWalked(t, b)
			v, err := New().Decode(b)
			if err != nil {
				t.Errorf("%s protocol %d: %v", c.expr, proto, err)
				continue
			}
			if got := py.Repr(v); got != c.want {
				t.Errorf("%s protocol %d:\n got %s\nwant %s", c.expr, proto, got, c.want)
			}
		}
	}
}

// TestDecodePythonProxy checks that a pickled Pyro4 Proxy becomes
// serpent's class dict and that our encoding of it reads back as a Proxy.
func TestDecodePythonProxy(t *testing.T) {
	var dumps [][]string
	codectest.RunPython(t, dumpsScript, []string{`(lambda p: (setattr(p, "_pyroHmacKey", b"k"), setattr(p, "_pyroMethods", {"m"}), p)[-1])(Pyro4.Proxy("PYRO:obj@localhost:1234"))`}, &dumps)
	b, _ := hex.DecodeString(dumps[0][4])
	v, err := New().Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	want := "{'__class__': 'Pyro4.core.Proxy', 'state': ('PYRO:obj@localhost:1234', (), ('m',), (), 0.0, 'b64:aw==', 'hello', 0, None)}"
	if got := py.Repr(v); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	enc, err := New().Encode(nil, v)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	codectest.RunPython(t, `
import sys, json, pickle, Pyro4
p = pickle.loads(bytes.fromhex(json.load(sys.stdin)[0]))
print(json.dumps([repr((type(p).__name__, str(p._pyroUri), p._pyroMethods, p._pyroHmacKey, p._pyroHandshake))]))
`, []string{hex.EncodeToString(enc)}, &got)
	if want := "('Proxy', 'PYRO:obj@localhost:1234', {'m'}, b'k', 'hello')"; got[0] != want {
		t.Errorf("python read our proxy as %s, want %s", got[0], want)
	}
}

// stdlibValues are one of each standard library kind the decoder builds.
func stdlibValues() []py.Value {
	name := "CET"
	ordered := &py.StdDict{Dict: py.DictOf(py.Str("z"), py.Int(1), py.Str("a"), py.Int(2)), Kind: py.OrderedDict}
	counter := &py.StdDict{Dict: py.DictOf(py.Str("a"), py.Int(1), py.Str("b"), py.Int(3)), Kind: py.Counter}
	dd := &py.StdDict{Dict: py.DictOf(py.Str("a"), py.List{py.Int(1)}), Kind: py.DefaultDict, Factory: &py.Class{Module: "builtins", Name: "list"}}
	three, _ := py.NewFraction(big.NewInt(3), big.NewInt(4))
	cet := &py.TimeZone{Offset: py.NewTimeDelta(0, 3600, 0), Name: &name}
	return []py.Value{
		ordered, counter, dd,
		&py.Deque{Items: []py.Value{py.Int(1), py.Int(2)}, MaxLen: py.Int(5)}, &py.Deque{MaxLen: py.None},
		py.Decimal("3.14159265358979323846264338327950288"), py.Decimal("-Infinity"), three,
		py.UUID{0x12, 0x34, 0x56, 0x78, 0x12, 0x34, 0x56, 0x78, 0x12, 0x34, 0x56, 0x78, 0x12, 0x34, 0x56, 0x78},
		py.ByteArray("\x80abc"), &py.Range{Start: py.Int(10), Stop: py.Int(-5), Step: py.Int(-3)},
		&py.Slice{Start: py.Int(1), Stop: py.None, Step: py.Int(2)},
		&py.Array{Code: "i", Items: []py.Value{py.Int(1), py.Int(-2)}}, &py.Array{Code: "d", Items: []py.Value{py.Float(0.5)}},
		&py.Array{Code: "u", Items: []py.Value{py.Str("hé")}}, &py.Array{Code: "B"},
		&py.Date{Year: 2017, Month: 9, Day: 28},
		&py.DateTime{Date: py.Date{Year: 2017, Month: 9, Day: 28}, Hour: 15, Minute: 7, Second: 1, Micro: 123456},
		&py.DateTime{Date: py.Date{Year: 2017, Month: 9, Day: 28}, Hour: 15, Fold: 1, TZ: cet},
		&py.Time{Hour: 1, Minute: 2, TZ: &py.TimeZone{}},
		&py.TimeDelta{Days: -1, Seconds: 5}, cet,
	}
}

// TestDecodeRecursivePickles decodes what Python pickles for values that
// hold themselves: the edge that closes the cycle prints as Python's repr
// prints it.
func TestDecodeRecursivePickles(t *testing.T) {
	cases := []struct{ expr, want string }{
		{"(lambda l: (l.append(l), l)[1])([1, 2])", ""},
		{"(lambda d: (d.__setitem__('self', d), d)[1])({'a': 1})", ""},
		{"(lambda l: (l.append((l,)), l)[1])([])", ""},
		{"(lambda t: (t[0].append(t), t)[1])(([],))", ""},
		{"(lambda l: [l, l, (l.append(l), l)[1]])([0])", ""},
		{"(lambda d: (d.__setitem__('x', [d, {'y': d}]), d)[1])({})", ""},
		{"(lambda q: (q.append(q), q)[1])(collections.deque([1]))", ""},
		{"(lambda d: (d.__setitem__('me', [d]), d)[1])(collections.defaultdict(list))", ""},
		{"(lambda d: (d.__setitem__('me', d), d)[1])(collections.defaultdict(None, {1: 2}))", ""},
		{"(lambda d: (d.__setitem__('me', d), d)[1])(collections.OrderedDict())", ""},
	}
	checkPythonPickles(t, cases)
}
