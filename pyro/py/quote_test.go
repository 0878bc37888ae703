package py

import "testing"

// FuzzQuotedPlainPath checks that AppendQuoted's plain fast path writes
// what the general quoting writes, for every str it takes.
func FuzzQuotedPlainPath(f *testing.F) {
	for _, s := range []string{"", "echo", "Example", `a"b`, "it's", `back\slash`, "tab\t", "é", "\x7f", " ~"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(AppendQuoted(nil, s)), string(appendQuoted(nil, s)); got != want {
			t.Fatalf("%q: AppendQuoted gives %s, the general quoting %s", s, got, want)
		}
	})
}
