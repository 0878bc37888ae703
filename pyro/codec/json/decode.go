package json

import (
	"strconv"
	"unicode/utf8"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// decoder reads one JSON document the way Python's json.loads does.
type decoder struct {
	data  []byte
	pos   int
	depth int
	// keys caches short object keys, which repeat across the many small
	// objects of a typical result: one allocation per distinct key, not
	// per occurrence.
	keys map[string]py.Value
}

// Limits of the key cache.
const (
	maxCachedKey  = 32
	maxCachedKeys = 256
)

// key reads an object key starting at its quote, through the cache when it
// is short and has no escapes.
func (d *decoder) key() (py.Value, error) {
	end := d.pos + 1
	for end < len(d.data) && end-d.pos <= maxCachedKey+1 && d.data[end] != '"' && d.data[end] != '\\' && d.data[end] >= 0x20 {
		end++
	}
	if end < len(d.data) && d.data[end] == '"' {
		b := d.data[d.pos+1 : end]
		if v, ok := d.keys[string(b)]; ok {
			d.pos = end + 1
			return v, nil
		}
		v := py.Value(py.Str(b))
		if len(d.keys) < maxCachedKeys {
			if d.keys == nil {
				d.keys = make(map[string]py.Value)
			}
			d.keys[string(b)] = v
		}
		d.pos = end + 1
		return v, nil
	}
	s, err := d.str()
	return py.Str(s), err
}

func decode(data []byte) (py.Value, error) {
	if !utf8.Valid(data) {
		// Pyro4 decodes the payload as UTF-8 before json.loads sees it.
		return nil, &codec.Error{Codec: "json", Op: "decode", Offset: invalidUTF8At(data), Msg: "invalid utf-8"}
	}
	d := &decoder{data: data}
	d.skipSpace()
	v, err := d.value()
	if err != nil {
		return nil, err
	}
	d.skipSpace()
	if d.pos != len(d.data) {
		return nil, d.errorf("extra data")
	}
	return v, nil
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
		s, err := d.str()
		return py.Str(s), err
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
	l := py.List{}
	if d.pos < len(d.data) && d.data[d.pos] == ']' {
		d.pos++
		d.depth--
		return l, nil
	}
	for {
		d.skipSpace()
		v, err := d.value()
		if err != nil {
			return nil, err
		}
		l = append(l, v)
		d.skipSpace()
		if d.pos >= len(d.data) {
			return nil, d.errorf("expecting ',' delimiter")
		}
		switch d.data[d.pos] {
		case ',':
			d.pos++
		case ']':
			d.pos++
			d.depth--
			return l, nil
		default:
			return nil, d.errorf("expecting ',' delimiter")
		}
	}
}

func (d *decoder) object() (py.Value, error) {
	if err := d.enter(); err != nil {
		return nil, err
	}
	d.pos++ // '{'
	d.skipSpace()
	m := py.NewDict(0)
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		d.depth--
		return m, nil
	}
	for {
		d.skipSpace()
		if d.pos >= len(d.data) || d.data[d.pos] != '"' {
			return nil, d.errorf("expecting property name enclosed in double quotes")
		}
		k, err := d.key()
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
		_ = m.Set(k, v) // a str key is always hashable
		d.skipSpace()
		if d.pos >= len(d.data) {
			return nil, d.errorf("expecting ',' delimiter")
		}
		switch d.data[d.pos] {
		case ',':
			d.pos++
		case '}':
			d.pos++
			d.depth--
			return m, nil
		default:
			return nil, d.errorf("expecting ',' delimiter")
		}
	}
}
