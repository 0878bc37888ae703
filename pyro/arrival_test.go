package pyro_test

import (
	"bytes"
	"io"
	"testing"
	"testing/iotest"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
	"github.com/pyrosh/pyrosh/pyro/codec/json"
	"github.com/pyrosh/pyrosh/pyro/codec/marshal"
	"github.com/pyrosh/pyrosh/pyro/codec/msgpack"
	"github.com/pyrosh/pyrosh/pyro/codec/serpent"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/wire"
)

// TestDecodeSameHoweverBytesArrive frames a result of 3,000 records in
// every itemizing serializer, compressed and not, reads it back through
// readers that hand out one byte, half of what is asked, or the data with
// io.EOF, and decodes it whole and element by element: always the value
// that was sent.
func TestDecodeSameHoweverBytesArrive(t *testing.T) {
	want := codectest.SmallDicts(3000)
	readers := map[string]func(io.Reader) io.Reader{
		"one byte": iotest.OneByteReader, "half": iotest.HalfReader, "data+EOF": iotest.DataErrReader,
	}
	for _, c := range []codec.Codec{serpent.Codec{}, json.Codec{}, marshal.Codec{}, msgpack.Codec{}} {
		payload, err := c.Encode(nil, want)
		if err != nil {
			t.Fatal(err)
		}
		for _, compress := range []bool{false, true} {
			var frame bytes.Buffer
			m := &wire.Message{Type: wire.Result, SerializerID: c.ID(), Data: payload}
			if err := wire.Write(&frame, m, &wire.Options{Compress: compress}); err != nil {
				t.Fatal(err)
			}
			for name, wrap := range readers {
				got, err := wire.Read(wrap(bytes.NewReader(frame.Bytes())), nil)
				if err != nil {
					t.Fatalf("%s, %s: %v", c.Name(), name, err)
				}
				for _, minSize := range []int{0, 1 << 62} {
					v, items, err := pyro.DecodeItems(c, got.Data, minSize)
					if err == nil && items != nil {
						var elems py.List
						for {
							e, ok, err2 := items.Next()
							if err2 != nil || !ok {
								err = err2
								break
							}
							elems = append(elems, e)
						}
						v = elems
					}
					if err != nil || !py.Equal(v, want) {
						t.Errorf("%s, compressed %v, %s, streamed %v: equal %v, error %v", c.Name(), compress, name, minSize == 0, py.Equal(v, want), err)
					}
				}
			}
		}
	}
}
