package serpent

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// TestPooledParserLeavesEarlierValuesAlone decodes one payload, then many
// others through the same pooled parsers, and checks the first value is
// still what it was: nothing a value holds may live in a parser that goes
// back to the pool.
func TestPooledParserLeavesEarlierValuesAlone(t *testing.T) {
	first := []byte(Header + "{'name':'first','items':[1,2.5,'three',(4,None)],'n':{'x':[True]}}")
	want, err := Codec{}.Decode(append([]byte(nil), first...))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Codec{}.Decode(first)
	if err != nil {
		t.Fatal(err)
	}
	for i := range first {
		first[i] = 'z' // the payload's buffer is reused by the caller
	}
	for i := 0; i < 200; i++ {
		other := Header + "{'name':'other','items':[9,9.5,'nine',(9,False)],'n':{'y':[False, 'q']}}"
		if _, err := (Codec{}).Decode([]byte(other)); err != nil {
			t.Fatal(err)
		}
		if _, err := (Codec{}).Decode([]byte(Header + "(")); err == nil {
			t.Fatal("a broken payload decoded")
		}
	}
	if !py.Equal(got, want) || py.Repr(got) != py.Repr(want) {
		t.Fatalf("the first value changed: %s, want %s", py.Repr(got), py.Repr(want))
	}
}
