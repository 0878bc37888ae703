package pickle

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

func TestDecodeNeverRunsGlobals(t *testing.T) {
	marker := filepath.Join(t.TempDir(), "pwned")
	cases := []struct{ name, pickle, want string }{
		{"os.system by GLOBAL", "cos\nsystem\n(S'touch " + marker + "'\ntR.",
			"{'__class__': 'os.system', 'args': ('touch " + marker + "',)}"},
		{"os.system by STACK_GLOBAL", "\x80\x04\x8c\x02os\x8c\x06system\x93\x8c\x07touch x\x85R.",
			"{'__class__': 'os.system', 'args': ('touch x',)}"},
		{"builtins.eval", "\x80\x02c__builtin__\neval\nX\x0c\x00\x00\x00__import__()\x85R.",
			"{'__class__': 'builtins.eval', 'args': ('__import__()',)}"},
		{"getattr chain", "c__builtin__\ngetattr\n(c__builtin__\nobject\nS'__subclasses__'\ntR.",
			"{'__class__': 'builtins.getattr', 'args': ({'__class__': 'builtins.type', 'name': 'builtins.object'}, '__subclasses__')}"},
		{"INST subprocess", "(S'id'\nisubprocess\nPopen\n.", "{'__class__': 'subprocess.Popen', 'args': ('id',)}"},
		{"OBJ", "(cos\nsystem\nS'id'\no.", "{'__class__': 'os.system', 'args': ('id',)}"},
		{"NEWOBJ + BUILD", "\x80\x02cos\nsystem\n)\x81}S'a'\nK\x01sb.", "{'__class__': 'os.system', 'a': 1}"},
		{"BUILD cannot overwrite __class__", "\x80\x02cmymod\nC\n)\x81}S'__class__'\nS'Pyro4.core.URI'\nsb.", "{'__class__': 'mymod.C'}"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, err := New().Decode([]byte(c.pickle))
			if err != nil {
				t.Fatal(err)
			}
			if got := py.Repr(v); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("a pickle ran a command")
	}
}

func TestDecodeRejects(t *testing.T) {
	deep := strings.Repeat("]", codec.MaxDepth+1) + strings.Repeat("a", codec.MaxDepth) + "."
	// laughs: memo 0 = [0, 0]; then 60 times: memo n = [memo n-1, memo n-1].
	var laughs bytes.Buffer
	laughs.WriteString("\x80\x04(K\x00K\x00l\x94")
	for i := 0; i < 60; i++ {
		laughs.WriteString("(h" + string(rune(i)) + "h" + string(rune(i)) + "l\x94")
	}
	laughs.WriteString(".")
	cases := []struct{ name, pickle, want string }{
		{"empty", "", "without STOP"},
		{"no STOP", "\x80\x04N", "without STOP"},
		{"protocol 6", "\x80\x06N.", "unsupported pickle protocol 6"},
		{"persistent id", "Pabc\n.", "persistent ids"},
		{"binary persistent id", "\x80\x02NQ.", "persistent ids"},
		{"extension code", "\x80\x02\x82\x01.", "extension codes"},
		{"out-of-band buffer", "\x80\x05\x97.", "out-of-band"},
		{"memo key huge", "\x80\x02Nr\xff\xff\xff\xff.", "memo key 4294967295 out of range"},
		{"memo get missing", "\x80\x02h\x05.", "memo key 5 not found"},
		{"LONG4 longer than input", "\x80\x02\x8b\xff\xff\xff\x7f\x00.", "exceeds the limit"},
		{"LONG4 negative", "\x80\x02\x8b\xff\xff\xff\xff.", "negative length"},
		{"BINUNICODE8 huge", "\x80\x04\x8d\xff\xff\xff\xff\xff\xff\xff\x7f.", "truncated pickle"},
		{"BINBYTES longer than input", "\x80\x03B\x10\x00\x00\x00ab.", "truncated pickle"},
		{"FRAME past end", "\x80\x04\x95\x00\x00\x01\x00\x00\x00\x00\x00N.", "frame of"},
		{"stack underflow", "\x80\x02a.", "stack underflow"},
		{"pop past mark", "N(0a.", "stack underflow"},
		{"mark missing", "\x80\x02t.", "mark not found"},
		{"unknown opcode", "\xff.", "unknown opcode 0xff"},
		{"nested too deep", deep, "nested deeper than"},
		{"billion laughs", laughs.String(), "exceeds"},
		{"unhashable key", "\x80\x02}]]s.", "unhashable"},
		{"REDUCE on int", "\x80\x02K\x01)R.", "REDUCE on int"},
		{"STACK_GLOBAL non-str", "\x80\x04K\x01K\x02\x93.", "STACK_GLOBAL"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, err := New().Decode([]byte(c.pickle))
			if err == nil {
				t.Fatalf("decoded %s, want error containing %q", py.Repr(v), c.want)
			}
			var ce *codec.Error
			if !errors.As(err, &ce) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q, want a codec.Error containing %q", err, c.want)
			}
		})
	}
}

