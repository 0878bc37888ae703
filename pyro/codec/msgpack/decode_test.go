package msgpack

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
	"github.com/pyrosh/pyrosh/pyro/py"
)

func TestDecodeFormats(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ca 3fc00000", "1.5"},
		{"d0 80", "-128"}, {"d1 8000", "-32768"}, {"cc ff", "255"}, {"cd ffff", "65535"},
		{"cf 8000000000000000", "9223372036854775808"},
		{"d9 01 61", "'a'"}, {"da 0001 62", "'b'"}, {"db 00000001 63", "'c'"},
		{"c5 0001 00", "b'\\x00'"}, {"c6 00000001 01", "b'\\x01'"},
		{"dc 0001 c0", "[None]"}, {"dd 00000001 c0", "[None]"},
		{"de 0001 a161 01", "{'a': 1}"}, {"df 00000001 a161 01", "{'a': 1}"},
		{"81 920102 a174", "{(1, 2): 't'}"}, {"82 01 a161 c0 a16e", "{1: 'a', None: 'n'}"},
		{"c7 02 31 2d35", "-5"},
		{"d7 33 0100000000000000", "datetime.date(1, 1, 1)"},
	}
	var c Codec
	for _, tt := range tests {
		v, err := c.Decode(codectest.Unhex(tt.in))
		if err != nil {
			t.Errorf("Decode(%s): %v", tt.in, err)
			continue
		}
		if got := py.Repr(v); got != tt.want {
			t.Errorf("Decode(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestDecodeRejectsBadData(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "msgpack decode: unexpected end of data at byte 0"},
		{"c1", "msgpack decode: invalid type byte 0xc1 at byte 0"},
		{"c0 c0", "msgpack decode: extra data at byte 1"},
		{"dd ffffffff", "msgpack decode: length 4294967295 exceeds the data at byte 1"},
		{"df 7fffffff c0", "msgpack decode: length 2147483647 exceeds the data at byte 1"},
		{"9f c0", "msgpack decode: length 15 exceeds the data at byte 0"},
		{"a2 ff fe", "msgpack decode: invalid utf-8 in str at byte 0"},
		{"81 80 c0", "msgpack decode: unhashable type: 'dict' at byte 1"},
		{"d4 05 00", "msgpack decode: invalid ext code for msgpack: 5 at byte 0"},
		{"d4 ff 00", "msgpack decode: invalid ext code for msgpack: -1 at byte 0"},
		{"d7 30 0000000000000000", "msgpack decode: complex ext of 8 bytes at byte 0"},
		{"c7 01 31 78", `msgpack decode: invalid big int ext "x" at byte 0`},
		{"d7 33 0000000000000000", "msgpack decode: date ordinal 0 out of range at byte 0"},
		{"d7 32 000000000000f07f", "msgpack decode: datetime timestamp +Inf out of range at byte 0"},
		{"cb 0000", "msgpack decode: unexpected end of data at byte 1"},
	}
	var c Codec
	for _, tt := range tests {
		_, err := c.Decode(codectest.Unhex(tt.in))
		if err == nil || err.Error() != tt.want {
			t.Errorf("Decode(%s) error %v, want %q", tt.in, err, tt.want)
		}
	}
	deep := strings.Repeat("91", 513) + "c0"
	if _, err := c.Decode(codectest.Unhex(deep)); err == nil || !strings.Contains(err.Error(), "nesting deeper than 512") {
		t.Errorf("513 levels: %v", err)
	}
	if _, err := c.Decode(codectest.Unhex(strings.Repeat("91", 512) + "c0")); err != nil {
		t.Errorf("512 levels: %v", err)
	}
	digits := "c9 000010cd 31" + hex.EncodeToString([]byte(strings.Repeat("9", 4301)))
	if _, err := c.Decode(codectest.Unhex(digits)); err == nil || !strings.Contains(err.Error(), "exceeds the limit of 4300 digits") {
		t.Errorf("4301-digit int: %v", err)
	}
}

func TestEncodeRefuses(t *testing.T) {
	var c Codec
	if _, err := c.Encode(nil, py.Str("\xff")); err == nil || err.Error() != "msgpack encode: cannot serialize str holding invalid utf-8" {
		t.Errorf("invalid utf-8: %v", err)
	}
	deep := py.Value(py.None)
	for range 600 {
		deep = py.Tuple{deep}
	}
	if _, err := c.Encode(nil, deep); err == nil || !strings.Contains(err.Error(), "nesting deeper than 512") {
		t.Errorf("deep: %v", err)
	}
}

func TestDecodeCallShape(t *testing.T) {
	var c Codec
	for _, bad := range []string{"c0", "93 a16f a16d 90", "94 01 a16d 90 80", "94 a16f a16d 80 80", "94 a16f a16d 90 90"} {
		if _, err := c.DecodeCall(codectest.Unhex(bad)); err == nil || !strings.HasPrefix(err.Error(), "msgpack decode: invalid call: ") {
			t.Errorf("DecodeCall(%s) error %v", bad, err)
		}
	}
	call, err := c.DecodeCall(codectest.Unhex("94 a16f a16d 91 01 c0"))
	if err != nil || call.Object != "o" || call.Method != "m" || len(call.Args) != 1 || call.Kwargs != nil {
		t.Errorf("DecodeCall = %+v, %v", call, err)
	}
}
