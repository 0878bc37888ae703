package serpent

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/py"
)

func TestDecodeRejectsBadTokenAfterValue(t *testing.T) {
	for _, src := range []string{"'a' @", "1 $", "[1] \x00", "{'a': 1}\n'''"} {
		if v, err := (Codec{}).Decode([]byte(Header + src)); err == nil {
			t.Errorf("Decode(%q) = %s, want an error", src, py.Repr(v))
		}
	}
}

// TestDecodeResultOwnsItsMemory overwrites the payload after decoding and
// checks the value did not change: nothing may alias the caller's buffer,
// which the wire layer reuses.
func TestDecodeResultOwnsItsMemory(t *testing.T) {
	src := Header + `[{'id':1,'name':'item1','tags':['a','b']}, 'a string longer than sixteen bytes', 'esc\n', ` +
		`'con' 'cat', b'x', {'data': 'AAE=', 'encoding': 'base64'}, (1+2j), 123456789012345678901234567890]`
	data := []byte(src)
	v, err := Codec{}.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	want := py.Repr(v)
	for i := range data {
		data[i] = 'X'
	}
	if got := py.Repr(v); got != want {
		t.Fatalf("value changed with the input buffer: %s, was %s", got, want)
	}
}
