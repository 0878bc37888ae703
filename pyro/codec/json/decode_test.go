package json

import (
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/py"
)

func TestDecodeFollowsPythonJSON(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1", "1"}, {"1.0", "1.0"}, {"1e5", "100000.0"}, {"1E+2", "100.0"}, {"-0", "0"}, {"-0.0", "-0.0"},
		{"12345678901234567890", "12345678901234567890"}, {"-9223372036854775808", "-9223372036854775808"},
		{"1e400", "inf"}, {"-1e400", "-inf"}, {"1e-400", "0.0"},
		{"NaN", "nan"}, {"Infinity", "inf"}, {"-Infinity", "-inf"},
		{` [ 1 , "a" ] `, "[1, 'a']"}, {`{"a": 1, "a": 2, "b": 3}`, "{'a': 2, 'b': 3}"},
		{`"\u00e9\ud83d\ude00\/\b\f"`, `'é😀/\x08\x0c'`}, {`"\ud800x"`, "'\ufffdx'"}, {`"\udc00"`, "'\ufffd'"},
		{`"\ud800\u0041"`, "'\ufffdA'"},
	}
	var c Codec
	for _, tt := range tests {
		v, err := c.Decode([]byte(tt.in))
		if err != nil {
			t.Errorf("Decode(%s): %v", tt.in, err)
			continue
		}
		if got := py.Repr(v); got != tt.want {
			t.Errorf("Decode(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestDecodeRejectsWhatPythonRejects(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "json decode: expecting value at byte 0"},
		{"01", "json decode: extra data at byte 1"},
		{"1.", "json decode: extra data at byte 1"},
		{"[1,]", "json decode: expecting value at byte 3"},
		{`{"a":1,}`, "json decode: expecting property name enclosed in double quotes at byte 7"},
		{`{1: 2}`, "json decode: expecting property name enclosed in double quotes at byte 1"},
		{"\"a\nb\"", "json decode: invalid control character in string at byte 2"},
		{`"\x"`, `json decode: invalid \escape at byte 1`},
		{`"\u12"`, `json decode: invalid \uXXXX escape at byte 1`},
		{`"abc`, "json decode: unterminated string at byte 4"},
		{"[1 2]", "json decode: expecting ',' delimiter at byte 3"},
		{"\"\xff\"", "json decode: invalid utf-8 at byte 1"},
		{"nul", "json decode: expecting value at byte 0"},
		{"-", "json decode: expecting value at byte 0"},
		{"tru", "json decode: expecting value at byte 0"},
		{strings.Repeat("[", 513) + strings.Repeat("]", 513), "json decode: nesting deeper than 512 at byte 512"},
		{strings.Repeat("9", 4301), "json decode: integer exceeds the limit of 4300 digits at byte 0"},
	}
	var c Codec
	for _, tt := range tests {
		_, err := c.Decode([]byte(tt.in))
		if err == nil || err.Error() != tt.want {
			t.Errorf("Decode(%.20q) error %v, want %q", tt.in, err, tt.want)
		}
	}
	if _, err := c.Decode([]byte(strings.Repeat("[", 512) + strings.Repeat("]", 512))); err != nil {
		t.Errorf("512 levels: %v", err)
	}
	if _, err := c.Decode([]byte("-" + strings.Repeat("9", 4300))); err != nil {
		t.Errorf("4300 digits: %v", err)
	}
}

func TestDecodeCallShape(t *testing.T) {
	var c Codec
	call, err := c.DecodeCall([]byte(`{"object": "o", "method": "<batch>", "params": [["add", [1, 2], {}]], "kwargs": null}`))
	if err != nil || call.Object != "o" || call.Method != "<batch>" || len(call.Args) != 1 || call.Kwargs != nil {
		t.Fatalf("DecodeCall = %+v, %v", call, err)
	}
	for _, bad := range []string{`[1]`, `{"object": 1, "method": "m", "params": [], "kwargs": {}}`,
		`{"object": "o", "method": "m", "params": {}, "kwargs": {}}`, `{"object": "o", "method": "m", "params": []}`} {
		if _, err := c.DecodeCall([]byte(bad)); err == nil || !strings.HasPrefix(err.Error(), "json decode: invalid call: ") {
			t.Errorf("DecodeCall(%s) error %v", bad, err)
		}
	}
}
