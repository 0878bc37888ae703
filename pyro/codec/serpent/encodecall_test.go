package serpent

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// TestEncodeCallIsEncodeOfTheTuple: EncodeCall writes the call in place,
// byte for byte what Encode gives for (object, method, args, kwargs or {}).
func TestEncodeCallIsEncodeOfTheTuple(t *testing.T) {
	kw := py.NewDict(2)
	kw.SetStr("k", py.List{py.Int(1), py.Str("it's")})
	kw.SetStr("b", py.Bytes("\x00\xff"))
	calls := []*codec.Call{
		{Object: "Thing", Method: "hello"},
		{Object: "Thing", Method: "echo", Args: []py.Value{py.Int(1)}},
		{Object: "a'b", Method: "echo", Args: []py.Value{py.Float(2.5), py.None, py.Tuple{py.Int(1)}}, Kwargs: kw},
		{Object: "Thing", Method: "echo", Args: []py.Value{}, Kwargs: py.NewDict(0)},
	}
	var c Codec
	for _, call := range calls {
		kwargs := call.Kwargs
		if kwargs == nil {
			kwargs = py.NewDict(0)
		}
		want, err := c.Encode(nil, py.Tuple{py.Str(call.Object), py.Str(call.Method), py.Tuple(call.Args), kwargs})
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.EncodeCall(nil, call)
		if err != nil || string(got) != string(want) {
			t.Errorf("EncodeCall = %q, %v\nwant %q", got, err, want)
		}
	}
	deep := py.Value(py.Int(0))
	for range codec.MaxDepth + 1 {
		deep = py.List{deep}
	}
	if _, err := c.EncodeCall(nil, &codec.Call{Object: "o", Method: "m", Args: []py.Value{deep}}); err == nil {
		t.Error("a value nested past the limit encoded without an error")
	}
}
