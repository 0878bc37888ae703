package shell

import "testing"

func TestUTF8ErrorsAsPython(t *testing.T) {
	for in, want := range map[string]string{
		"ok é":          "",
		"a\xffb":        "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 1: invalid start byte",
		"ab\xc3":        "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xc3 in position 2: unexpected end of data",
		"\xc3(":         "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xc3 in position 0: invalid continuation byte",
		"x\xed\xa0\x80": "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xed in position 1: invalid continuation byte",
	} {
		got := ""
		if err := checkUTF8([]byte(in)); err != nil {
			got = err.Error()
		}
		if got != want {
			t.Errorf("checkUTF8(%q) = %q, want %q", in, got, want)
		}
	}
}
