package marshal

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
	"github.com/pyrosh/pyrosh/pyro/py"
)

func TestDecodeReadsEveryDataTypeCode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"49 0100000000000000", "1"},
		{"66 03 312e35", "1.5"},
		{"78 01 31 02 2d32", "(1-2j)"},
		{"6c 00000000", "0"},
		{"6c feffffff 0100 0100", "-32769"},
		{"74 02000000 c3a9", "'é'"},
		{"61 02000000 e961", "'éa'"},
		{"41 01000000 61", "'a'"},
		{"5a 01 62", "'b'"},
		{"75 03000000 eda080", `'\ud800'`}, // a lone surrogate, as marshal.loads gives it
		{"28 02000000 4e 54", "(None, True)"},
		{"3c 02000000 e901000000 7200000000", "{1}"},
		{"db 02000000 da0161 7201000000", "['a', 'a']"},
		{"29 02 a9 01 e901000000 7200000000", "((1,), (1,))"},
		{"4e ffff", "None"}, // trailing bytes are ignored, as by marshal.loads
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
		{"", "marshal decode: unexpected end of data at byte 0"},
		{"63 00000000", "marshal decode: refusing code object in marshal data at byte 0"},
		{"2e", "marshal decode: unsupported marshal type '.' at byte 0"},
		{"53", "marshal decode: unsupported marshal type 'S' at byte 0"},
		{"3f", "marshal decode: bad marshal data (unknown type code 0x3f) at byte 0"},
		{"30", "marshal decode: bad marshal data (NULL object) at byte 0"},
		{"6c 01000000 0000", "marshal decode: bad marshal data (unnormalized long data) at byte 0"},
		{"6c 01000000 0080", "marshal decode: bad marshal data (digit out of range in long) at byte 0"},
		{"5b ffffff7f", "marshal decode: bad marshal data (size 2147483647 exceeds the data) at byte 1"},
		{"73 05000000 6162", "marshal decode: bad marshal data (size 5 exceeds the data) at byte 1"},
		{"5b 02000000 7200000000 4e", "marshal decode: bad marshal data (invalid reference) at byte 5"},
		{"bc 01000000 7200000000", "marshal decode: unsupported recursive reference in marshal data at byte 5"},
		{"7b 5b00000000 4e 30", "marshal decode: unhashable type: 'list' at byte 0"},
		{"7b 4e 30", "marshal decode: bad marshal data (NULL value in dict) at byte 0"},
		{"75 01000000 ff", "marshal decode: bad marshal data (invalid utf-8 in str) at byte 0"},
		{"66 03 616263", `marshal decode: bad marshal data (invalid float "abc") at byte 1`},
	}
	var c Codec
	for _, tt := range tests {
		_, err := c.Decode(codectest.Unhex(tt.in))
		if err == nil || err.Error() != tt.want {
			t.Errorf("Decode(%s) error %v, want %q", tt.in, err, tt.want)
		}
	}
}

func TestDecodeBoundsNestingAndExpansion(t *testing.T) {
	var c Codec
	deep := strings.Repeat("5b01000000", 513) + "4e"
	if _, err := c.Decode(codectest.Unhex(deep)); err == nil || !strings.Contains(err.Error(), "nesting deeper than 512") {
		t.Errorf("513 levels: %v", err)
	}
	if _, err := c.Decode(codectest.Unhex(strings.Repeat("5b01000000", 512) + "4e")); err != nil {
		t.Errorf("512 levels: %v", err)
	}
	// Each level is a flagged pair of references to the level below: 40
	// levels stand for 2**40 values in a few hundred bytes.
	var b strings.Builder
	b.WriteString("a9 02 4e 4e") // ref 0: (None, None)
	for i := 1; i < 40; i++ {
		ref := hex.EncodeToString([]byte{byte(i - 1), 0, 0, 0})
		b.WriteString("a9 02 72" + ref + " 72" + ref)
	}
	// Wrap so the chain is read: a tuple whose items build the chain.
	data := append(codectest.Unhex("28 28000000"), codectest.Unhex(b.String())...)
	_, err := c.Decode(data)
	if err == nil || !strings.Contains(err.Error(), "data expands to more than") {
		t.Errorf("reference bomb: %v", err)
	}
}

func TestDecodeCallShape(t *testing.T) {
	var c Codec
	for _, bad := range []string{"4e", "29 03 4e 4e 4e", "29 04 e901000000 da016d 5b00000000 7b30", "29 04 da016f da016d 4e 7b30", "29 04 da016f da016d 5b00000000 5b00000000"} {
		if _, err := c.DecodeCall(codectest.Unhex(bad)); err == nil || !strings.HasPrefix(err.Error(), "marshal decode: invalid call: ") {
			t.Errorf("DecodeCall(%s) error %v", bad, err)
		}
	}
	call, err := c.DecodeCall(codectest.Unhex("29 04 da016f da016d 29 01 e901000000 4e"))
	if err != nil || call.Object != "o" || call.Method != "m" || len(call.Args) != 1 || call.Kwargs != nil {
		t.Errorf("DecodeCall = %+v, %v", call, err)
	}
}
