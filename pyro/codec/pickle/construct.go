package pickle

import (
	"math/big"
	"strings"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// construct applies class c to args for REDUCE, INST and OBJ. Only the
// constructors below are understood, and only for arguments of the
// expected types; anything else (os.system included) becomes a class
// dict recording the call, {'__class__': 'os.system', 'args': (...)}.
func (d *decoder) construct(c *classRef, args py.Tuple) (py.Value, error) {
	v, ok, err := d.known(c, args)
	if err != nil || ok {
		return v, err
	}
	return d.newObject(c, args, nil), nil
}

// known applies the safe constructors; ok is false when c or its
// arguments are not among them.
func (d *decoder) known(c *classRef, args py.Tuple) (v py.Value, ok bool, err error) {
	switch c.qualname() {
	case "builtins.set", "builtins.frozenset", "builtins.list", "builtins.tuple":
		items, ok := iterable(args)
		if !ok {
			return nil, false, nil
		}
		switch c.name {
		case "list":
			return &plist{items: append([]py.Value(nil), items...)}, true, nil
		case "tuple":
			return append(py.Tuple{}, items...), true, nil
		}
		u, err := d.uniqueItems(items)
		if err != nil {
			return nil, false, err
		}
		if c.name == "set" {
			return &py.Set{Items: u}, true, nil
		}
		return &py.FrozenSet{Items: u}, true, nil
	case "builtins.dict", "collections.OrderedDict", "collections.Counter":
		// Protocol 2+ pickles an OrderedDict as OrderedDict() and
		// SETITEMS, a Counter as Counter(dict).
		v, ok, err := d.dictFrom(args)
		if ok && c.name != "dict" {
			v = &py.StdDict{Dict: v.(*py.Dict), Kind: dictKinds[c.name], Factory: py.None}
		}
		return v, ok, err
	case "collections.defaultdict":
		// defaultdict(factory); the items arrive by SETITEMS.
		return defaultDictFrom(args)
	case "collections.deque":
		return dequeFrom(args)
	case "builtins.bytes", "_codecs.encode":
		b, ok := bytesFrom(args)
		return b, ok, nil
	case "builtins.bytearray":
		b, ok := bytesFrom(args)
		if !ok {
			return nil, false, nil
		}
		return py.ByteArray(b.(py.Bytes)), true, nil
	case "builtins.complex":
		return complexFrom(args)
	case "builtins.range":
		return rangeFrom(args)
	case "builtins.slice":
		if len(args) != 3 {
			return nil, false, nil
		}
		return &py.Slice{Start: args[0], Stop: args[1], Step: args[2]}, true, nil
	case "decimal.Decimal":
		if len(args) == 1 {
			if s, ok := args[0].(py.Str); ok {
				return py.Decimal(s), true, nil
			}
		}
		return nil, false, nil
	case "fractions.Fraction":
		return fractionFrom(args)
	case "copyreg._reconstructor":
		// _reconstructor(cls, base, state): base.__new__(cls, state).
		if len(args) != 3 {
			return nil, false, nil
		}
		cls, ok := args[0].(*classRef)
		if !ok {
			return nil, false, nil
		}
		var rest py.Tuple
		if _, isNone := args[2].(py.NoneType); !isNone {
			rest = py.Tuple{args[2]}
		}
		return d.newObject(cls, rest, nil), true, nil
	case "copyreg.__newobj__":
		if len(args) == 0 {
			return nil, false, nil
		}
		cls, ok := args[0].(*classRef)
		if !ok {
			return nil, false, nil
		}
		return d.newObject(cls, append(py.Tuple{}, args[1:]...), nil), true, nil
	case "copyreg.__newobj_ex__":
		if len(args) != 3 {
			return nil, false, nil
		}
		cls, ok1 := args[0].(*classRef)
		a, ok2 := args[1].(py.Tuple)
		if !ok1 || !ok2 {
			return nil, false, nil
		}
		return d.newObject(cls, a, args[2]), true, nil
	case "datetime.datetime", "datetime.date", "datetime.time", "datetime.timedelta", "datetime.timezone":
		v, ok := dateTimeFrom(c.name, args)
		return v, ok, nil
	case "array._array_reconstructor", "array.array":
		v, ok := arrayFrom(c.name, args)
		return v, ok, nil
	}
	if isException(c) {
		return d.newException(c, args), true, nil
	}
	return nil, false, nil
}

// iterable returns the elements of a constructor's only argument (none
// for no argument), or false when it is not a sequence we hold.
func iterable(args py.Tuple) ([]py.Value, bool) {
	if len(args) == 0 {
		return nil, true
	}
	if len(args) != 1 {
		return nil, false
	}
	switch x := args[0].(type) {
	case *plist:
		return x.items, true
	case py.List:
		return x, true
	case py.Tuple:
		return x, true
	case *py.Set:
		return x.Items, true
	case *py.FrozenSet:
		return x.Items, true
	case *py.Dict:
		keys := make([]py.Value, 0, x.Len())
		for _, it := range x.Items() {
			keys = append(keys, it.Key)
		}
		return keys, true
	}
	return nil, false
}

// dictFrom is dict() / OrderedDict() with an optional mapping or sequence
// of pairs (the form Python 2 pickles OrderedDict in).
func (d *decoder) dictFrom(args py.Tuple) (py.Value, bool, error) {
	m := py.NewDict(0)
	if len(args) == 0 {
		return m, true, nil
	}
	if len(args) != 1 {
		return nil, false, nil
	}
	if src, ok := args[0].(*py.Dict); ok {
		for _, it := range src.Items() {
			_ = m.Set(it.Key, it.Value)
		}
		return m, true, nil
	}
	pairs, ok := iterable(args)
	if !ok {
		return nil, false, nil
	}
	for _, p := range pairs {
		var kv []py.Value
		switch x := p.(type) {
		case py.Tuple:
			kv = x
		case *plist:
			kv = x.items
		case py.List:
			kv = x
		}
		if len(kv) != 2 {
			return nil, false, nil
		}
		if err := d.setItems(m, kv); err != nil {
			return nil, false, err
		}
	}
	return m, true, nil
}

// bytesFrom is bytes()/bytearray() and _codecs.encode(str, encoding), the
// form protocols 0-2 give bytes: bytes(), bytes(b), encode('…', 'latin1'),
// and a list of small ints. A bare count (bytearray(10**9)) is refused.
func bytesFrom(args py.Tuple) (py.Value, bool) {
	switch len(args) {
	case 0:
		return py.Bytes{}, true
	case 1:
		switch x := args[0].(type) {
		case py.Bytes:
			return append(py.Bytes{}, x...), true
		case *plist, py.List, py.Tuple:
			items, _ := iterable(args)
			out := make(py.Bytes, 0, len(items))
			for _, e := range items {
				i, ok := e.(py.Int)
				if !ok || i < 0 || i > 255 {
					return nil, false
				}
				out = append(out, byte(i))
			}
			return out, true
		}
	case 2:
		s, ok1 := args[0].(py.Str)
		enc, ok2 := args[1].(py.Str)
		if !ok1 || !ok2 {
			return nil, false
		}
		switch strings.NewReplacer("-", "", "_", "").Replace(strings.ToLower(string(enc))) {
		case "utf8":
			return py.Bytes(s), true
		case "latin1", "iso88591", "l1", "ascii":
			out := make(py.Bytes, 0, len(s))
			for _, r := range string(s) {
				if r > 255 {
					return nil, false
				}
				out = append(out, byte(r))
			}
			return out, true
		}
	}
	return nil, false
}

// complexFrom is complex(re[, im]) with real numbers.
func complexFrom(args py.Tuple) (py.Value, bool, error) {
	if len(args) == 0 || len(args) > 2 {
		return nil, false, nil
	}
	var parts [2]float64
	for i, a := range args {
		f, ok := toFloat(a)
		if !ok {
			return nil, false, nil
		}
		parts[i] = f
	}
	return py.Complex(complex(parts[0], parts[1])), true, nil
}

func toFloat(v py.Value) (float64, bool) {
	switch x := v.(type) {
	case py.Float:
		return float64(x), true
	case py.Int:
		return float64(x), true
	case py.Bool:
		if x {
			return 1, true
		}
		return 0, true
	case *py.BigInt:
		f, _ := x.V.Float64()
		return f, true
	}
	return 0, false
}

// dictKinds are the dict types dictFrom builds, by class name.
var dictKinds = map[string]py.DictKind{"OrderedDict": py.OrderedDict, "Counter": py.Counter}

// defaultDictFrom is defaultdict(factory): the factory is kept as the
// class it names, never called.
func defaultDictFrom(args py.Tuple) (py.Value, bool, error) {
	m := py.NewStdDict(py.DefaultDict, 0)
	if len(args) > 1 {
		return nil, false, nil
	}
	if len(args) == 1 {
		switch f := args[0].(type) {
		case *classRef:
			m.Factory = &py.Class{Module: f.module, Name: f.name}
		case py.NoneType:
		default:
			return nil, false, nil
		}
	}
	return m, true, nil
}

// dequeFrom is deque([iterable[, maxlen]]); protocol 2+ pickles give
// deque((), maxlen) and APPENDS.
func dequeFrom(args py.Tuple) (py.Value, bool, error) {
	q := &py.Deque{MaxLen: py.None}
	if len(args) > 2 {
		return nil, false, nil
	}
	if len(args) == 2 {
		switch n := args[1].(type) {
		case py.Int:
			if n < 0 {
				return nil, false, nil
			}
			q.MaxLen = n
		case py.NoneType:
		default:
			return nil, false, nil
		}
	}
	if len(args) >= 1 {
		items, ok := iterable(args[:1])
		if !ok {
			return nil, false, nil
		}
		for _, e := range items {
			q.Append(e)
		}
	}
	return q, true, nil
}

// rangeFrom is range(start, stop, step) with ints and a step other than 0.
func rangeFrom(args py.Tuple) (py.Value, bool, error) {
	if len(args) != 3 {
		return nil, false, nil
	}
	for _, a := range args {
		switch a.(type) {
		case py.Int, *py.BigInt:
		default:
			return nil, false, nil
		}
	}
	if s, ok := args[2].(py.Int); ok && s == 0 {
		return nil, false, nil
	}
	return &py.Range{Start: args[0], Stop: args[1], Step: args[2]}, true, nil
}

// fractionFrom is Fraction(numerator, denominator), as Python 3.11 pickles
// one, or Fraction('3/4'), as earlier versions do.
func fractionFrom(args py.Tuple) (py.Value, bool, error) {
	var num, den *big.Int
	switch len(args) {
	case 1:
		s, ok := args[0].(py.Str)
		if !ok || len(s) > maxLongDigits {
			return nil, false, nil
		}
		n, d, _ := strings.Cut(strings.TrimSpace(string(s)), "/")
		if d == "" {
			d = "1"
		}
		var ok1, ok2 bool
		num, ok1 = new(big.Int).SetString(n, 10)
		den, ok2 = new(big.Int).SetString(d, 10)
		if !ok1 || !ok2 {
			return nil, false, nil
		}
	case 2:
		num, den = bigInt(args[0]), bigInt(args[1])
		if num == nil || den == nil {
			return nil, false, nil
		}
	default:
		return nil, false, nil
	}
	f, ok := py.NewFraction(num, den)
	if !ok {
		return nil, false, nil
	}
	return f, true, nil
}

func bigInt(v py.Value) *big.Int {
	switch x := v.(type) {
	case py.Int:
		return big.NewInt(int64(x))
	case *py.BigInt:
		return x.V
	}
	return nil
}
