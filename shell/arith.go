package shell

import (
	"math"
	"math/big"
	"slices"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// maxLocalItems bounds what an operator may build (a repeated list, a
// shifted int's bits), so `x *= 10**9` fails instead of taking all memory.
const maxLocalItems = 1 << 26

// binaryOp computes a OP b on local values as Python's operators do, for
// augmented assignment: numbers (bool, int of any size, float, complex),
// concatenation and repetition of str, bytes, list and tuple, set
// algebra, and dict merge. Errors are the TypeError, ZeroDivisionError or
// OverflowError Python would raise.
func binaryOp(op string, a, b py.Value) (py.Value, error) {
	if v, ok, err := seqOp(op, a, b); ok || err != nil {
		return v, err
	}
	if v, ok, err := setOp(op, a, b); ok || err != nil {
		return v, err
	}
	if isIntegral(a) && isIntegral(b) {
		return intOp(op, bigOf(a), bigOf(b))
	}
	if isReal(a) && isReal(b) {
		return floatOp(op, realOf(a), realOf(b))
	}
	if isNumber(a) && isNumber(b) {
		return complexOp(op, complexOf(a), complexOf(b))
	}
	return nil, unsupported(op, a, b)
}

func unsupported(op string, a, b py.Value) error {
	return localf("TypeError", "unsupported operand type(s) for %s=: '%s' and '%s'", op, py.TypeName(a), py.TypeName(b))
}

func isIntegral(v py.Value) bool {
	switch v.(type) {
	case py.Bool, py.Int, *py.BigInt:
		return true
	}
	return false
}

func isReal(v py.Value) bool {
	_, ok := v.(py.Float)
	return ok || isIntegral(v)
}

func isNumber(v py.Value) bool {
	_, ok := v.(py.Complex)
	return ok || isReal(v)
}

func bigOf(v py.Value) *big.Int {
	switch x := v.(type) {
	case py.Bool:
		if x {
			return big.NewInt(1)
		}
		return big.NewInt(0)
	case py.Int:
		return big.NewInt(int64(x))
	case *py.BigInt:
		return new(big.Int).Set(x.V)
	}
	return nil
}

func realOf(v py.Value) float64 {
	if f, ok := v.(py.Float); ok {
		return float64(f)
	}
	f, _ := new(big.Float).SetInt(bigOf(v)).Float64()
	return f
}

func complexOf(v py.Value) complex128 {
	if c, ok := v.(py.Complex); ok {
		return complex128(c)
	}
	return complex(realOf(v), 0)
}

// intOf returns an int result as py.Int when it fits, else py.BigInt.
func intOf(z *big.Int) py.Value {
	if z.IsInt64() {
		return py.Int(z.Int64())
	}
	return py.NewBigInt(z)
}

func intOp(op string, x, y *big.Int) (py.Value, error) {
	z := new(big.Int)
	switch op {
	case "+":
		return intOf(z.Add(x, y)), nil
	case "-":
		return intOf(z.Sub(x, y)), nil
	case "*":
		if x.BitLen()+y.BitLen() > maxLocalItems {
			return nil, localf("OverflowError", "int too large to compute here")
		}
		return intOf(z.Mul(x, y)), nil
	case "/":
		if y.Sign() == 0 {
			return nil, localf("ZeroDivisionError", "division by zero")
		}
		q, _ := new(big.Rat).SetFrac(x, y).Float64()
		if math.IsInf(q, 0) {
			return nil, localf("OverflowError", "integer division result too large for a float")
		}
		return py.Float(q), nil
	case "//", "%":
		if y.Sign() == 0 && op == "%" {
			return nil, localf("ZeroDivisionError", "integer modulo by zero")
		}
		if y.Sign() == 0 {
			return nil, localf("ZeroDivisionError", "integer division or modulo by zero")
		}
		// Python floors: the remainder takes the divisor's sign.
		q, m := new(big.Int), new(big.Int)
		q.DivMod(x, y, m) // Euclidean: m >= 0
		if m.Sign() != 0 && y.Sign() < 0 {
			m.Add(m, y)
			q.Sub(q, big.NewInt(1))
		}
		if op == "//" {
			return intOf(q), nil
		}
		return intOf(m), nil
	case "**":
		if y.Sign() < 0 {
			return floatOp(op, realOf(py.NewBigInt(x)), realOf(py.NewBigInt(y)))
		}
		if x.BitLen() > 1 && (!y.IsInt64() || int64(x.BitLen())*y.Int64() > maxLocalItems) {
			return nil, localf("OverflowError", "int too large to compute here")
		}
		return intOf(z.Exp(x, y, nil)), nil
	case "<<", ">>":
		if y.Sign() < 0 {
			return nil, localf("ValueError", "negative shift count")
		}
		if op == ">>" {
			if !y.IsInt64() || y.Int64() > int64(x.BitLen()) {
				if x.Sign() < 0 {
					return py.Int(-1), nil
				}
				return py.Int(0), nil
			}
			return intOf(z.Rsh(x, uint(y.Int64()))), nil
		}
		if x.Sign() == 0 {
			return py.Int(0), nil
		}
		if !y.IsInt64() || y.Int64()+int64(x.BitLen()) > maxLocalItems {
			return nil, localf("OverflowError", "int too large to compute here")
		}
		return intOf(z.Lsh(x, uint(y.Int64()))), nil
	case "&":
		return intOf(z.And(x, y)), nil
	case "|":
		return intOf(z.Or(x, y)), nil
	case "^":
		return intOf(z.Xor(x, y)), nil
	}
	return nil, unsupported(op, intOf(x), intOf(y))
}

func floatOp(op string, x, y float64) (py.Value, error) {
	switch op {
	case "+":
		return py.Float(x + y), nil
	case "-":
		return py.Float(x - y), nil
	case "*":
		return py.Float(x * y), nil
	case "/":
		if y == 0 {
			return nil, localf("ZeroDivisionError", "float division by zero")
		}
		return py.Float(x / y), nil
	case "//", "%":
		if y == 0 && op == "%" {
			return nil, localf("ZeroDivisionError", "float modulo")
		}
		if y == 0 {
			return nil, localf("ZeroDivisionError", "float floor division by zero")
		}
		// As CPython's float_divmod.
		mod := math.Mod(x, y)
		div := (x - mod) / y
		if mod != 0 {
			if (y < 0) != (mod < 0) {
				mod += y
				div--
			}
		} else {
			mod = math.Copysign(0, y)
		}
		if op == "%" {
			return py.Float(mod), nil
		}
		floor := math.Floor(div)
		if div-floor > 0.5 {
			floor++
		}
		if div == 0 {
			floor = math.Copysign(0, x/y)
		}
		return py.Float(floor), nil
	case "**":
		if x == 0 && y < 0 {
			return nil, localf("ZeroDivisionError", "0.0 cannot be raised to a negative power")
		}
		if x < 0 && y != math.Trunc(y) {
			return py.Complex(complexPow(complex(x, 0), complex(y, 0))), nil
		}
		r := math.Pow(x, y)
		if math.IsInf(r, 0) && !math.IsInf(x, 0) && !math.IsInf(y, 0) {
			return nil, localf("OverflowError", "(34, 'Numerical result out of range')")
		}
		return py.Float(r), nil
	}
	return nil, localf("TypeError", "unsupported operand type(s) for %s=: 'float' and 'float'", op)
}

func complexOp(op string, x, y complex128) (py.Value, error) {
	switch op {
	case "+":
		return py.Complex(x + y), nil
	case "-":
		return py.Complex(x - y), nil
	case "*":
		return py.Complex(x * y), nil
	case "/":
		if y == 0 {
			return nil, localf("ZeroDivisionError", "complex division by zero")
		}
		return py.Complex(x / y), nil
	case "**":
		if x == 0 && (real(y) < 0 || imag(y) != 0) {
			return nil, localf("ZeroDivisionError", "0.0 to a negative or complex power")
		}
		return py.Complex(complexPow(x, y)), nil
	}
	return nil, localf("TypeError", "unsupported operand type(s) for %s=: 'complex' and 'complex'", op)
}

// seqOp is + and * on str, bytes, list and tuple; ok is false when a and
// b are not such operands.
func seqOp(op string, a, b py.Value) (py.Value, bool, error) {
	if op == "*" {
		if isIntegral(a) && !isNumber(b) {
			a, b = b, a
		}
		if seqLen(a) >= 0 && !isIntegral(b) {
			return nil, true, localf("TypeError", "can't multiply sequence by non-int of type '%s'", py.TypeName(b))
		}
		if !isIntegral(b) {
			return nil, false, nil
		}
		n := bigOf(b)
		count := 0
		if n.Sign() > 0 {
			if !n.IsInt64() || n.Int64() > maxLocalItems {
				return nil, true, localf("MemoryError", "repeated sequence too large to build here")
			}
			count = int(n.Int64())
		}
		if l := seqLen(a); l < 0 {
			return nil, false, nil
		} else if l*count > maxLocalItems {
			return nil, true, localf("MemoryError", "repeated sequence too large to build here")
		}
		switch x := a.(type) {
		case py.Str:
			return py.Str(repeat(string(x), count)), true, nil
		case py.Bytes:
			return py.Bytes(repeat(string(x), count)), true, nil
		case py.List:
			return py.List(repeatValues(x, count)), true, nil
		case py.Tuple:
			return py.Tuple(repeatValues(x, count)), true, nil
		}
		return nil, false, nil
	}
	if op != "+" {
		return nil, false, nil
	}
	switch x := a.(type) {
	case py.Str:
		if y, ok := b.(py.Str); ok {
			return x + y, true, nil
		}
		return nil, true, localf("TypeError", "can only concatenate str (not \"%s\") to str", py.TypeName(b))
	case py.Bytes:
		if y, ok := b.(py.Bytes); ok {
			return append(slices.Clip(x), y...), true, nil
		}
		return nil, true, localf("TypeError", "can't concat %s to bytes", py.TypeName(b))
	case py.List:
		// list += iterable extends, as Python's list.__iadd__ does.
		if items, ok := iterItems(b); ok {
			return append(slices.Clip(x), items...), true, nil
		}
		return nil, true, localf("TypeError", "'%s' object is not iterable", py.TypeName(b))
	case py.Tuple:
		if y, ok := b.(py.Tuple); ok {
			return append(slices.Clip(x), y...), true, nil
		}
		return nil, true, localf("TypeError", "can only concatenate tuple (not \"%s\") to tuple", py.TypeName(b))
	}
	return nil, false, nil
}

func seqLen(v py.Value) int {
	switch x := v.(type) {
	case py.Str:
		return len(x)
	case py.Bytes:
		return len(x)
	case py.List:
		return len(x)
	case py.Tuple:
		return len(x)
	}
	return -1
}

func repeat(s string, n int) string {
	if n <= 0 {
		return ""
	}
	b := make([]byte, 0, len(s)*n)
	for range n {
		b = append(b, s...)
	}
	return string(b)
}

func repeatValues(v []py.Value, n int) []py.Value {
	out := make([]py.Value, 0, len(v)*max(n, 0))
	for range n {
		out = append(out, v...)
	}
	return out
}

// setOp is | & ^ - on sets and frozensets, and | on dicts (a merge).
func setOp(op string, a, b py.Value) (py.Value, bool, error) {
	if da, ok := a.(*py.Dict); ok {
		db, ok := b.(*py.Dict)
		if op != "|" || !ok {
			return nil, true, unsupported(op, a, b)
		}
		out := py.NewDict(da.Len() + db.Len())
		for _, it := range da.Items() {
			_ = out.Set(it.Key, it.Value)
		}
		for _, it := range db.Items() {
			_ = out.Set(it.Key, it.Value)
		}
		return out, true, nil
	}
	xa, okA := setItems(a)
	xb, okB := setItems(b)
	if !okA {
		return nil, false, nil
	}
	if !okB {
		return nil, true, unsupported(op, a, b)
	}
	in := func(items []py.Value, v py.Value) bool {
		return slices.ContainsFunc(items, func(w py.Value) bool { return py.Equal(v, w) })
	}
	var out []py.Value
	switch op {
	case "|":
		out = slices.Clone(xa)
		for _, v := range xb {
			if !in(out, v) {
				out = append(out, v)
			}
		}
	case "&":
		for _, v := range xa {
			if in(xb, v) {
				out = append(out, v)
			}
		}
	case "-":
		for _, v := range xa {
			if !in(xb, v) {
				out = append(out, v)
			}
		}
	case "^":
		for _, v := range xa {
			if !in(xb, v) {
				out = append(out, v)
			}
		}
		for _, v := range xb {
			if !in(xa, v) {
				out = append(out, v)
			}
		}
	default:
		return nil, true, unsupported(op, a, b)
	}
	if _, ok := a.(*py.FrozenSet); ok {
		return &py.FrozenSet{Items: out}, true, nil
	}
	return &py.Set{Items: out}, true, nil
}

func setItems(v py.Value) ([]py.Value, bool) {
	switch x := v.(type) {
	case *py.Set:
		return x.Items, true
	case *py.FrozenSet:
		return x.Items, true
	}
	return nil, false
}

// iterItems returns the items iterating v gives: a str's characters, a
// dict's keys.
func iterItems(v py.Value) ([]py.Value, bool) {
	switch x := v.(type) {
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
	case py.Str:
		out := make([]py.Value, 0, len(x))
		for _, r := range string(x) {
			out = append(out, py.Str(string(r)))
		}
		return out, true
	case py.Bytes:
		out := make([]py.Value, len(x))
		for i, c := range x {
			out[i] = py.Int(c)
		}
		return out, true
	}
	return nil, false
}

// complexPow is a**b as CPython's complex_pow computes it, so results
// agree to the last digit: repeated squaring for an integral exponent up
// to 100 (c_powi), the polar formula otherwise (_Py_c_pow).
func complexPow(a, b complex128) complex128 {
	if imag(b) == 0 && real(b) == math.Floor(real(b)) && math.Abs(real(b)) <= 100 {
		n := int(real(b))
		if n >= 0 {
			return complexPowu(a, n)
		}
		return 1 / complexPowu(a, -n)
	}
	if b == 0 {
		return 1
	}
	if a == 0 {
		return 0
	}
	vabs := math.Hypot(real(a), imag(a))
	l := math.Pow(vabs, real(b))
	at := math.Atan2(imag(a), real(a))
	phase := at * real(b)
	if imag(b) != 0 {
		l /= math.Exp(at * imag(b))
		phase += imag(b) * math.Log(vabs)
	}
	return complex(l*math.Cos(phase), l*math.Sin(phase))
}

// complexPowu is x**n by repeated squaring, as CPython's c_powu.
func complexPowu(x complex128, n int) complex128 {
	r, p := complex128(1), x
	for mask := 1; mask > 0 && n >= mask; mask <<= 1 {
		if n&mask != 0 {
			r *= p
		}
		p *= p
	}
	return r
}
