package printer

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"

	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pyrosh/pyrosh/pyro/codec/pickle"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

// pprintCases are Python expressions printed at the given widths; the
// oracle adds random values too.
var pprintCases = []struct {
	expr   string
	widths []int
}{
	{`None`, []int{1, 80}},
	{`[1, 2, 3]`, []int{1, 5, 9, 80}},
	{`(1,)`, []int{1, 3, 4}},
	{`((1, 2), (3,), ())`, []int{1, 8, 12, 80}},
	{`list(range(40))`, []int{20, 80}},
	{`{"a": 1, "b": [1, 2, 3], 3: None, (1, 2): {"x": "y"}}`, []int{1, 10, 20, 30, 80}},
	{`{"key": {"nested": {"deeper": [1, 2, {"k": "v" * 30}]}}}`, []int{10, 30, 50, 80}},
	{`"the quick brown fox jumps over the lazy dog " * 5`, []int{1, 20, 40, 80}},
	{`["the quick brown fox jumps over the lazy dog " * 3]`, []int{20, 40}},
	{`{"k": "the quick brown fox jumps over the lazy dog " * 3}`, []int{20, 40}},
	{`"line one\nline two\r\nline three\x0bfour\x1cfive\u2028six"`, []int{5, 15, 80}},
	{`"it's a \"quoted\" word and it's fine " * 4`, []int{15, 30}},
	{`"日本語のテキスト " * 20`, []int{20, 40}},
	{`"\udcff\udc80 surrogate escapes " * 5`, []int{20}},
	{`{"k\udcff": ["\ud800", "\udfff\ud800", "ok"]}`, []int{20, 30, 80}},
	{`"aa\x1cbb\x1ccc dd ee\x1dff gg\x1e"`, []int{10, 14, 16, 18, 20, 24}},
	{`"   leading spaces then words   " * 3`, []int{10}},
	{`b"\x00\x01abc\xff'\"" * 8`, []int{1, 10, 20, 40, 80}},
	{`bytes(range(64))`, []int{20, 50}},
	{`[b"abcdefgh" * 3, b"abcdefghi" * 3]`, []int{15, 20}},
	{`b"abcdefgh"`, []int{5, 10, 11, 12, 13, 14}},
	{`{1, 2, 3, 10, -5}`, []int{1, 5, 80}},
	{`{"pear", "apple", "fig", "banana"}`, []int{10, 80}},
	{`{None, 1, 2.5, "a", b"x", (1, "z"), True}`, []int{5, 80}},
	{`frozenset({3, 1, 2})`, []int{1, 5, 80}},
	{`[frozenset({"bb", "a"}), set(), frozenset()]`, []int{1, 10}},
	{`{2**70, -2**65, 1.5, 0}`, []int{5}},
	{`{2**53 + 1, 9007199254740994.0, 9007199254740990, float("-inf"), True}`, []int{5}},
	{`{(1, "b"), (1, "a"), (0, "z", 1), (0, "z")}`, []int{5}},
	{`[2**100, -3**80, 1e22, 1e-7, -0.0, float("inf"), float("nan"), 1+2j, -1j]`, []int{10, 40}},
	{`[[[[[[1, 2, 3]]]]], [[[[4, 5, 6]]]]]`, []int{1, 10, 20}},
	{`{"a": ("long value " * 5,)}`, []int{20, 40}},
	{`[{"id": i, "name": "item %d" % i, "tags": ["x", "y"]} for i in range(3)]`, []int{30, 80}},
	{`""`, []int{1}},
	{`("a" * 100,)`, []int{40}},
	{`[""] * 3`, []int{1}},
	{`{"x": ""}`, []int{1}},
	// The standard library's value types (pickle decodes them as themselves).
	{`collections.OrderedDict([("b", 1), ("a", [1, 2, 3]), ("c", "x" * 20)])`, []int{1, 20, 40, 80}},
	{`collections.OrderedDict()`, []int{1}},
	{`collections.Counter("abracadabra alakazam")`, []int{1, 20, 40, 80}},
	{`collections.defaultdict(list, {"a": [1, 2, 3], "b": ["x" * 30]})`, []int{1, 20, 40, 80}},
	{`collections.defaultdict(None)`, []int{1}},
	{`collections.deque([1, [2, 3], "x" * 30])`, []int{1, 20, 80}},
	{`collections.deque([1, 2, 3, "x" * 20], maxlen=10)`, []int{1, 20, 80}},
	{`bytearray(b"\x00\x01abc\xff" * 8)`, []int{1, 20, 80}},
	{`[decimal.Decimal("3.14159265358979323846264338327950288"), fractions.Fraction(3, 4), uuid.UUID(int=5)]`, []int{1, 40, 80}},
	{`{"when": datetime.datetime(2017, 9, 28, 15, 7, 1, 123456, tzinfo=datetime.timezone(datetime.timedelta(hours=2))), "d": datetime.date(2020, 1, 2), "t": datetime.time(1, 2), "td": datetime.timedelta(days=-1, seconds=5)}`, []int{1, 40, 80}},
	{`[array.array("i", [1, 2, 3]), array.array("u", "hi"), array.array("d"), range(0, 3), range(10, -5, -3), slice(1, None, 2), datetime.timezone.utc]`, []int{1, 40, 80}},
}

