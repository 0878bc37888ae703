package lineedit

import "testing"

func TestWordMotions(t *testing.T) {
	tests := []struct {
		text        string
		pos         int
		left, right int
		space       int
	}{
		{"obj.echo(1, 2)", 14, 12, 14, 12},
		{"obj.echo(1, 2)", 9, 4, 10, 0},
		{"alpha beta", 5, 0, 10, 0},
		{"größe = 1", 0, 0, 5, 0},
		{"  x", 3, 2, 3, 2},
		{"", 0, 0, 0, 0},
	}
	for _, tt := range tests {
		b := buffer{r: []rune(tt.text), pos: tt.pos}
		if got := b.wordLeft(); got != tt.left {
			t.Errorf("%q at %d: wordLeft = %d, want %d", tt.text, tt.pos, got, tt.left)
		}
		if got := b.wordRight(); got != tt.right {
			t.Errorf("%q at %d: wordRight = %d, want %d", tt.text, tt.pos, got, tt.right)
		}
		if got := b.spaceLeft(); got != tt.space {
			t.Errorf("%q at %d: spaceLeft = %d, want %d", tt.text, tt.pos, got, tt.space)
		}
	}
}

func TestVerticalKeepsTheColumn(t *testing.T) {
	b := buffer{}
	b.set("x = [1,\n2]")
	if !b.vertical(-1) || b.pos != 2 || b.row() != 0 {
		t.Fatalf("up from the end: pos %d row %d", b.pos, b.row())
	}
	if b.vertical(-1) {
		t.Error("up from the first line moved")
	}
	if !b.vertical(1) || b.pos != 10 {
		t.Errorf("down: pos %d, want 10 (the end of the shorter line)", b.pos)
	}
}

func TestCutAndInsert(t *testing.T) {
	b := buffer{}
	b.set("hello world")
	b.pos = 5
	if got := string(b.cut(0, 5)); got != "hello" || b.String() != " world" || b.pos != 0 {
		t.Errorf("cut = %q, text %q, pos %d", got, b.String(), b.pos)
	}
	b.insert([]rune("bye"))
	if b.String() != "bye world" || b.pos != 3 {
		t.Errorf("insert: %q pos %d", b.String(), b.pos)
	}
	if b.cut(7, 3) == nil || b.String() != "byeld" {
		t.Errorf("reversed bounds: %q", b.String())
	}
}

func TestKeyLen(t *testing.T) {
	tests := []struct {
		in       string
		n        int
		complete bool
	}{
		{"abc\rdef", 3, true},
		{"\rabc", 1, true},
		{"\x1b[A rest", 3, true},
		{"\x1b[1;5D", 6, true},
		{"\x1b[1;5", 5, false},
		{"\x1b", 1, false},
		{"\x1bb", 2, true},
		{"\x1b\x7f", 2, true},
		{"\x1bOA", 3, true},
		{"\x1b\x1b[A", 1, true},
		{"é\t", 2, true},
		{"\xc3", 1, false},
		{"ab\xc3", 2, true},
		{"\t", 1, true},
	}
	for _, tt := range tests {
		n, complete := keyLen([]byte(tt.in))
		if n != tt.n || complete != tt.complete {
			t.Errorf("keyLen(%q) = %d, %v; want %d, %v", tt.in, n, complete, tt.n, tt.complete)
		}
	}
}

func TestDecode(t *testing.T) {
	if k := decode([]byte("\x1bb")); k.alt != 'b' {
		t.Errorf("Alt+B = %+v", k)
	}
	if k := decode([]byte(altLeft)); k.alt != 'b' {
		t.Errorf("Alt+Left = %+v", k)
	}
	if k := decode([]byte("\r")); k.code.String() != "Enter" {
		t.Errorf("CR = %+v", k)
	}
	if k := decode([]byte("größe")); string(k.text) != "größe" {
		t.Errorf("text = %+v", k)
	}
}
