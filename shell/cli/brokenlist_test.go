package cli_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/server"
)

// rawPrefix marks a str result that rawCodec sends as it is, not
// serialized: the payload of a broken reply.
const rawPrefix = "\x00raw payload\x00"

// rawCodec is a codec whose Encode sends a str starting with rawPrefix
// as the bytes after it, so a test daemon can answer with any payload.
type rawCodec struct{ codec.Codec }

func (c rawCodec) Encode(dst []byte, v py.Value) ([]byte, error) {
	if s, ok := v.(py.Str); ok && strings.HasPrefix(string(s), rawPrefix) {
		return append(dst, s[len(rawPrefix):]...), nil
	}
	return c.Codec.Encode(dst, v)
}

// rawDaemon serves an object whose method raw returns payload as it is,
// in serializer name, and returns its URI.
func rawDaemon(t *testing.T, name string, payload []byte) string {
	t.Helper()
	c, err := pyro.Codec(name)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	d := server.New(server.Options{Codecs: []codec.Codec{rawCodec{c}}, Location: l.Addr().String()})
	d.Register("raw", server.NewObject("test.Raw").Method("raw", func(_ context.Context, _ []py.Value, _ *py.Dict) (py.Value, error) {
		return py.Str(rawPrefix + string(payload)), nil
	}))
	go d.Serve(l)
	t.Cleanup(func() { d.Close() })
	return d.URI("raw")
}

// bigList is a list result of over pyro.ItemsMinSize in serializer c,
// whose elements are the strs "element-NNNNNN".
func bigList(t *testing.T, c codec.Codec) []byte {
	t.Helper()
	l := make(py.List, 120_000)
	for i := range l {
		l[i] = py.Str(fmt.Sprintf("element-%06d", i))
	}
	data, err := c.Encode(nil, l)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) < pyro.ItemsMinSize {
		t.Fatalf("%s list of %d bytes is printed whole, not element by element", c.Name(), len(data))
	}
	return data
}

// corrupt breaks the element "element-080000" of a bigList payload in
// the middle of the payload: its opening quote, type byte or tag becomes
// one the decoder refuses.
func corrupt(t *testing.T, name string, data []byte) []byte {
	t.Helper()
	data = bytes.Clone(data)
	i := bytes.Index(data, []byte("element-080000"))
	if i < 0 {
		t.Fatalf("%s: no element-080000 in the payload", name)
	}
	switch name {
	case "json", "serpent":
		data[i-1] = '!'
	case "msgpack":
		data[i-1] = 0xc1 // never used
	case "marshal":
		data[i-2] = '!' // a type code marshal does not have
	case "pickle":
		data[i-2] = 0xff // no such opcode
	}
	return data
}

// TestBrokenLargeListPrintsNothing: a large list result (printed element
// by element) whose payload is broken part-way prints nothing, only the
// one error line, and exits 3 (a protocol error), in every serializer
// and output format, as a small one does: `pyrosh call -o json ... >
// out.json` is never left with part of a list.
func TestBrokenLargeListPrintsNothing(t *testing.T) {
	for _, name := range []string{"json", "marshal", "msgpack", "serpent", "pickle"} {
		c, err := pyro.Codec(name)
		if err != nil {
			t.Fatal(err)
		}
		good := bigList(t, c)
		broken := map[string][]byte{
			"truncated": good[:len(good)*2/3],
			"corrupt":   corrupt(t, name, good),
		}
		for kind, payload := range broken {
			if _, err := codec.Decode(c, payload, nil); err == nil {
				t.Fatalf("%s %s: the payload decodes whole; the test breaks nothing", name, kind)
			}
			uri := rawDaemon(t, name, payload)
			for _, format := range []string{"json", "repr"} {
				out, errOut, code := runCLI(t, "-o", format, "call", "--serializer", name, uri, "raw")
				if out != "" || code != 3 || strings.Count(strings.TrimSuffix(errOut, "\n"), "\n") != 0 || errOut == "" {
					t.Errorf("%s %s -o %s: status %d, %d bytes of stdout (%.60q), stderr %q; want nothing on stdout, one error line, status 3",
						name, kind, format, code, len(out), out, errOut)
				}
			}
		}
		// The payload before it was broken prints whole.
		uri := rawDaemon(t, name, good)
		out, errOut, code := runCLI(t, "-o", "json", "call", "--serializer", name, uri, "raw")
		if code != 0 || !strings.HasPrefix(out, `["element-000000",`) || !strings.HasSuffix(out, "\"element-119999\"]\n") {
			t.Errorf("%s sound payload: status %d, stderr %q, stdout %.60q", name, code, errOut, out)
		}
	}
}
