package marshal

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// decoder reads one marshal stream.
type decoder struct {
	data  []byte
	pos   int
	depth int
	// refs is the reference table; a nil entry is an object still being
	// read (a container's slot is reserved before its items, as CPython
	// does). sizes holds how many values each entry stands for.
	refs  []py.Value
	sizes []int
	// nodes counts the values produced, references expanded; maxNodes
	// bounds it.
	nodes, maxNodes int
	budget          *codec.Budget
	guess           codec.SizeGuess // the room dicts start with
	slab            py.Slab         // storage of containers
	strs            *py.StrTable
}

// strTableMin is the smallest payload whose strs go through a
// py.StrTable: a call's usual reply of a few hundred bytes repeats too
// little for its 8 KiB cache.
const strTableMin = 16 << 10

func newDecoder(data []byte, b *codec.Budget) *decoder {
	d := &decoder{data: data, maxNodes: nodeBudget(len(data)), budget: codec.BudgetFor(b, len(data))}
	if len(data) >= strTableMin {
		d.strs = new(py.StrTable)
	}
	return d
}

// charge counts n bytes against the budget.
func (d *decoder) charge(n, at int) error {
	if !d.budget.Charge(n) {
		return d.budget.Error("marshal", at)
	}
	return nil
}

// str boxes text that is valid UTF-8, charging it to the budget.
func (d *decoder) str(b []byte, at int) (py.Value, error) {
	if err := d.charge(len(b), at); err != nil {
		return nil, err
	}
	if d.strs != nil {
		return d.strs.Str(b), nil
	}
	return py.Str(b), nil
}

// charged returns v, a str of n bytes boxed already, once its text is
// charged to the budget.
func (d *decoder) charged(v py.Value, n, at int) (py.Value, error) {
	if err := d.charge(n, at); err != nil {
		return nil, err
	}
	return v, nil
}

// nodeBudget is the number of values a stream of n bytes may expand to
// through references: far more than CPython's sharing of strings and
// small objects needs, far less than a doubling chain could reach.
func nodeBudget(n int) int { return 16*n + 1<<16 }

func decode(data []byte, b *codec.Budget) (py.Value, error) {
	return decodeWith(newDecoder(data, b))
}

func decodeWith(d *decoder) (py.Value, error) {
	v, err := d.object()
	if err != nil {
		return nil, err
	}
	if v == nil {
		return nil, d.errorf(0, "bad marshal data (NULL object)")
	}
	// marshal.loads ignores trailing bytes, and so do we.
	return v, nil
}

func (d *decoder) errorf(at int, format string, args ...any) error {
	return &codec.Error{Codec: "marshal", Op: "decode", Offset: at, Msg: fmt.Sprintf(format, args...)}
}

func (d *decoder) eof() error {
	return d.errorf(d.pos, "unexpected end of data")
}

func (d *decoder) byte1() (byte, error) {
	if d.pos >= len(d.data) {
		return 0, d.eof()
	}
	b := d.data[d.pos]
	d.pos++
	return b, nil
}

func (d *decoder) take(n int) ([]byte, error) {
	if n < 0 || n > len(d.data)-d.pos {
		return nil, d.eof()
	}
	b := d.data[d.pos : d.pos+n]
	d.pos += n
	return b, nil
}

func (d *decoder) int32() (int32, error) {
	b, err := d.take(4)
	if err != nil {
		return 0, err
	}
	return int32(binary.LittleEndian.Uint32(b)), nil
}

// count reads an int32 length of items each at least min bytes long and
// checks the rest of the input can hold them.
func (d *decoder) count(min int) (int, error) {
	at := d.pos
	n, err := d.int32()
	if err != nil {
		return 0, err
	}
	if n < 0 {
		return 0, d.errorf(at, "bad marshal data (negative size %d)", n)
	}
	if int64(n)*int64(min) > int64(len(d.data)-d.pos) {
		return 0, d.errorf(at, "bad marshal data (size %d exceeds the data)", n)
	}
	return int(n), nil
}

func (d *decoder) float64() (float64, error) {
	b, err := d.take(8)
	if err != nil {
		return 0, err
	}
	return math.Float64frombits(binary.LittleEndian.Uint64(b)), nil
}

func (d *decoder) textFloat() (float64, error) {
	at := d.pos
	n, err := d.byte1()
	if err != nil {
		return 0, err
	}
	b, err := d.take(int(n))
	if err != nil {
		return 0, err
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
			return 0, d.errorf(at, "bad marshal data (invalid float %q)", b)
		}
	}
	return f, nil
}

// object reads one value; it returns nil for the NULL that ends a dict.
func (d *decoder) object() (py.Value, error) {
	at := d.pos
	code, err := d.byte1()
	if err != nil {
		return nil, err
	}
	flag := code&flagRef != 0
	code &^= flagRef
	idx := -1
	if flag {
		if code == typeRef || code == typeNull {
			return nil, d.errorf(at, "bad marshal data (reference flag on %q)", code)
		}
		idx = len(d.refs)
		d.refs = append(d.refs, pending(code))
		d.sizes = append(d.sizes, 0)
	}
	startNodes := d.nodes
	v, err := d.value(code, at)
	if err != nil || v == nil {
		return v, err
	}
	if code != typeRef {
		d.nodes++
		if d.nodes > d.maxNodes {
			return nil, d.errorf(at, "data expands to more than %d values", d.maxNodes)
		}
	}
	if idx >= 0 {
		if r, ok := d.refs[idx].(*py.Recursive); ok {
			r.Target = v // the container its references inside stand for
		}
		d.refs[idx] = v
		d.sizes[idx] = d.nodes - startNodes
	}
	return v, nil
}