type oracleResult struct {
	Tree   any               `json:"tree"`
	Repr   string            `json:"repr"`
	Pretty map[string]string `json:"pretty"`
}

func runPprintOracle(t *testing.T, random int) []oracleResult {
	t.Helper()
	pyrotest.RequirePyro4(t)
	var req struct {
		Cases  [][]any `json:"cases"`
		Random int     `json:"random"`
		Seed   int64   `json:"seed"`
	}
	for _, c := range pprintCases {
		req.Cases = append(req.Cases, []any{c.expr, c.widths})
	}
	req.Random, req.Seed = random, 1
	in, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, pyrotest.Python, "testdata/pprint_oracle.py")
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pprint oracle: %v: %s", err, stderr.String())
	}
	var res []oracleResult
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("pprint oracle output: %v", err)
	}
	return res
}

// fromTree rebuilds a value from the oracle's description of it.
func fromTree(t *testing.T, x any) py.Value {
	t.Helper()
	switch x := x.(type) {
	case nil:
		return py.None
	case bool:
		return py.Bool(x)
	case map[string]any:
		for k, v := range x {
			switch k {
			case "i":
				b, ok := new(big.Int).SetString(v.(string), 10)
				if !ok {
					t.Fatalf("bad int %v", v)
				}
				return py.NewBigInt(b)
			case "f":
				return py.Float(parseFloat(t, v.(string)))
			case "c":
				p := v.([]any)
				return py.Complex(complex(parseFloat(t, p[0].(string)), parseFloat(t, p[1].(string))))
			case "s":
				return py.Str(decodeB64(t, v))
			case "b":
				return py.Bytes(decodeB64(t, v))
			case "t":
				return py.Tuple(fromTrees(t, v))
			case "l":
				return py.List(fromTrees(t, v))
			case "set":
				return &py.Set{Items: fromTrees(t, v)}
			case "fs":
				return &py.FrozenSet{Items: fromTrees(t, v)}
			case "pickle":
				v, err := pickle.New().Decode(decodeB64(t, v))
				if err != nil {
					t.Fatal(err)
				}
				return v
			case "d":
				d := py.NewDict(0)
				for _, kv := range v.([]any) {
					p := kv.([]any)
					if err := d.Set(fromTree(t, p[0]), fromTree(t, p[1])); err != nil {
						t.Fatal(err)
					}
				}
				return d
			}
		}
	}
	t.Fatalf("unknown tree %v", x)
	return nil
}

func fromTrees(t *testing.T, v any) []py.Value {
	var out []py.Value
	for _, x := range v.([]any) {
		out = append(out, fromTree(t, x))
	}
	return out
}

func parseFloat(t *testing.T, s string) float64 {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func decodeB64(t *testing.T, v any) []byte {
	b, err := base64.StdEncoding.DecodeString(v.(string))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func render(t testing.TB, v py.Value, f Format, width int, colour bool) string {
	t.Helper()
	var buf bytes.Buffer
	if err := New(&buf, f, width, colour).Value(v); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestPrettyMatchesPprint compares the pretty format, colour off, with
// pprint.pformat(v, width=W, sort_dicts=False) byte for byte, and the repr
// format with repr(), for a table of values and 300 random ones.
func TestPrettyMatchesPprint(t *testing.T) {
	results := runPprintOracle(t, 300)
	failures := 0
	for i, r := range results {
		v := fromTree(t, r.Tree)
		name := fmt.Sprintf("value %d", i)
		if i < len(pprintCases) {
			name = pprintCases[i].expr
		}
		if got := strings.TrimSuffix(render(t, v, Repr, 80, true), "\n"); got != r.Repr {
			t.Errorf("%s: repr\n got %s\nwant %s", name, got, r.Repr)
		}
		for ws, want := range r.Pretty {
			w, _ := strconv.Atoi(ws)
			got := strings.TrimSuffix(render(t, v, Pretty, w, false), "\n")
			if got != want {
				failures++
				if failures <= 10 {
					t.Errorf("%s at width %d (-pprint +ours):\n%s", name, w, cmp.Diff(want, got))
				}
			}
			coloured := render(t, v, Pretty, w, true)
			if stripANSI(coloured) != got+"\n" {
				t.Errorf("%s at width %d: colour changed the layout", name, w)
			}
		}
	}
	if failures > 10 {
		t.Errorf("%d mismatches in all", failures)
	}
}

func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b {
			for i < len(s) && s[i] != 'm' {
				i++
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
