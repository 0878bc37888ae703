package serpent

import (
	"encoding/base64"
	"errors"
	"math"
	"sync"
	"unsafe"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pylit"
)

// Header is the line serpent puts before every payload (Python 3 flavour).
const Header = "# serpent utf-8 python3.2\n"

// Codec is the serpent serializer. The zero value is ready to use.
type Codec struct{}

var (
	_ codec.Codec        = Codec{}
	_ codec.Bounded      = Codec{}
	_ codec.Itemizer     = Codec{}
	_ codec.CallPrefixer = Codec{}
	_ codec.Copier       = Codec{}
)

// Name returns "serpent".
func (Codec) Name() string { return "serpent" }

// ID returns serpent's serializer id, 1.
func (Codec) ID() uint16 { return codec.IDSerpent }

// Decode parses one serpent payload. A leading # comment line (the
// header) is skipped like any comment; NUL bytes and invalid UTF-8 are
// rejected as serpent.loads rejects them.
func (Codec) Decode(data []byte) (py.Value, error) {
	return decodePooled(data, nil)
}

// DecodeWithin implements codec.Bounded: Decode charging b (nil:
// codec.DecodedLimit(len(data))).
func (Codec) DecodeWithin(data []byte, b *codec.Budget) (py.Value, error) {
	return decodePooled(data, b)
}

// parsers keeps the parsers of whole-value decodes for the next one. A
// parser is 700 bytes; one per reply was the largest allocation of a
// small call, and the pages a fresh heap touched for them were a third of
// `bench -c 1`'s page faults over its first 5,000 calls
// (docs/performance.md).
var parsers = sync.Pool{New: func() any { return new(pylit.Parser) }}

// decodePooled decodes data whole: a small payload of the commonest
// forms without a parser (decodeSmall), any other with decodeParsed.
func decodePooled(data []byte, b *codec.Budget) (py.Value, error) {
	if v, ok := decodeSmall(data, b); ok {
		return v, nil
	}
	return decodeParsed(data, b)
}

// decodeParsed decodes data whole with a parser from parsers. The value
// owns its memory (strs copied, containers in blocks the parser hands
// off), so the parser is cleared, dropping data, the budget and its
// blocks, before it goes back.
func decodeParsed(data []byte, b *codec.Budget) (py.Value, error) {
	p := parsers.Get().(*pylit.Parser)
	initParser(p, borrow(data), b)
	v, err := decodeAll(p)
	*p = pylit.Parser{}
	parsers.Put(p)
	return v, err
}

// DecodeCopies implements codec.Copier: nothing decoded aliases the
// payload (borrow, TestDecodeResultOwnsItsMemory).
func (Codec) DecodeCopies() bool { return true }

// borrow views data as a string without copying it, for the length of one
// Decode. That is safe because the parser copies everything a value keeps
// (strs into its own blocks, numbers into values) and builds its error
// messages afresh, so nothing returned aliases data, which the caller may
// reuse afterwards (TestDecodeResultOwnsItsMemory). It earns the unsafe:
// copying a large reply first was 7% of the decode's time and a sixth of
// its allocation.
func borrow(data []byte) string {
	if len(data) == 0 {
		return ""
	}
	return unsafe.String(&data[0], len(data))
}

func newParser(src string, b *codec.Budget) *pylit.Parser {
	p := new(pylit.Parser)
	initParser(p, src, b)
	return p
}

// initParser sets up p, a zero Parser, over src for serpent.
func initParser(p *pylit.Parser, src string, b *codec.Budget) {
	p.Init(src, pylit.Limits{Budget: codec.BudgetFor(b, len(src))})
	p.SetDictHook(special)
}

// decodeAll parses the payload's one value.
func decodeAll(p *pylit.Parser) (py.Value, error) {
	v, err := p.Literal()
	if err == nil {
		err = atEnd(p)
	}
	if err != nil {
		return nil, decodeError(err)
	}
	return v, nil
}

// atEnd checks that nothing follows the value the parser has read.
func atEnd(p *pylit.Parser) error {
	if err := p.Err(); err != nil {
		return err // a bad token after the value: '1' @
	}
	if t := p.Peek(); t.Kind != pylit.EOF {
		return p.Errorf(t.Off, "expected end of input, found "+t.Text)
	}
	return nil
}

func decodeError(err error) error {
	var ce *codec.Error
	if errors.As(err, &ce) {
		e := *ce // the budget's error, made in pylit's name
		e.Codec = "serpent"
		return &e
	}
	var se *pylit.SyntaxError
	if errors.As(err, &se) {
		return &codec.Error{Codec: "serpent", Op: "decode", Offset: se.Offset, Msg: se.Error()}
	}
	return &codec.Error{Codec: "serpent", Op: "decode", Offset: -1, Msg: err.Error()}
}