func (d *decoder) value(code byte, at int) (py.Value, error) {
	switch code {
	case typeNull:
		return nil, nil
	case typeNone:
		return py.None, nil
	case typeFalse:
		return py.Bool(false), nil
	case typeTrue:
		return py.Bool(true), nil
	case typeInt:
		i, err := d.int32()
		return d.slab.Int(int64(i)), err
	case typeInt64:
		b, err := d.take(8)
		if err != nil {
			return nil, err
		}
		return d.slab.Int(int64(binary.LittleEndian.Uint64(b))), nil
	case typeLong:
		return d.long(at)
	case typeBinaryFloat:
		f, err := d.float64()
		return d.slab.Float(f), err
	case typeFloat:
		f, err := d.textFloat()
		return py.Float(f), err
	case typeBinaryComplex:
		re, err := d.float64()
		if err != nil {
			return nil, err
		}
		im, err := d.float64()
		return py.Complex(complex(re, im)), err
	case typeComplex:
		re, err := d.textFloat()
		if err != nil {
			return nil, err
		}
		im, err := d.textFloat()
		return py.Complex(complex(re, im)), err
	case typeString:
		n, err := d.count(1)
		if err != nil {
			return nil, err
		}
		if err := d.charge(n, at); err != nil {
			return nil, err
		}
		b, _ := d.take(n)
		return py.Bytes(append([]byte{}, b...)), nil
	case typeUnicode, typeInterned:
		n, err := d.count(1)
		if err != nil {
			return nil, err
		}
		b, _ := d.take(n)
		if d.strs != nil {
			if v, ok := d.strs.StrUTF8(b); ok {
				return d.charged(v, n, at)
			}
		} else if utf8.Valid(b) {
			return d.str(b, at)
		}
		s, ok := utf8String(b)
		if !ok {
			return nil, d.errorf(at, "bad marshal data (invalid utf-8 in str)")
		}
		return d.str([]byte(s), at)
	case typeASCII, typeASCIIInterned:
		n, err := d.count(1)
		if err != nil {
			return nil, err
		}
		b, _ := d.take(n)
		return d.latin1(b, at)
	case typeShortASCII, typeShortASCIIInterned:
		n, err := d.byte1()
		if err != nil {
			return nil, err
		}
		b, err := d.take(int(n))
		if err != nil {
			return nil, err
		}
		return d.latin1(b, at)
	case typeRef:
		return d.ref(at)
	case typeTuple, typeSmallTuple, typeList, typeDict, typeSet, typeFrozenSet:
		return d.container(code, at)
	case typeCode:
		return nil, d.errorf(at, "refusing code object in marshal data")
	case typeStopIter, typeEllipsis:
		return nil, d.errorf(at, "unsupported marshal type %q", code)
	}
	return nil, d.errorf(at, "bad marshal data (unknown type code 0x%02x)", code)
}

// latin1 boxes an 'a' string, whose bytes are Latin-1.
func (d *decoder) latin1(b []byte, at int) (py.Value, error) {
	if d.strs != nil {
		if v, ok := d.strs.StrASCII(b); ok {
			return d.charged(v, len(b), at)
		}
	}
	for _, c := range b {
		if c >= 0x80 {
			return d.str([]byte(latin1String(b)), at)
		}
	}
	return d.str(b, at)
}

func (d *decoder) ref(at int) (py.Value, error) {
	b, err := d.take(4)
	if err != nil {
		return nil, err
	}
	i := binary.LittleEndian.Uint32(b)
	if uint64(i) >= uint64(len(d.refs)) {
		return nil, d.errorf(at, "bad marshal data (invalid reference)")
	}
	if d.refs[i] == nil {
		return nil, d.errorf(at, "unsupported recursive reference in marshal data")
	}
	if r, ok := d.refs[i].(*py.Recursive); ok {
		// A reference to a container still being read: it holds itself.
		return r, nil
	}
	d.nodes += d.sizes[i]
	if d.nodes > d.maxNodes {
		return nil, d.errorf(at, "data expands to more than %d values", d.maxNodes)
	}
	return d.refs[i], nil
}

// pending is what a reference to an object still being read stands for:
// a py.Recursive for a container (which can hold itself, as
// rec.append(rec) does), nil for anything else (an error if referenced).
func pending(code byte) py.Value {
	switch code {
	case typeList:
		return &py.Recursive{Kind: "list"}
	case typeDict:
		return &py.Recursive{Kind: "dict"}
	case typeTuple, typeSmallTuple:
		return &py.Recursive{Kind: "tuple"}
	}
	return nil
}
