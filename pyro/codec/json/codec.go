package json

import (
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// Codec is Pyro4's json serializer. The zero value is ready to use.
type Codec struct{}

var (
	_ codec.Codec    = Codec{}
	_ codec.Bounded  = Codec{}
	_ codec.Itemizer = Codec{}
)

// Name implements codec.Codec.
func (Codec) Name() string { return "json" }

// ID implements codec.Codec.
func (Codec) ID() uint16 { return codec.IDJSON }

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

// EncodeCall implements codec.Codec: the object Pyro4's dumpsCall builds,
// keys in its order.
func (Codec) EncodeCall(dst []byte, c *codec.Call) ([]byte, error) {
	var err error
	dst = append(dst, `{"object": `...)
	dst = appendString(dst, c.Object)
	dst = append(dst, `, "method": `...)
	dst = appendString(dst, c.Method)
	dst = append(dst, `, "params": `...)
	if dst, err = appendSeq(dst, c.Args, 1); err != nil {
		return nil, err
	}
	dst = append(dst, `, "kwargs": `...)
	if c.Kwargs == nil {
		dst = append(dst, "{}"...)
	} else if dst, err = appendDict(dst, c.Kwargs, 1); err != nil {
		return nil, err
	}
	return append(dst, '}'), nil
}

// DecodeCall implements codec.Codec. A null kwargs (Pyro4's batch calls
// send it) gives a nil Kwargs.
func (Codec) DecodeCall(data []byte) (*codec.Call, error) { return Codec{}.DecodeCallWithin(data, nil) }

// DecodeCallWithin is DecodeCall charging b (codec.BoundedCall); a nil b
// is codec.BudgetFor's default.
func (Codec) DecodeCallWithin(data []byte, b *codec.Budget) (*codec.Call, error) {
	v, err := decode(data, b)
	if err != nil {
		return nil, err
	}
	d, ok := v.(*py.Dict)
	if !ok {
		return nil, callError("payload is " + py.TypeName(v) + ", not an object")
	}
	c := &codec.Call{}
	obj, _ := d.GetStr("object")
	meth, _ := d.GetStr("method")
	o, ok1 := obj.(py.Str)
	m, ok2 := meth.(py.Str)
	if !ok1 || !ok2 {
		return nil, callError(`"object" and "method" must be strings`)
	}
	c.Object, c.Method = string(o), string(m)
	params, _ := d.GetStr("params")
	switch p := params.(type) {
	case py.List:
		c.Args = p
	default:
		return nil, callError(`"params" must be an array`)
	}
	kwargs, _ := d.GetStr("kwargs")
	switch k := kwargs.(type) {
	case *py.Dict:
		c.Kwargs = k
	case py.NoneType:
	default:
		return nil, callError(`"kwargs" must be an object or null`)
	}
	return c, nil
}

func callError(msg string) error {
	return &codec.Error{Codec: "json", Op: "decode", Offset: -1, Msg: "invalid call: " + msg}
}
