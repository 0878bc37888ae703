package json

import (
	"strconv"
	"unicode/utf8"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// decoder reads one JSON document the way Python's json.loads does.
type decoder struct {
	data   []byte
	pos    int
	depth  int
	budget *codec.Budget
	// JSON gives no lengths: each array and object starts with the room
	// guess gives it, cut from slab, and doubles from there.
	guess codec.SizeGuess
	slab  py.Slab
	strs  *py.StrTable // nil for small payloads, where it would not pay off
}

// strTableMin is the smallest payload whose strs go through a
// py.StrTable: a call's usual reply of a few hundred bytes repeats too
// little for its 8 KiB cache.
const strTableMin = 16 << 10

func newDecoder(data []byte, b *codec.Budget) (*decoder, error) {
	if !utf8.Valid(data) {
		// Pyro4 decodes the payload as UTF-8 before json.loads sees it.
		return nil, &codec.Error{Codec: "json", Op: "decode", Offset: invalidUTF8At(data), Msg: "invalid utf-8"}
	}
	d := &decoder{data: data, budget: codec.BudgetFor(b, len(data))}
	if len(data) >= strTableMin {
		d.strs = new(py.StrTable)
	}
	d.skipSpace()
	return d, nil
}

func decode(data []byte, b *codec.Budget) (py.Value, error) {
	d, err := newDecoder(data, b)
	if err != nil {
		return nil, err
	}
	v, err := d.value()
	if err != nil {
		return nil, err
	}
	return v, d.end()
}

// end checks that only blanks follow the value.
func (d *decoder) end() error {
	d.skipSpace()
	if d.pos != len(d.data) {
		return d.errorf("extra data")
	}
	return nil
}

// charge counts n bytes against the budget.
func (d *decoder) charge(n int) error {
	if !d.budget.Charge(n) {
		return d.budget.Error("json", d.pos)
	}
	return nil
}

func invalidUTF8At(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

func (d *decoder) errorf(msg string) error {
	return &codec.Error{Codec: "json", Op: "decode", Offset: d.pos, Msg: msg}
}

func (d *decoder) skipSpace() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

func (d *decoder) literal(word string, v py.Value) (py.Value, error) {
	if len(d.data)-d.pos >= len(word) && string(d.data[d.pos:d.pos+len(word)]) == word {
		d.pos += len(word)
		return v, nil
	}
	return nil, d.errorf("expecting value")
}

func (d *decoder) value() (py.Value, error) {
	if d.pos >= len(d.data) {
		return nil, d.errorf("expecting value")
	}
	switch c := d.data[d.pos]; c {
	case '"':
		return d.strValue()
	case '{':
		return d.object()
	case '[':
		return d.array()
	case 'n':
		return d.literal("null", py.None)
	case 't':
		return d.literal("true", py.Bool(true))
	case 'f':
		return d.literal("false", py.Bool(false))
	case 'N':
		return d.literal("NaN", py.Float(nan))
	case 'I':
		return d.literal("Infinity", py.Float(inf))
	case '-':
		if d.pos+1 < len(d.data) && d.data[d.pos+1] == 'I' {
			return d.literal("-Infinity", py.Float(-inf))
		}
		return d.number()
	default:
		if c >= '0' && c <= '9' {
			return d.number()
		}
	}
	return nil, d.errorf("expecting value")
}

func (d *decoder) enter() error {
	d.depth++
	if d.depth > codec.MaxDepth {
		return d.errorf("nesting deeper than " + strconv.Itoa(codec.MaxDepth))
	}
	return nil
}

func (d *decoder) array() (py.Value, error) {
	if err := d.enter(); err != nil {
		return nil, err
	}
	d.pos++ // '['
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == ']' {
		d.pos++
		d.depth--
		return py.List{}, nil
	}
	items := d.slab.Values(d.guess.For(codec.GuessList, d.depth))[:0]
	for {
		d.skipSpace()
		v, err := d.value()
		if err != nil {
			return nil, err
		}
		if err := d.charge(codec.ValueCost); err != nil {
			return nil, err
		}
		if len(items) == cap(items) {
			items = d.slab.MoreValues(items)
		}
		items = append(items, v)
		closed, err := d.next(']')
		if err != nil {
			return nil, err
		}
		if closed {
			break
		}
	}
	d.guess.Remember(codec.GuessList, d.depth, len(items))
	d.depth--
	return d.slab.List(items[:len(items):len(items)]), nil
}

// next moves past the ',' after an element, or past closer, which it
// reports; anything else is an error.
func (d *decoder) next(closer byte) (closed bool, err error) {
	d.skipSpace()
	if d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ',':
			d.pos++
			return false, nil
		case closer:
			d.pos++
			return true, nil
		}
	}
	return false, d.errorf("expecting ',' delimiter")
}

func (d *decoder) object() (py.Value, error) {
	if err := d.enter(); err != nil {
		return nil, err
	}
	d.pos++ // '{'
	d.skipSpace()
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		d.depth--
		return py.NewDict(0), nil
	}
	items := d.slab.Items(d.guess.For(codec.GuessDict, d.depth))[:0]
	for {
		d.skipSpace()
		if d.pos >= len(d.data) || d.data[d.pos] != '"' {
			return nil, d.errorf("expecting property name enclosed in double quotes")
		}
		k, err := d.strValue()
		if err != nil {
			return nil, err
		}
		d.skipSpace()
		if d.pos >= len(d.data) || d.data[d.pos] != ':' {
			return nil, d.errorf("expecting ':' delimiter")
		}
		d.pos++
		d.skipSpace()
		v, err := d.value()
		if err != nil {
			return nil, err
		}
		if err := d.charge(2 * codec.ValueCost); err != nil {
			return nil, err
		}
		if len(items) == cap(items) {
			items = d.slab.MoreItems(items)
		}
		items = append(items, py.Item{Key: k, Value: v})
		closed, err := d.next('}')
		if err != nil {
			return nil, err
		}
		if closed {
			break
		}
	}
	d.guess.Remember(codec.GuessDict, d.depth, len(items))
	d.depth--
	// Later keys replace earlier ones in place, as json.loads's dict
	// does; str keys are always hashable.
	m, _ := d.slab.Dict(items[:len(items):len(items)])
	return m, nil
}
