package marshal

import (
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// Codec is Pyro4's marshal serializer. The zero value is ready to use.
type Codec struct{}

var (
	_ codec.Codec    = Codec{}
	_ codec.Bounded  = Codec{}
	_ codec.Itemizer = Codec{}
)

// Name implements codec.Codec.
func (Codec) Name() string { return "marshal" }

// ID implements codec.Codec.
func (Codec) ID() uint16 { return codec.IDMarshal }

// Encode implements codec.Codec.
func (Codec) Encode(dst []byte, v py.Value) ([]byte, error) {
	return appendValue(dst, v, 0)
}

// Decode implements codec.Codec.
func (Codec) Decode(data []byte) (py.Value, error) {
	return decode(data, nil)
}

// DecodeWithin implements codec.Bounded.
func (Codec) DecodeWithin(data []byte, b *codec.Budget) (py.Value, error) {
	return decode(data, b)
}

// EncodeCall implements codec.Codec: the 4-tuple of Pyro4's dumpsCall, with
// the positional arguments as a list.
func (Codec) EncodeCall(dst []byte, c *codec.Call) ([]byte, error) {
	kwargs := c.Kwargs
	if kwargs == nil {
		kwargs = py.NewDict(0)
	}
	args := py.List(c.Args)
	if args == nil {
		args = py.List{}
	}
	return appendValue(dst, py.Tuple{py.Str(c.Object), py.Str(c.Method), args, kwargs}, 0)
}

// DecodeCall implements codec.Codec. Positional arguments may be a list or
// a tuple; kwargs None (Pyro4's batch calls) gives a nil Kwargs.
func (Codec) DecodeCall(data []byte) (*codec.Call, error) { return Codec{}.DecodeCallWithin(data, nil) }

// DecodeCallWithin is DecodeCall charging b (codec.BoundedCall); a nil b
// is codec.BudgetFor's default.
func (Codec) DecodeCallWithin(data []byte, b *codec.Budget) (*codec.Call, error) {
	v, err := decode(data, b)
	if err != nil {
		return nil, err
	}
	t, ok := v.(py.Tuple)
	if !ok || len(t) != 4 {
		return nil, callError("payload is not a 4-tuple")
	}
	o, ok1 := t[0].(py.Str)
	m, ok2 := t[1].(py.Str)
	if !ok1 || !ok2 {
		return nil, callError("object and method must be str")
	}
	c := &codec.Call{Object: string(o), Method: string(m)}
	switch a := t[2].(type) {
	case py.List:
		c.Args = a
	case py.Tuple:
		c.Args = a
	default:
		return nil, callError("vargs must be a list or tuple")
	}
	switch k := t[3].(type) {
	case *py.Dict:
		c.Kwargs = k
	case py.NoneType:
	default:
		return nil, callError("kwargs must be a dict or None")
	}
	return c, nil
}

func callError(msg string) error {
	return &codec.Error{Codec: "marshal", Op: "decode", Offset: -1, Msg: "invalid call: " + msg}
}
