package pickle

import (
	"errors"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// Codec is Pyro4's pickle serializer (id 4). The zero value is ready to use.
type Codec struct{}

var _ codec.Codec = Codec{}

// New returns the pickle codec.
func New() Codec { return Codec{} }

// Name implements codec.Codec.
func (Codec) Name() string { return "pickle" }

// ID implements codec.Codec.
func (Codec) ID() uint16 { return codec.IDPickle }

// Decode implements codec.Codec: it runs a pickle of protocol 0 to 5 on a
// VM that never imports or calls anything (see the package comment).
func (Codec) Decode(data []byte) (py.Value, error) { return decode(data, nil) }

// DecodeWithin implements codec.Bounded: Decode charging b for what the
// VM builds (a nil b is codec.BudgetFor's default).
func (Codec) DecodeWithin(data []byte, b *codec.Budget) (py.Value, error) { return decode(data, b) }

// Encode implements codec.Codec, writing protocol 4.
func (Codec) Encode(dst []byte, v py.Value) ([]byte, error) {
	e := &encoder{buf: dst}
	e.header()
	if err := e.value(v, 0); err != nil {
		return dst, err
	}
	return append(e.buf, opStop), nil
}

// EncodeCall implements codec.Codec: Pyro4 pickles the 4-tuple
// (objectId, method, vargs, kwargs) with vargs a tuple.
func (c Codec) EncodeCall(dst []byte, call *codec.Call) ([]byte, error) {
	kw := call.Kwargs
	if kw == nil {
		kw = py.NewDict(0)
	}
	return c.Encode(dst, py.Tuple{py.Str(call.Object), py.Str(call.Method), py.Tuple(call.Args), kw})
}

// DecodeCall implements codec.Codec. vargs may be a tuple or list (Pyro4
// only iterates it) and kwargs a dict or None.
func (c Codec) DecodeCall(data []byte) (*codec.Call, error) {
	v, err := c.Decode(data)
	if err != nil {
		return nil, err
	}
	bad := func(msg string) error {
		return &codec.Error{Codec: "pickle", Op: "decode", Offset: -1, Msg: msg}
	}
	t, ok := v.(py.Tuple)
	if !ok || len(t) != 4 {
		return nil, bad("call is not a 4-tuple (objectId, method, vargs, kwargs)")
	}
	obj, ok1 := t[0].(py.Str)
	method, ok2 := t[1].(py.Str)
	if !ok1 || !ok2 {
		return nil, bad("call object id and method must be str")
	}
	call := &codec.Call{Object: string(obj), Method: string(method)}
	switch a := t[2].(type) {
	case py.Tuple:
		call.Args = a
	case py.List:
		call.Args = a
	default:
		return nil, bad("call vargs must be a tuple or list, not " + py.TypeName(t[2]))
	}
	switch kw := t[3].(type) {
	case *py.Dict:
		call.Kwargs = kw
	case py.NoneType:
		call.Kwargs = py.NewDict(0)
	default:
		return nil, bad("call kwargs must be a dict, not " + py.TypeName(t[3]))
	}
	return call, nil
}

// ErrUnsupported is matched (errors.Is) by the error of Unsupported.
var ErrUnsupported = errors.New("serializer is not supported by pyrosh (it runs code)")

// UnsupportedError refuses a serializer that cannot be read without
// running the sender's code: dill and cloudpickle pickle functions and
// classes by value.
type UnsupportedError struct{ Name string }

func (e *UnsupportedError) Error() string {
	return "serializer " + e.Name + " is not supported by pyrosh (it runs code)"
}

// Is makes errors.Is(err, ErrUnsupported) true.
func (e *UnsupportedError) Is(target error) bool { return target == ErrUnsupported }

// Unsupported returns the error for a serializer pyrosh refuses: "dill" or
// "cloudpickle".
func Unsupported(name string) error { return &UnsupportedError{Name: name} }
