package msgpack

import (
	"encoding/binary"
	"fmt"
	"math"
	"unicode/utf8"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// decoder reads one msgpack object from a byte slice.
type decoder struct {
	data   []byte
	pos    int
	depth  int
	budget *codec.Budget
	slab   py.Slab      // storage of arrays and maps
	strs   *py.StrTable // nil for small payloads, where it would not pay off
}

// strTableMin is the smallest payload whose strs go through a
// py.StrTable: a call's usual reply of a few hundred bytes repeats too
// little for its 8 KiB cache.
const strTableMin = 16 << 10

func newDecoder(data []byte, b *codec.Budget) *decoder {
	d := &decoder{data: data, budget: codec.BudgetFor(b, len(data))}
	if len(data) >= strTableMin {
		d.strs = new(py.StrTable)
	}
	return d
}

func decode(data []byte, b *codec.Budget) (py.Value, error) {
	d := newDecoder(data, b)
	v, err := d.value()
	if err != nil {
		return nil, err
	}
	return v, d.end()
}

// end checks that nothing follows the value.
func (d *decoder) end() error {
	if d.pos != len(d.data) {
		return d.errorf(d.pos, "extra data")
	}
	return nil
}

// charge counts n bytes against the budget.
func (d *decoder) charge(n, at int) error {
	if !d.budget.Charge(n) {
		return d.budget.Error("msgpack", at)
	}
	return nil
}

func (d *decoder) errorf(at int, format string, args ...any) error {
	return &codec.Error{Codec: "msgpack", Op: "decode", Offset: at, Msg: fmt.Sprintf(format, args...)}
}

func (d *decoder) take(n int) ([]byte, error) {
	if n < 0 || n > len(d.data)-d.pos {
		return nil, d.errorf(d.pos, "unexpected end of data")
	}
	b := d.data[d.pos : d.pos+n]
	d.pos += n
	return b, nil
}

// uint reads a big-endian unsigned integer of size bytes.
func (d *decoder) uint(size int) (uint64, error) {
	b, err := d.take(size)
	if err != nil {
		return 0, err
	}
	switch size {
	case 1:
		return uint64(b[0]), nil
	case 2:
		return uint64(binary.BigEndian.Uint16(b)), nil
	case 4:
		return uint64(binary.BigEndian.Uint32(b)), nil
	}
	return binary.BigEndian.Uint64(b), nil
}

// length reads a size-byte length of items each at least min bytes long
// and checks the rest of the input can hold them.
func (d *decoder) length(size, min int) (int, error) {
	at := d.pos
	n, err := d.uint(size)
	if err != nil {
		return 0, err
	}
	if n*uint64(min) > uint64(len(d.data)-d.pos) {
		return 0, d.errorf(at, "length %d exceeds the data", n)
	}
	return int(n), nil
}

func (d *decoder) value() (py.Value, error) {
	at := d.pos
	if d.pos >= len(d.data) {
		return nil, d.errorf(at, "unexpected end of data")
	}
	c := d.data[d.pos]
	d.pos++
	switch {
	case c <= 0x7f:
		return py.Int(c), nil
	case c >= 0xe0:
		return py.Int(int8(c)), nil
	case c <= 0x8f:
		return d.mapN(int(c&0x0f), at)
	case c <= 0x9f:
		return d.arrayN(int(c&0x0f), at)
	case c <= 0xbf:
		return d.str(int(c&0x1f), at)
	}
	switch c {
	case 0xc0:
		return py.None, nil
	case 0xc2:
		return py.Bool(false), nil
	case 0xc3:
		return py.Bool(true), nil
	case 0xc4, 0xc5, 0xc6:
		n, err := d.length(1<<(c-0xc4), 1)
		if err != nil {
			return nil, err
		}
		if err := d.charge(n, at); err != nil {
			return nil, err
		}
		b, _ := d.take(n)
		return py.Bytes(append([]byte{}, b...)), nil
	case 0xc7, 0xc8, 0xc9:
		n, err := d.length(1<<(c-0xc7), 1)
		if err != nil {
			return nil, err
		}
		return d.ext(n, at)
	case 0xca:
		u, err := d.uint(4)
		return d.slab.Float(float64(math.Float32frombits(uint32(u)))), err
	case 0xcb:
		u, err := d.uint(8)
		return d.slab.Float(math.Float64frombits(u)), err
	case 0xcc, 0xcd, 0xce, 0xcf:
		u, err := d.uint(1 << (c - 0xcc))
		if err != nil {
			return nil, err
		}
		if u > math.MaxInt64 {
			return bigUint(u), nil
		}
		return d.slab.Int(int64(u)), nil
	case 0xd0:
		u, err := d.uint(1)
		return py.Int(int8(u)), err
	case 0xd1:
		u, err := d.uint(2)
		return d.slab.Int(int64(int16(u))), err
	case 0xd2:
		u, err := d.uint(4)
		return d.slab.Int(int64(int32(u))), err
	case 0xd3:
		u, err := d.uint(8)
		return d.slab.Int(int64(u)), err
	case 0xd4, 0xd5, 0xd6, 0xd7, 0xd8:
		return d.ext(1<<(c-0xd4), at)
	case 0xd9, 0xda, 0xdb:
		n, err := d.length(1<<(c-0xd9), 1)
		if err != nil {
			return nil, err
		}
		return d.str(n, at)
	case 0xdc, 0xdd:
		n, err := d.length(2<<(c-0xdc), 1)
		if err != nil {
			return nil, err
		}
		return d.arrayN(n, at)
	case 0xde, 0xdf:
		n, err := d.length(2<<(c-0xde), 2)
		if err != nil {
			return nil, err
		}
		return d.mapN(n, at)
	}
	return nil, d.errorf(at, "invalid type byte 0x%02x", c)
}

func (d *decoder) str(n, at int) (py.Value, error) {
	b, err := d.take(n)
	if err != nil {
		return nil, err
	}
	var v py.Value
	ok := true
	if d.strs != nil {
		v, ok = d.strs.StrUTF8(b)
	} else if ok = utf8.Valid(b); ok {
		v = py.Str(b)
	}
	if !ok {
		return nil, d.errorf(at, "invalid utf-8 in str")
	}
	if err := d.charge(n, at); err != nil {
		return nil, err
	}
	return v, nil
}

func (d *decoder) enter(at int) error {
	d.depth++
	if d.depth > codec.MaxDepth {
		return d.errorf(at, "nesting deeper than %d", codec.MaxDepth)
	}
	return nil
}

func (d *decoder) arrayN(n, at int) (py.Value, error) {
	if err := d.enter(at); err != nil {
		return nil, err
	}
	if n > len(d.data)-d.pos {
		return nil, d.errorf(at, "length %d exceeds the data", n)
	}
	if err := d.charge(n*codec.ValueCost, at); err != nil {
		return nil, err
	}
	l := py.List(d.slab.Values(n))
	for i := range l {
		v, err := d.value()
		if err != nil {
			return nil, err
		}
		l[i] = v
	}
	d.depth--
	return d.slab.List(l), nil
}

func (d *decoder) mapN(n, at int) (py.Value, error) {
	if err := d.enter(at); err != nil {
		return nil, err
	}
	if 2*n > len(d.data)-d.pos {
		return nil, d.errorf(at, "length %d exceeds the data", n)
	}
	if err := d.charge(2*n*codec.ValueCost, at); err != nil {
		return nil, err
	}
	items := d.slab.Items(n)
	for i := range items {
		kat := d.pos
		k, err := d.value()
		if err != nil {
			return nil, err
		}
		k = hashable(k)
		if unhashable(k) {
			return nil, d.errorf(kat, "%v", &py.UnhashableError{Value: k})
		}
		v, err := d.value()
		if err != nil {
			return nil, err
		}
		items[i] = py.Item{Key: k, Value: v}
	}
	// A key given twice keeps its first place and its last value, as
	// msgpack-python's dict does.
	m, err := d.slab.Dict(items)
	if err != nil {
		return nil, d.errorf(at, "%v", err)
	}
	d.depth--
	return m, nil
}

// unhashable reports the keys a dict refuses: maps, and tuples (arrays)
// holding one.
func unhashable(k py.Value) bool {
	switch k.(type) {
	case *py.Dict:
		return true
	case py.Tuple:
		_, ok := py.HashKey(k)
		return !ok
	}
	return false
}

// hashable turns array keys into tuples, as msgpack-python does with
// use_list=False, so a tuple key Python packed can be a dict key again.
func hashable(k py.Value) py.Value {
	l, ok := k.(py.List)
	if !ok {
		return k
	}
	t := make(py.Tuple, len(l))
	for i, e := range l {
		t[i] = hashable(e)
	}
	return t
}
