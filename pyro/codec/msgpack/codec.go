package msgpack

import (
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// Codec is Pyro4's msgpack serializer. The zero value is ready to use.
type Codec struct{}

var (
	_ codec.Codec    = Codec{}
	_ codec.Bounded  = Codec{}
	_ codec.Itemizer = Codec{}
)

// Name implements codec.Codec.
func (Codec) Name() string { return "msgpack" }

// ID implements codec.Codec.
func (Codec) ID() uint16 { return codec.IDMsgpack }

// Encode implements codec.Codec.
func (Codec) Encode(dst []byte, v py.Value) ([]byte, error) {
	return appendValue(dst, v, 0)
}

// Decode implements codec.Codec, within codec.DecodedLimit(len(data)).
func (Codec) Decode(data []byte) (py.Value, error) {
	return decode(data, nil)
}

// DecodeWithin implements codec.Bounded.
func (Codec) DecodeWithin(data []byte, b *codec.Budget) (py.Value, error) {
	return decode(data, b)
}

// EncodeCall implements codec.Codec: the 4-array Pyro4's dumpsCall packs.
func (Codec) EncodeCall(dst []byte, c *codec.Call) ([]byte, error) {
	dst = append(dst, 0x94)
	dst = appendStr(dst, c.Object)
	dst = appendStr(dst, c.Method)
	var err error
	if dst, err = appendArray(dst, c.Args, 1); err != nil {
		return nil, err
	}
	if c.Kwargs == nil {
		return append(dst, 0x80), nil
	}
	return appendValue(dst, c.Kwargs, 0)
}

// DecodeCall implements codec.Codec. A nil kwargs (Pyro4's batch calls
// send it) gives a nil Kwargs.
func (Codec) DecodeCall(data []byte) (*codec.Call, error) { return Codec{}.DecodeCallWithin(data, nil) }

// DecodeCallWithin is DecodeCall charging b (codec.BoundedCall); a nil b
// is codec.BudgetFor's default.
func (Codec) DecodeCallWithin(data []byte, b *codec.Budget) (*codec.Call, error) {
	v, err := decode(data, b)
	if err != nil {
		return nil, err
	}
	l, ok := v.(py.List)
	if !ok || len(l) != 4 {
		return nil, callError("payload is not an array of 4")
	}
	o, ok1 := l[0].(py.Str)
	m, ok2 := l[1].(py.Str)
	if !ok1 || !ok2 {
		return nil, callError("object and method must be str")
	}
	c := &codec.Call{Object: string(o), Method: string(m)}
	args, ok := l[2].(py.List)
	if !ok {
		return nil, callError("vargs must be an array")
	}
	c.Args = args
	switch k := l[3].(type) {
	case *py.Dict:
		c.Kwargs = k
	case py.NoneType:
	default:
		return nil, callError("kwargs must be a map or nil")
	}
	return c, nil
}

func callError(msg string) error {
	return &codec.Error{Codec: "msgpack", Op: "decode", Offset: -1, Msg: "invalid call: " + msg}
}
