// Package codec defines what a Pyro4 serializer is to pyrosh: something
// that turns bytes into py values and back, and knows the shape its
// serializer gives an INVOKE payload. The serializers themselves live in
// the sub-packages named after Pyro4's (serpent, json, marshal, msgpack,
// pickle); the pyro package keeps the table of them.
//
// Codecs stay dumb: a dict with a "__class__" key decodes to a *py.Dict
// like any other, and pyro turns the ones it knows into exceptions, URIs
// and proxies.
package codec

import (
	"fmt"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// Serializer ids as Pyro4 4.82 numbers them (util.py, each serializer's
// serializer_id).
const (
	IDSerpent     = 1
	IDJSON        = 2
	IDMarshal     = 3
	IDPickle      = 4
	IDDill        = 5
	IDMsgpack     = 6
	IDCloudpickle = 7
)

// MaxDepth bounds the nesting of containers any decoder accepts, so a
// hostile "[[[[..." is an error and not a stack overflow.
const MaxDepth = 512

// Call is the content of an INVOKE payload.
type Call struct {
	Object string
	Method string
	Args   []py.Value
	Kwargs *py.Dict // nil encodes as an empty dict
}

// Codec is one Pyro4 serializer.
type Codec interface {
	// Name is Pyro4's name for the serializer: "serpent", "json"...
	Name() string
	// ID is the serializer id carried in every message header.
	ID() uint16
	// Encode appends the serialized form of v to dst.
	Encode(dst []byte, v py.Value) ([]byte, error)
	// Decode parses one serialized value. It never panics, whatever data
	// holds, and bounds nesting by MaxDepth.
	Decode(data []byte) (py.Value, error)
	// EncodeCall appends an INVOKE payload in this serializer's shape.
	EncodeCall(dst []byte, c *Call) ([]byte, error)
	// DecodeCall parses an INVOKE payload (the daemon side).
	DecodeCall(data []byte) (*Call, error)
}

// CallPrefixer is a Codec whose INVOKE payload begins with bytes that
// depend only on the object and the method: EncodeCall(dst, c) is
// AppendCallArgs(AppendCallPrefix(dst, c.Object, c.Method), c), byte for
// byte, so a connection can keep the prefix for the next call of the
// same method instead of quoting both names again.
type CallPrefixer interface {
	AppendCallPrefix(dst []byte, object, method string) []byte
	AppendCallArgs(dst []byte, c *Call) ([]byte, error)
}

// Copier is a Codec whose decoded values keep no reference to the bytes
// they were decoded from, so the caller may reuse those bytes for the
// next payload: Python's values own their memory, and so do these.
type Copier interface {
	// DecodeCopies is a marker: it reports true.
	DecodeCopies() bool
}

// Error reports data a codec could not encode or decode. Offset is the
// byte offset of the problem in the input when known, else -1.
type Error struct {
	Codec  string
	Op     string // "decode" or "encode"
	Offset int
	Msg    string
	Err    error // the cause when there is one to test for (ErrTooLarge), else nil
}

// Unwrap returns the cause, for errors.Is.
func (e *Error) Unwrap() error { return e.Err }

func (e *Error) Error() string {
	if e.Offset >= 0 {
		return fmt.Sprintf("%s %s: %s at byte %d", e.Codec, e.Op, e.Msg, e.Offset)
	}
	return fmt.Sprintf("%s %s: %s", e.Codec, e.Op, e.Msg)
}
