package printer

import (
	"encoding/base64"
	"encoding/json"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// JSONer is implemented by value kinds defined outside pyro/py (proxies,
// URIs) that have a better JSON form than their repr string. The result
// may be a py.Value, which is encoded by the rules of AppendJSON, or any
// Go value encoding/json can marshal; if marshalling fails the repr
// string is used.
type JSONer interface {
	JSONValue() any
}

// AppendJSON appends v as one compact JSON document, for jq:
//
//   - None is null, bools and ints are JSON literals and numbers (ints of
//     any size exactly), finite floats are numbers as Python's repr prints
//     them (1.0, 1e+22), nan, inf and -inf are the strings "nan", "inf",
//     "-inf";
//   - str is a string (bytes that are not UTF-8 become U+FFFD), bytes a
//     base64 string, complex its repr string;
//   - lists, tuples, sets and frozensets are arrays; dicts are objects in
//     their order, a key that is not a str written as its repr (so 1 and
//     "1" may both appear as "1");
//   - an exception is {"class": qualified class, "args": [...]};
//   - other kinds use JSONer, or else their repr string.
func AppendJSON(dst []byte, v py.Value) []byte {
	s := sink{buf: dst}
	jsonWriter{&s}.value(v, 0)
	return s.buf
}

type jsonWriter struct{ s *sink }

func (j jsonWriter) value(v py.Value, depth int) {
	if depth > maxDepth {
		j.s.buf = appendJSONString(j.s.buf, "...")
		return
	}
	b := j.s.buf
	switch x := v.(type) {
	case nil, py.NoneType:
		b = append(b, "null"...)
	case py.Bool:
		b = strconv.AppendBool(b, bool(x))
	case py.Int:
		b = strconv.AppendInt(b, int64(x), 10)
	case *py.BigInt:
		b = x.V.Append(b, 10)
	case py.Float:
		f := float64(x)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			b = append(b, '"')
			b = py.AppendFloat(b, f)
			b = append(b, '"')
		} else {
			b = py.AppendFloat(b, f)
		}
	case py.Str:
		b = appendJSONString(b, string(x))
	case py.Bytes:
		b = append(b, '"')
		b = base64.StdEncoding.AppendEncode(b, x)
		b = append(b, '"')
	case py.Tuple:
		j.s.buf = b
		j.array(x, depth)
		return
	case py.List:
		j.s.buf = b
		j.array(x, depth)
		return
	case *py.Set:
		j.s.buf = b
		j.array(x.Items, depth)
		return
	case *py.FrozenSet:
		j.s.buf = b
		j.array(x.Items, depth)
		return
	case *py.Dict:
		j.s.buf = append(b, '{')
		for i, it := range x.Items() {
			j.item(i, it.Key, it.Value, depth)
			if j.s.maybeFlush() {
				return
			}
		}
		j.s.buf = append(j.s.buf, '}')
		return
	case *py.Exception:
		b = append(b, `{"class":`...)
		b = appendJSONString(b, x.Class)
		j.s.buf = append(b, `,"args":`...)
		j.array(x.Args, depth)
		j.s.buf = append(j.s.buf, '}')
		return
	case JSONer:
		j.s.buf = b
		j.goValue(x.JSONValue(), v, depth)
		return
	default:
		b = appendJSONString(b, py.Repr(v))
	}
	j.s.buf = b
}

// item writes the i'th key and value of a dict at depth, with the comma
// before it: a str key as a string, any other as its repr's (Value and
// DictItems).
func (j jsonWriter) item(i int, k, v py.Value, depth int) {
	if i > 0 {
		j.s.buf = append(j.s.buf, ',')
	}
	if ks, ok := k.(py.Str); ok {
		j.s.buf = appendJSONString(j.s.buf, string(ks))
	} else {
		j.s.buf = appendJSONString(j.s.buf, py.Repr(k))
	}
	j.s.buf = append(j.s.buf, ':')
	j.value(v, depth+1)
}

func (j jsonWriter) goValue(g any, v py.Value, depth int) {
	if pv, ok := g.(py.Value); ok {
		j.value(pv, depth+1)
		return
	}
	enc, err := json.Marshal(g)
	if err != nil {
		j.s.buf = appendJSONString(j.s.buf, py.Repr(v))
		return
	}
	j.s.buf = append(j.s.buf, enc...)
}

func (j jsonWriter) array(items []py.Value, depth int) {
	j.s.buf = append(j.s.buf, '[')
	for i, v := range items {
		if i > 0 {
			j.s.buf = append(j.s.buf, ',')
		}
		j.value(v, depth+1)
		if j.s.maybeFlush() {
			return
		}
	}
	j.s.buf = append(j.s.buf, ']')
}

// appendJSONString appends s as a JSON string: quotes, backslashes and
// control characters escaped, invalid UTF-8 replaced by U+FFFD,
// U+2028/U+2029 escaped as encoding/json does, so the line is safe to
// paste into JavaScript too, and DEL, C1 controls and bidi overrides
// escaped, so it is safe on a terminal.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != 0x7f {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
			}
			i++
			start = i
			continue
		}
		if sr, ok := py.SurrogateAt(s, i); ok {
			// A lone surrogate, as Python's json.dumps writes it.
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', hex[sr>>12], hex[sr>>8&15], hex[sr>>4&15], hex[sr&15])
			i += 3
			start = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == 0x2028 || r == 0x2029, unsafeRune(r, n):
			// And C1 controls and bidi overrides, which must not reach
			// a terminal raw (as Escape has it).
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', hex[r>>12], hex[r>>8&15], hex[r>>4&15], hex[r&15])
		default:
			i += n
			continue
		}
		i += n
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
