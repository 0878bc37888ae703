package printer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/shell/iostreams"
)

func TestParseFormat(t *testing.T) {
	for _, f := range []Format{Pretty, Repr, JSON} {
		got, err := ParseFormat(f.String())
		if err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %v, %v", f.String(), got, err)
		}
	}
	_, err := ParseFormat("yaml")
	if err == nil || !strings.Contains(err.Error(), `"yaml"`) || !strings.Contains(err.Error(), "pretty, repr or json") {
		t.Errorf("ParseFormat(yaml) error = %v", err)
	}
}

func longList() py.Value {
	var l py.List
	for i := 0; i < 30; i++ {
		l = append(l, py.Int(i*1000))
	}
	return l
}

func TestDefaultWidthIs80(t *testing.T) {
	v := longList()
	if got, want := render(t, v, Pretty, 0, false), render(t, v, Pretty, 80, false); got != want {
		t.Errorf("width 0 gives\n%s\nwidth 80 gives\n%s", got, want)
	}
	if render(t, v, Pretty, 0, false) == render(t, v, Pretty, 200, false) {
		t.Error("the test value does not depend on the width")
	}
}

// TestColorDecisionFromIOStreams checks the printer against the decision of
// shell/iostreams: --color always on a pipe colours, NO_COLOR in auto mode
// does not, whatever fatih/color decided at start-up.
func TestColorDecisionFromIOStreams(t *testing.T) {
	v := py.DictOf(py.Str("a"), py.List{py.Int(1), py.None})
	cases := []struct {
		name    string
		mode    string
		tty     bool
		noColor string
		want    bool
	}{
		{"always with stdout piped", "always", false, "", true},
		{"auto with NO_COLOR on a terminal", "auto", true, "1", false},
		{"auto on a terminal", "auto", true, "", true},
		{"never on a terminal", "never", true, "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ios, _, out, _ := iostreams.Test()
			ios.SetStdoutTTY(c.tty)
			ios.SetEnv("NO_COLOR", c.noColor)
			if err := ios.SetColorMode(c.mode); err != nil {
				t.Fatal(err)
			}
			p := New(ios.Out, Pretty, ios.TerminalWidth(), ios.ColorEnabled())
			if err := p.Value(v); err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(out.String(), "\x1b["); got != c.want {
				t.Errorf("escapes in %q: %v, want %v", out.String(), got, c.want)
			}
			if stripANSI(out.String()) != "{'a': [1, None]}\n" {
				t.Errorf("text is %q", stripANSI(out.String()))
			}
		})
	}
}

func TestReprIsNeverColoured(t *testing.T) {
	v := py.List{py.Str("x"), py.Int(1), &py.FrozenSet{Items: []py.Value{py.None}}}
	if got := render(t, v, Repr, 80, true); got != py.Repr(v)+"\n" {
		t.Errorf("repr output %q, want %q", got, py.Repr(v)+"\n")
	}
}

// TestReprMatchesPyRepr checks the token writer against py.Repr for every
// kind, including the corners of tuples, sets and exceptions.
func TestReprMatchesPyRepr(t *testing.T) {
	values := []py.Value{
		nil, py.None, py.Tuple{}, py.Tuple{py.Int(1)}, py.Tuple{py.Int(1), py.Int(2)},
		&py.Set{}, &py.Set{Items: []py.Value{py.Int(1)}}, &py.FrozenSet{},
		&py.FrozenSet{Items: []py.Value{py.Str("a"), py.Bytes("b")}},
		&py.Exception{Class: "builtins.ValueError"}, &py.Exception{Class: "m.E", Args: py.Tuple{py.Int(1)}},
		py.DictOf(py.Tuple{py.Int(1)}, py.NewDict(0)), proxyValue{"PYRO:o@h:1"},
		py.Str("\x00\xff ok \u2028"), py.Bytes("'\""), py.Complex(complex(0, -1)),
	}
	for _, v := range values {
		if got := render(t, v, Repr, 80, false); got != py.Repr(v)+"\n" {
			t.Errorf("got %q, want %q", got, py.Repr(v)+"\n")
		}
	}
}

func TestJSON(t *testing.T) {
	cases := []struct {
		v    py.Value
		want string
	}{
		{py.Str("a\"b\\c\n\t\x01\x7f\u2028é"), `"a\"b\\c\n\t\u0001\u007f\u2028é"`},
		// C1 controls and bidi overrides never reach a terminal raw.
		{py.Str("\u009b2J\u202eevil\u2066😀"), `"\u009b2J\u202eevil\u2066😀"`},
		{py.Str("bad\xffutf8\xc3"), `"bad\ufffdutf8\ufffd"`},
		{bigInt("-99999999999999999999999"), `-99999999999999999999999`},
		{py.Float(1e22), `1e+22`},
		{py.Float(math.Copysign(0, -1)), `-0.0`},
		{py.DictOf(py.Int(1), py.Bool(true), py.Bool(false), py.None, py.Float(2.5), py.Complex(1i), py.None, py.Float(0)),
			`{"1":true,"False":null,"2.5":"1j","None":0.0}`},
		{py.Tuple{py.Int(1)}, `[1]`},
		{uriValue("PYRO:x@h:1"), `"PYRO:x@h:1"`},
		{&py.Exception{Class: "mymod.Oops", Args: py.Tuple{}}, `{"class":"mymod.Oops","args":[]}`},
	}
	for _, c := range cases {
		got := string(AppendJSON(nil, c.v))
		if got != c.want {
			t.Errorf("AppendJSON(%s) = %s, want %s", py.Repr(c.v), got, c.want)
		}
		if !json.Valid([]byte(got)) {
			t.Errorf("AppendJSON(%s) is not valid JSON: %s", py.Repr(c.v), got)
		}
	}
}

