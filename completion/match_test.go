package completion

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRank(t *testing.T) {
	tests := []struct {
		word, text string
		rank       uint8
		ok         bool
	}{
		{"", "anything", rankPrefix, true},
		{"ec", "echo", rankPrefix, true},
		{"echo", "echo", rankPrefix, true},
		{"EC", "echo", rankPrefixFold, true},
		{"ÉC", "écho", rankPrefixFold, true},
		{"ehc", "echo", rankTransposed, true},
		{"ceho", "echo", rankTransposed, true},
		{"ecoh", "echo", rankTransposed, true},
		{"eco", "echo", rankSubseq, true},
		{"ECL", "echo_all", rankSubseq, true},
		{"e", "make", 0, false}, // one rune: prefixes only
		{"ee", "echo", 0, false},
		{"hce", "echo", 0, false}, // two swaps away
		{"echos", "echo", 0, false},
		{"oche", "echo", 0, false},
	}
	for _, tt := range tests {
		c := newCollector(tt.word, 0)
		rank, _, ok := c.rank(tt.text)
		if ok != tt.ok || ok && rank != tt.rank {
			t.Errorf("rank(%q, %q) = %d, %v; want %d, %v", tt.word, tt.text, rank, ok, tt.rank, tt.ok)
		}
	}
}

func TestSubsequenceSpan(t *testing.T) {
	tests := []struct {
		text, word string
		span       int
		ok         bool
	}{
		{"echo_all", "ea", 6, true},
		{"xxeayy", "ea", 2, true},
		{"E_A", "ea", 3, true},
		{"ae", "ea", 0, false},
		{"", "ea", 0, false},
	}
	for _, tt := range tests {
		span, ok := subsequenceASCII(tt.text, tt.word)
		if span != tt.span || ok != tt.ok {
			t.Errorf("subsequenceASCII(%q, %q) = %d, %v; want %d, %v", tt.text, tt.word, span, ok, tt.span, tt.ok)
		}
		span, ok = subsequence(tt.text, []rune(tt.word))
		if span != tt.span || ok != tt.ok {
			t.Errorf("subsequence(%q, %q) = %d, %v; want %d, %v", tt.text, tt.word, span, ok, tt.span, tt.ok)
		}
	}
}

func TestResultOrder(t *testing.T) {
	// Unsorted input from several lists; within the subsequence rank the
	// tighter match wins over the shorter name.
	c := newCollector("ab", 0)
	c.addAll([]string{"xaxxb", "ab", "Abc", "a_b", "abz", "AB"}, Method, "method")
	c.addAll([]string{"ba", "aab", "ab"}, Attribute, "attribute")
	c.addAll([]string{"bac"}, Variable, "variable")
	got := c.result(0).Candidates
	want := []Candidate{
		{"ab", Method, "method"}, // prefix; the attribute "ab" is dropped
		{"abz", Method, "method"},
		{"AB", Method, "method"}, // prefix ignoring case
		{"Abc", Method, "method"},
		{"ba", Attribute, "attribute"}, // swapped
		{"bac", Variable, "variable"},
		{"a_b", Method, "method"}, // subsequence, span 3
		{"aab", Attribute, "attribute"},
		{"xaxxb", Method, "method"}, // span 4
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
}

func TestResultOrderLongSharedPrefix(t *testing.T) {
	// Names alike in their first 16 bytes fall back to a full comparison.
	names := []string{"get_the_value_of_zeta", "get_the_value_of_alpha", "get_the_value_of_", "get_the_value_of_beta"}
	c := newCollector("", len(names))
	c.addAll(names, Method, "method")
	want := []string{"get_the_value_of_", "get_the_value_of_alpha", "get_the_value_of_beta", "get_the_value_of_zeta"}
	if diff := cmp.Diff(want, texts(c.result(0).Candidates)); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
}

func TestClampCursor(t *testing.T) {
	const s = "aé€𝄞" // 1, 2, 3 and 4 byte runes: offsets 0 1 3 6 10
	tests := []struct{ in, want int }{
		{-1, 0}, {0, 0}, {1, 1}, {2, 1}, {3, 3}, {4, 3}, {5, 3}, {6, 6}, {7, 6}, {8, 6}, {9, 6}, {10, 10}, {11, 10},
	}
	for _, tt := range tests {
		if got := clampCursor(s, tt.in); got != tt.want {
			t.Errorf("clampCursor(%q, %d) = %d, want %d", s, tt.in, got, tt.want)
		}
	}
	// Stray continuation bytes are not part of any rune: the cursor stays.
	if got := clampCursor("a\x80\x80b", 2); got != 2 {
		t.Errorf("clampCursor over invalid UTF-8 = %d, want 2", got)
	}
}

func TestEndsInCode(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{``, true},
		{`x = "a"`, true},
		{`x = "a`, false},
		{`x = 'a\'`, false},
		{`x = 'a\\'`, true},
		{`x = """a"" `, false},
		{`x = """a"""`, true},
		{`x = '''a''' + '`, false},
		{"x = 'a\nb", true}, // a one-line string stops at the line end
		{"x = \"\"\"a\nb", false},
		{`x = 1 # note`, false},
		{"x = 1 # note\ny", true},
		{`x = "#" + y`, true},
		{`x = rb"\"" + y`, true},
		{`x = "abc\`, false},
	}
	for _, tt := range tests {
		if got := endsInCode(tt.src); got != tt.want {
			t.Errorf("endsInCode(%q) = %v, want %v", tt.src, got, tt.want)
		}
	}
}