// special turns serpent's encodings of bytes and nan back into values.
// Only exact shapes count: two keys, those keys, str values, valid base64;
// anything else stays the dict it is.
func special(d *py.Dict) py.Value {
	if d.Len() != 2 {
		return d
	}
	it := d.Items()
	k0, ok0 := it[0].Key.(py.Str)
	k1, ok1 := it[1].Key.(py.Str)
	if !ok0 || !ok1 {
		return d
	}
	switch {
	case k0 == "data" && k1 == "encoding" || k0 == "encoding" && k1 == "data":
		data, enc := it[0].Value, it[1].Value
		if k0 == "encoding" {
			data, enc = enc, data
		}
		s, ok := data.(py.Str)
		if e, ok2 := enc.(py.Str); !ok || !ok2 || e != "base64" {
			return d
		}
		b, err := base64.StdEncoding.DecodeString(string(s))
		if err != nil {
			return d
		}
		return py.Bytes(b)
	case k0 == "__class__" && k1 == "value" || k0 == "value" && k1 == "__class__":
		cls, val := it[0].Value, it[1].Value
		if k0 == "value" {
			cls, val = val, cls
		}
		if c, ok := cls.(py.Str); ok && c == "float" {
			if v, ok := val.(py.Str); ok && v == "nan" {
				return py.Float(math.NaN())
			}
		}
	}
	return d
}

// EncodeCall appends an INVOKE payload: the 4-tuple
// (objectId, method, (vargs...), {kwargs}) that Pyro4's dumpsCall writes.
func (c Codec) EncodeCall(dst []byte, call *codec.Call) ([]byte, error) {
	return c.AppendCallArgs(c.AppendCallPrefix(dst, call.Object, call.Method), call)
}

// AppendCallPrefix implements codec.CallPrefixer: the header, then the
// 4-tuple up to the opening of its arguments' tuple.
func (Codec) AppendCallPrefix(dst []byte, object, method string) []byte {
	// The 4-tuple written in place, byte for byte what Encode gives for
	// (object, method, tuple(args), kwargs or {}), without building it:
	// a call is encoded on every request.
	dst = append(dst, Header...)
	dst = append(dst, '(')
	dst = py.AppendQuoted(dst, object)
	dst = append(dst, ',')
	dst = py.AppendQuoted(dst, method)
	return append(dst, ",("...)
}

// AppendCallArgs implements codec.CallPrefixer: the rest of the 4-tuple
// after AppendCallPrefix, from the arguments on.
func (Codec) AppendCallArgs(dst []byte, call *codec.Call) ([]byte, error) {
	var err error
	if dst, err = encodeItems(dst, call.Args, 1); err != nil {
		return dst, err
	}
	if len(call.Args) == 1 {
		dst = append(dst, ',')
	}
	dst = append(dst, "),"...)
	if call.Kwargs == nil {
		dst = append(dst, "{}"...)
	} else if dst, err = encodeDict(dst, call.Kwargs, 1); err != nil {
		return dst, err
	}
	return append(dst, ')'), nil
}

// DecodeCall parses an INVOKE payload: a 4-tuple of object id, method
// name, the positional arguments (tuple or list) and the keyword
// arguments (dict or None).
func (c Codec) DecodeCall(data []byte) (*codec.Call, error) { return c.DecodeCallWithin(data, nil) }

// DecodeCallWithin is DecodeCall charging b (codec.BoundedCall); a nil b
// is codec.BudgetFor's default.
func (c Codec) DecodeCallWithin(data []byte, b *codec.Budget) (*codec.Call, error) {
	v, err := c.DecodeWithin(data, b)
	if err != nil {
		return nil, err
	}
	bad := func(msg string) error {
		return &codec.Error{Codec: "serpent", Op: "decode", Offset: -1, Msg: "call payload: " + msg}
	}
	t, ok := v.(py.Tuple)
	if !ok || len(t) != 4 {
		return nil, bad("not a 4-tuple but " + py.TypeName(v))
	}
	obj, ok1 := t[0].(py.Str)
	method, ok2 := t[1].(py.Str)
	if !ok1 || !ok2 {
		return nil, bad("object id and method must be str")
	}
	call := &codec.Call{Object: string(obj), Method: string(method)}
	switch a := t[2].(type) {
	case py.Tuple:
		call.Args = a
	case py.List:
		call.Args = a
	default:
		return nil, bad("arguments are a " + py.TypeName(t[2]) + ", not a tuple")
	}
	switch k := t[3].(type) {
	case *py.Dict:
		call.Kwargs = k
	case py.NoneType:
	default:
		return nil, bad("keyword arguments are a " + py.TypeName(t[3]) + ", not a dict")
	}
	return call, nil
}
