package completion

import (
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestClosest(t *testing.T) {
	cmds := []string{"call", "batch", "meta", "ping", "ns", "demo", "bench", "completion", "version", "help"}
	for _, tc := range []struct {
		word string
		want []string
	}{
		{"pnig", []string{"ping"}},
		{"cal", []string{"call"}},
		{"calll", []string{"call"}},
		{"a", []string{}},
		{"x", []string{}},
		{"example", []string{}},
		{"bnech", []string{"bench", "batch"}},
		{"versoin", []string{"version"}},
		{"compl", []string{"completion"}},
		{"META", []string{"meta"}},
		{"hello", []string{"help"}},
	} {
		t.Run(tc.word, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, Closest(tc.word, cmds, 3)); diff != "" {
				t.Errorf("Closest(%q) (-want +got):\n%s", tc.word, diff)
			}
		})
	}
}

func TestClosestNames(t *testing.T) {
	names := []string{"echo", "echo_kw", "divide", "größe", "value"}
	if got := Closest("ecoh", names, 3); !cmp.Equal(got, []string{"echo"}) {
		t.Errorf("ecoh: %v", got)
	}
	if got := Closest("grösse", names, 3); !cmp.Equal(got, []string{"größe"}) {
		t.Errorf("grösse: %v", got)
	}
	if got := Closest("echo", names, 3); !cmp.Equal(got, []string{"echo_kw"}) {
		t.Errorf("echo: %v", got)
	}
}

// FuzzClosest checks the edit distance's bounds and symmetry, and that
// Closest returns only given names, never the word itself, at most max.
func FuzzClosest(f *testing.F) {
	f.Add("pnig", "ping")
	f.Add("größe", "grösse")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 64 || len(b) > 64 {
			return
		}
		d := editDistance(a, b, 100)
		if d != editDistance(b, a, 100) {
			t.Fatalf("distance(%q, %q) not symmetric", a, b)
		}
		if d > max(len([]rune(a)), len([]rune(b))) {
			t.Fatalf("distance(%q, %q) = %d, longer than both", a, b, d)
		}
		if (d == 0) != (a == b) && utf8ValidBoth(a, b) {
			t.Fatalf("distance(%q, %q) = %d", a, b, d)
		}
		got := Closest(a, []string{b, a, "x"}, 1)
		if len(got) > 1 || len(got) == 1 && got[0] == a {
			t.Fatalf("Closest(%q, ...) = %q", a, got)
		}
	})
}

func utf8ValidBoth(a, b string) bool { return utf8.ValidString(a) && utf8.ValidString(b) }