func TestDecodeManyMarksIsBounded(t *testing.T) {
	in := bytes.Repeat([]byte("("), 1<<20)
	if _, err := New().Decode(in); err == nil {
		t.Fatal("a million marks decoded")
	}
}

func TestDecodeEveryPrefixOfEveryCapture(t *testing.T) {
	for _, m := range pickleMessages(t)[:40] {
		for i := 0; i < len(m.Payload); i++ {
			if _, err := New().Decode(m.Payload[:i]); err == nil {
				t.Errorf("%s: prefix of %d bytes decoded", m.Name, i)
			}
		}
	}
}

func TestDecodeCallShapes(t *testing.T) {
	if _, err := New().DecodeCall([]byte("\x80\x02K\x01.")); err == nil {
		t.Error("an int decoded as a call")
	}
	// vargs as list and kwargs None, as a Python 2 client might send.
	c, err := New().DecodeCall([]byte("(S'o'\nS'm'\n(lp0\nI1\naNt."))
	if err != nil {
		t.Fatal(err)
	}
	if c.Object != "o" || c.Method != "m" || len(c.Args) != 1 || c.Kwargs.Len() != 0 {
		t.Errorf("got %+v", c)
	}
}

func TestEncodeRefuses(t *testing.T) {
	cases := []py.Value{
		&py.Exception{Class: "os.system", Args: py.Tuple{py.Str("id")}},
		py.DictOf(py.Str("__class__"), py.Str("os.system"), py.Str("__exception__"), py.Bool(true)),
		py.Str("\xff"),
	}
	for _, v := range cases {
		if b, err := New().Encode(nil, v); err == nil {
			t.Errorf("encoded %s as %q", py.Repr(v), b)
		}
	}
	deep := py.Value(py.List{})
	for i := 0; i < codec.MaxDepth+1; i++ {
		deep = py.List{deep}
	}
	if _, err := New().Encode(nil, deep); err == nil {
		t.Error("encoded a list nested past MaxDepth")
	}
}

func TestUnsupported(t *testing.T) {
	err := Unsupported("dill")
	if err.Error() != "serializer dill is not supported by pyrosh (it runs code)" || !errors.Is(err, ErrUnsupported) {
		t.Errorf("got %v", err)
	}
}

// TestDupSharesLikeTheMemo: DUP makes one value reachable twice without
// the memo; a list appended to itself through DUP is a cycle, and nested
// DUPs share without blowing up.
func TestDupSharesLikeTheMemo(t *testing.T) {
	v, err := New().Decode([]byte("\x80\x02]2a."))
	if err != nil || py.Repr(v) != "[[...]]" {
		t.Errorf("list appended to itself by DUP: %v, %v", v, err)
	}
	// [l, l] where l = [x, x] where x = [...] 40 levels deep: 2**40 leaves
	// as a tree, refused by the size bound instead of printed forever.
	p := []byte("\x80\x02N")
	for range 40 {
		p = append(p, "2\x86"...) // DUP, TUPLE2
	}
	p = append(p, '.')
	if _, err := New().Decode(p); err == nil || !strings.Contains(err.Error(), "exceeds") {
		t.Errorf("DUP bomb: %v", err)
	}
}

// TestMemoKeepsFetchedKeys: the memo keeps the keys a GET fetches,
// counts every key put, and has nothing for the others.
func TestMemoKeepsFetchedKeys(t *testing.T) {
	keep := make([]int32, 70001)
	for _, k := range []int{3, 0, 4095, 70000} {
		keep[k] = 1
	}
	m := newMemo(keep)
	for _, k := range []uint64{5000, 3, 0, 4095, 4096, 70000} {
		if kept := m.put(k, py.Int(k)); kept != (keep[min(k, 70000)] != 0 && k <= 70000) {
			t.Errorf("put(%d) kept %v", k, kept)
		}
	}
	for _, k := range []uint64{3, 0, 4095, 70000} {
		if v := m.get(k); v != py.Int(k) {
			t.Errorf("get(%d) = %v", k, v)
		}
	}
	for _, k := range []uint64{1, 100, 4096, 5000, 69999, 70001, 1 << 40} {
		if v := m.get(k); v != nil {
			t.Errorf("get(%d) = %v, want unset", k, v)
		}
	}
	if m.len() != 70001 {
		t.Errorf("len = %d, want 70001", m.len())
	}
}
