package pickle

import (
	"bytes"
	"encoding/hex"
	"math"
	"math/big"
	"regexp"
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
import sys, json, pickle, datetime, decimal, uuid, collections, array
import Pyro4, Pyro4.errors
def exc():
    e = Pyro4.errors.NamingError("unknown name: x")
    e._pyroTraceback = ["Traceback (most recent call last):\n", "NamingError: unknown name: x\n"]
    return e
out = []
for expr in json.load(sys.stdin):
    v = eval(expr)
    out.append([pickle.dumps(v, p).hex() for p in range(6)])
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
		{"b''", "b''"}, {`b'\x00\xff\n\\ab'`, `b'\x00\xff\n\\ab'`}, {"bytearray(b'xy')", "b'xy'"},
		{"()", "()"}, {"(1,)", "(1,)"}, {"(1, 2, 3, 4)", "(1, 2, 3, 4)"},
		{"[]", "[]"}, {"[1, [2, 'a'], (3,)]", "[1, [2, 'a'], (3,)]"}, {"list(range(1500))[-2:]", "[1498, 1499]"},
		{"{}", "{}"}, {"{'a': 1, 2: 'b', (1, 2): None}", "{'a': 1, 2: 'b', (1, 2): None}"},
		{"set()", "set()"}, {"{1}", "{1}"}, {"frozenset()", "frozenset()"}, {"frozenset({'x'})", "frozenset({'x'})"},
		{"collections.OrderedDict([('z', 1), ('a', 2)])", "{'z': 1, 'a': 2}"},
		{"decimal.Decimal('1.10')", "'1.10'"},
		{"datetime.datetime(2020, 1, 2, 3, 4, 5, 678)", "'2020-01-02T03:04:05.000678'"},
		{"datetime.datetime(2020, 1, 2, tzinfo=datetime.timezone(datetime.timedelta(hours=-5, minutes=-30)))", "'2020-01-02T00:00:00-05:30'"},
		{"datetime.date(2020, 1, 2)", "'2020-01-02'"}, {"datetime.time(1, 2, 3)", "'01:02:03'"},
		{"datetime.timedelta(days=1, microseconds=5)", "86400.000005"},
		{"uuid.UUID(int=1)", "'00000000-0000-0000-0000-000000000001'"},
		{"array.array('i', [1, -2])", "[1, -2]"}, {"array.array('d', [0.5])", "[0.5]"}, {"array.array('u', 'hé')", "'hé'"},
		{"ValueError('v', 1)", "{'__class__': 'builtins.ValueError', '__exception__': True, 'args': ('v', 1), 'attributes': {}}"},
		{"exc()", "{'__class__': 'Pyro4.errors.NamingError', '__exception__': True, 'args': ('unknown name: x',), 'attributes': {'_pyroTraceback': ['Traceback (most recent call last):\\n', 'NamingError: unknown name: x\\n']}}"},
		{"Pyro4.core.URI('PYRO:obj@[::1]:5000')", "{'__class__': 'Pyro4.core.URI', 'state': ('PYRO', 'obj', None, '::1', 5000)}"},
		{"[[1]] * 2", "[[1], [1]]"},
	}
	var exprs []string
	for _, c := range cases {
		exprs = append(exprs, c.expr)
	}
	var dumps [][]string
	codectest.RunPython(t, dumpsScript, exprs, &dumps)
	for i, c := range cases {
		for proto, h := range dumps[i] {
			b, _ := hex.DecodeString(h)
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
