package cli

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pyrosh/pyrosh/shell/iostreams"
)

func TestNormalizeArgs(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{"call URI hello -o json", "call -o json -- URI hello"},
		{"call URI echo -1 -2.5 -.5 --serializer json", "call --serializer json -- URI echo -1 -2.5 -.5"},
		{"call URI echo -- -o --help", "call -- URI echo -o --help"},
		{"-o json call URI echo 1", "call -o json -- URI echo 1"},
		{"call -ojson URI x", "call -ojson -- URI x"},
		{"call URI x --timeout=2s", "call --timeout=2s -- URI x"},
		{"bench URI hello -n 10 -c 4", "bench -n 10 -c 4 -- URI hello"},
		{"ns lookup name --ns-port 9090", "ns lookup --ns-port 9090 -- name"},
		{"ns remove --prefix p --yes", "ns remove --prefix p --yes"},
		{"PYRO:x@h:1 -c obj.hello()", "-c obj.hello() -- PYRO:x@h:1"},
		{"call URI hello --help", "call --help -- URI hello"},
		{"call URI --ssl hello", "call --ssl -- URI hello"},
		{"__complete call URI -", "__complete call URI -"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			root := (&app{ios: ios}).newRootCmd()
			got, err := normalizeArgs(root, strings.Fields(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, strings.Join(got, " ")); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestNormalizeArgsFlagWithoutValue(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	root := (&app{ios: ios}).newRootCmd()
	_, err := normalizeArgs(root, []string{"call", "URI", "echo", "1", "-o"})
	if err == nil || ExitCode(err) != ExitUsage || !strings.Contains(err.Error(), "flag needs an argument: -o") {
		t.Fatalf("error %v, want a usage error naming -o", err)
	}
}

// FuzzNormalizeArgs checks that any command line is only reordered: the
// same words come out, plus at most one "--", and never a panic.
func FuzzNormalizeArgs(f *testing.F) {
	for _, s := range []string{"call URI hello -o json", "bench -n 5 URI 'echo(1)' -c 2", "ns remove --prefix p --yes", "-- -1", "call URI echo -1 -.5 -- --x", "-o"} {
		f.Add(s)
	}
	ios, _, _, _ := iostreams.Test()
	root := (&app{ios: ios}).newRootCmd()
	f.Fuzz(func(t *testing.T, line string) {
		in := strings.Split(line, " ")
		out, err := normalizeArgs(root, in)
		if err != nil {
			return
		}
		// Dropping every "--" from both leaves the same words, in some order.
		strip := func(w []string) []string {
			return slices.Sorted(slices.Values(slices.DeleteFunc(slices.Clone(w), func(s string) bool { return s == "--" })))
		}
		if !slices.Equal(strip(in), strip(out)) {
			t.Fatalf("%q became %q", in, out)
		}
	})
}

func TestParseCallArgsTakesPythonIdentifiers(t *testing.T) {
	spec, err := parseCallArgs([]string{"größe", "breite=3", "höhe=4"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if spec.method != "größe" || len(spec.args) != 0 || spec.kwargs.Len() != 2 {
		t.Fatalf("spec %+v", spec)
	}
	for _, bad := range []string{"1abc", "a-b", "größe()x"} {
		if _, err := parseCallArgs([]string{bad}, nil); err == nil || ExitCode(err) != ExitUsage {
			t.Errorf("%q: error %v, want a usage error", bad, err)
		}
	}
}
