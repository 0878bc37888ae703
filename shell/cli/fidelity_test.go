package cli_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pylit"
	"github.com/pyrosh/pyrosh/pyro/pyrotest"
	"github.com/pyrosh/pyrosh/shell/cli"
	"github.com/pyrosh/pyrosh/shell/iostreams"
)

// stdlibValues are the names of Fidelity.value's standard library values
// (pyro/pyrotest/server.py).
var stdlibValues = []string{
	"decimal", "decimal_special", "datetime", "datetime_tz", "datetime_utc", "date", "time", "time_tz",
	"timedelta", "timedelta_neg", "timezone", "uuid", "array", "array_float", "array_unicode", "array_empty",
	"bytearray", "range", "range_step", "slice", "ordereddict", "ordereddict_empty", "deque", "deque_maxlen",
	"counter", "defaultdict", "fraction", "complex", "mixed",
}

// runCLI runs pyrosh in process and returns its stdout, stderr and status.
func runCLI(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	ios.SetTerminalWidth(80)
	code := cli.Main(args, ios, func(string) string { return "" })
	return out.String(), errOut.String(), code
}

// TestPickleStdlibValuesAsPython: the standard library's value types come
// through pickle as a Python pickle proxy gets them: -o repr is Python's
// repr, -o pretty is pprint.pformat at the terminal's width, -o json is the
// form Pyro4's serializers send for each type (Fidelity.as_json).
func TestPickleStdlibValuesAsPython(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	uri := d.URI("Fidelity")
	var exprs []string
	for _, n := range stdlibValues {
		exprs = append(exprs, "value("+strconv.Quote(n)+")", "pformat("+strconv.Quote(n)+", 80)", "as_json("+strconv.Quote(n)+")")
	}
	want := pyrotest.PyCallsWith(t, uri, pyrotest.CallOptions{Serializer: "pickle"}, exprs...)
	for i, n := range stdlibValues {
		wRepr, wPretty, wJSON := want[3*i], want[3*i+1], want[3*i+2]
		if wRepr.ExcClass != "" || wPretty.ExcClass != "" || wJSON.ExcClass != "" {
			t.Fatalf("%s: python proxy raised %s %s %s", n, wRepr.ExcMessage, wPretty.ExcMessage, wJSON.ExcMessage)
		}
		call := "value(" + strconv.Quote(n) + ")"
		out, errOut, code := runCLI(t, "-o", "repr", "call", "--serializer", "pickle", uri, call)
		if code != 0 || strings.TrimSuffix(out, "\n") != wRepr.Repr {
			t.Errorf("%s -o repr: status %d %s\n got %s\nwant %s", n, code, errOut, out, wRepr.Repr)
		}
		out, _, _ = runCLI(t, "-o", "pretty", "call", "--serializer", "pickle", uri, call)
		if pretty := unquote(t, wPretty.Repr); strings.TrimSuffix(out, "\n") != pretty {
			t.Errorf("%s -o pretty (-pprint +ours):\n%s", n, cmp.Diff(pretty, strings.TrimSuffix(out, "\n")))
		}
		out, _, _ = runCLI(t, "-o", "json", "call", "--serializer", "pickle", uri, call)
		var got, wantJSON any
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Errorf("%s -o json: %v: %s", n, err, out)
			continue
		}
		if err := json.Unmarshal([]byte(unquote(t, wJSON.Repr)), &wantJSON); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(wantJSON, got); diff != "" {
			t.Errorf("%s -o json (-python +ours):\n%s", n, diff)
		}
	}
}

// unquote reads the repr of a Python str as the oracle returns it.
func unquote(t *testing.T, repr string) string {
	t.Helper()
	v, err := pylit.ParseLiteral(repr)
	s, ok := v.(py.Str)
	if err != nil || !ok {
		t.Fatalf("unquote %s: %v", repr, err)
	}
	return string(s)
}

// TestLoneSurrogatesAsPython: a str holding a lone surrogate comes through
// serpent (as an escape), marshal and pickle (in its 3-byte form) as a
// Python proxy gets it, goes back out as an argument the same way, and
// prints as Python's repr and json.dumps do. json and msgpack cannot carry
// one: the daemon fails to serialize it, as it does for a Python proxy.
func TestLoneSurrogatesAsPython(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	uri := d.URI("Fidelity")
	echo := d.URI("Thing")
	for _, ser := range []string{"serpent", "marshal", "pickle"} {
		want := pyrotest.PyCallWith(t, uri, pyrotest.CallOptions{Serializer: ser}, `value("surrogate")`)
		out, errOut, code := runCLI(t, "-o", "repr", "call", "--serializer", ser, uri, `value("surrogate")`)
		if code != 0 || strings.TrimSuffix(out, "\n") != want.Repr {
			t.Errorf("%s: status %d %s\n got %s\nwant %s", ser, code, errOut, out, want.Repr)
		}
		out, errOut, code = runCLI(t, "-o", "repr", "call", "--serializer", ser, echo, `echo("a\udcffb\ud800")`)
		if code != 0 || out != "'a\\udcffb\\ud800'\n" {
			t.Errorf("%s: echo of a lone surrogate: status %d %s%s", ser, code, errOut, out)
		}
		out, _, _ = runCLI(t, "-o", "json", "call", "--serializer", ser, uri, `value("surrogate")`)
		if out != `"a\udcffb"`+"\n" {
			t.Errorf("%s -o json: %s", ser, out)
		}
	}
}

// TestRecursiveValuesAsPython: a list or dict that holds itself comes
// through pickle (memo references) and marshal (references) as a Python
// proxy gets it and prints as Python's repr does ([1, 2, [...]]); the json
// format refuses it with one clear error and status 2.
func TestRecursiveValuesAsPython(t *testing.T) {
	d := pyrotest.StartDaemon(t, pyrotest.DaemonOptions{})
	uri := d.URI("Fidelity")
	// Python's marshal proxy fails with RecursionError (Pyro4's
	// MarshalSerializer.loads walks the value to find class dicts), so the
	// pickle proxy is the oracle for both: marshal.loads gives the same value.
	want := pyrotest.PyCallsWith(t, uri, pyrotest.CallOptions{Serializer: "pickle"}, `value("recursive_list")`, `value("recursive_dict")`)
	for _, ser := range []string{"pickle", "marshal"} {
		for i, name := range []string{"recursive_list", "recursive_dict"} {
			call := "value(" + strconv.Quote(name) + ")"
			for _, format := range []string{"repr", "pretty"} {
				out, errOut, code := runCLI(t, "-o", format, "call", "--serializer", ser, uri, call)
				if code != 0 || strings.TrimSuffix(out, "\n") != want[i].Repr {
					t.Errorf("%s %s -o %s: status %d %s\n got %s\nwant %s", ser, name, format, code, errOut, out, want[i].Repr)
				}
			}
			out, errOut, code := runCLI(t, "-o", "json", "call", "--serializer", ser, uri, call)
			if code != 2 || out != "" || !strings.Contains(errOut, "JSON cannot hold a cycle") {
				t.Errorf("%s %s -o json: status %d, stdout %q, stderr %q", ser, name, code, out, errOut)
			}
		}
	}
}
