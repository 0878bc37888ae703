package history

import (
	"bytes"
	"testing"
)

func TestRecordEncoding(t *testing.T) {
	tests := []struct{ entry, record string }{
		{"obj.echo(1)", "obj.echo(1)"},
		{"a = obj.f(\n    1,\n    2)", `a = obj.f(\n    1,\n    2)`},
		{`s = "a\nb"`, `s = "a\\nb"`},
		{"x\r\ny", `x\r\ny`},
		{"nul\x00byte", `nul\0byte`},
		{`\`, `\\`},
		{"", ""},
	}
	for _, tt := range tests {
		got := string(encode(nil, tt.entry))
		if got != tt.record {
			t.Errorf("encode(%q) = %q, want %q", tt.entry, got, tt.record)
		}
		back, ok := decode([]byte(got))
		if !ok || back != tt.entry {
			t.Errorf("decode(%q) = %q, %v, want %q, true", got, back, ok, tt.entry)
		}
		if bytes.ContainsAny([]byte(got), "\n\r\x00") {
			t.Errorf("encode(%q) = %q holds a line break or NUL", tt.entry, got)
		}
	}
}

func TestDecodeIsLenient(t *testing.T) {
	tests := []struct {
		line, want string
		ok         bool
	}{
		{`a\tb`, `a\tb`, true},
		{`trailing\`, `trailing\`, true},
		{"torn\x00", "", false},
		{"esc\\\x00", "", false},
	}
	for _, tt := range tests {
		got, ok := decode([]byte(tt.line))
		if got != tt.want || ok != tt.ok {
			t.Errorf("decode(%q) = %q, %v, want %q, %v", tt.line, got, ok, tt.want, tt.ok)
		}
	}
}
