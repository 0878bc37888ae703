package pyro

import (
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/codec/serpent"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// TestEncodeCallKeepsPrefixRight checks that a connection's kept INVOKE
// prefix gives the codec's own EncodeCall bytes whatever the order of
// objects and methods, long names included.
func TestEncodeCallKeepsPrefixRight(t *testing.T) {
	var cd serpent.Codec
	long := strings.Repeat("m", 5000)
	calls := []codec.Call{
		{Object: "Example", Method: "echo", Args: []py.Value{py.Int(1)}},
		{Object: "Example", Method: "echo", Args: []py.Value{py.Str("a"), py.None}},
		{Object: "Example", Method: "ping"},
		{Object: "Pyro.Daemon", Method: "get_next_stream_item", Args: []py.Value{py.Str("id")}},
		{Object: "Example", Method: "ping", Kwargs: py.DictOf(py.Str("k"), py.Int(2))},
		{Object: "Example", Method: long},
		{Object: "Example", Method: long},
		{Object: "it's", Method: "é"},
		{Object: "Example", Method: "echo", Args: []py.Value{py.Int(1)}},
	}
	c := &conn{}
	for i := range calls {
		want, err := cd.EncodeCall(nil, &calls[i])
		if err != nil {
			t.Fatal(err)
		}
		c.call = calls[i]
		got, err := c.encodeCall(cd, cd)
		if err != nil || string(got) != string(want) {
			t.Fatalf("call %d: %.80q, %v; want %.80q", i, got, err, want)
		}
		c.enc = got
	}
}
