package completion

import (
	"testing"

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