// TestJSONIsOneLinePerResult checks the json format writes each result as
// one document on one line that encoding/json reads back.
func TestJSONIsOneLinePerResult(t *testing.T) {
	var out bytes.Buffer
	p := New(&out, JSON, 80, true)
	vals := []py.Value{py.DictOf(py.Str("k"), py.Str("multi\nline")), py.List{py.Int(1)}, py.None}
	for _, v := range vals {
		if err := p.Value(v); err != nil {
			t.Fatal(err)
		}
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != len(vals) {
		t.Fatalf("got %d lines for %d results: %q", len(lines), len(vals), out.String())
	}
	var first map[string]string
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil || first["k"] != "multi\nline" {
		t.Errorf("first line %s decodes to %v, %v", lines[0], first, err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestValueReportsWriteError(t *testing.T) {
	err := New(failWriter{}, Repr, 80, false).Value(py.Int(1))
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("error = %v", err)
	}
}

// countingWriter records the size of each write.
type countingWriter struct {
	sizes []int
	total int
}

func (w *countingWriter) Write(b []byte) (int, error) {
	w.sizes = append(w.sizes, len(b))
	w.total += len(b)
	return len(b), nil
}

func TestLargeResultsAreWrittenInPieces(t *testing.T) {
	v := largeValue(20000)
	for _, f := range []Format{Pretty, Repr, JSON} {
		w := &countingWriter{}
		if err := New(w, f, 80, false).Value(v); err != nil {
			t.Fatal(err)
		}
		if len(w.sizes) < 10 {
			t.Errorf("%v: %d bytes in %d writes", f, w.total, len(w.sizes))
		}
		for _, n := range w.sizes {
			if n > 2*flushAt {
				t.Errorf("%v: one write of %d bytes", f, n)
				break
			}
		}
	}
}

func TestCyclicValueDoesNotHang(t *testing.T) {
	l := py.List{py.Int(1), nil}
	l[1] = l
	for _, f := range []Format{Pretty, Repr, JSON} {
		out := render(t, l, f, 80, false)
		if !strings.Contains(out, "...") {
			t.Errorf("%v: no ... in %.80q", f, out)
		}
	}
}

func TestSetSortedLikePprint(t *testing.T) {
	// What pprint prints for the set at width 1, whatever its order.
	items := []py.Value{py.Str("b"), py.Int(2), py.None, py.Float(1.5), py.Bytes("x"), py.Tuple{py.Int(1)}, py.Str("a")}
	got := sortedSet(items)
	want := []py.Value{py.None, py.Bytes("x"), py.Float(1.5), py.Int(2), py.Str("a"), py.Str("b"), py.Tuple{py.Int(1)}}
	if diff := cmp.Diff(py.Repr(py.List(want)), py.Repr(py.List(got))); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	if py.Repr(items[0]) != "'b'" {
		t.Error("sortedSet changed its argument")
	}
}

func FuzzReprWidth(f *testing.F) {
	for _, s := range []string{"", "it's", `"'`, "\x00\x7f\\\n", "é\u2028\U0001f600\xff", "\u0378"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := utf8.RuneCount(py.AppendQuoted(nil, s))
		if got := reprLen(strStats(s, 1<<30), false); got != want {
			t.Errorf("str %q: width %d, repr has %d", s, got, want)
		}
		want = utf8.RuneCount(py.AppendBytesRepr(nil, []byte(s)))
		if got := reprLen(bytesStats([]byte(s), 1<<30), true); got != want {
			t.Errorf("bytes %q: width %d, repr has %d", s, got, want)
		}
		if pieces := wrapStr(s, 10, 2); strings.Join(pieces, "") != s {
			t.Errorf("wrapStr(%q) = %q", s, pieces)
		}
	})
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "a\"b", "\x00\x1f\x7f", "\xff\xc3", "\u2028\u2029", "日本"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := appendJSONString(nil, s)
		var got string
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%q gives invalid JSON %s: %v", s, b, err)
		}
		// Each invalid byte reads back as U+FFFD; a lone surrogate in its
		// 3-byte form is written as Python writes it (\udcXX), which Go's
		// decoder reads back as one U+FFFD.
		var want strings.Builder
		for i := 0; i < len(s); {
			if sr, ok := py.SurrogateAt(s, i); ok {
				if !bytes.Contains(b, fmt.Appendf(nil, `\u%04x`, sr)) {
					t.Errorf("%q: surrogate %U not escaped in %s", s, sr, b)
				}
				want.WriteRune(utf8.RuneError)
				i += 3
				continue
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			want.WriteRune(r) // RuneError for each invalid byte
			i += n
		}
		if got != want.String() {
			t.Errorf("%q decodes back as %q", s, got)
		}
	})
}
