package pylit

import (
	"math/big"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// form records what an expression was written as, for literal_eval's
// rules on signs and complex sums: unary minus and plus apply only to a
// number literal, and a sum is a (signed) real literal plus or minus an
// imaginary literal. Parentheses do not change the form.
type form uint8

const (
	formOther  form = iota
	formNumber      // a number literal
	formSigned      // a signed number literal
	formSum         // real ± imaginary
)

// expr parses unary [('+'|'-') number].
func (p *Parser) expr() (py.Value, form, error) {
	v, f, err := p.unary()
	if err != nil {
		return nil, 0, err
	}
	if p.tok.Kind != Op || (p.tok.Text != "+" && p.tok.Text != "-") {
		return v, f, nil
	}
	op := p.Next()
	if f != formNumber && f != formSigned || !isReal(v) {
		return nil, 0, p.notSum(op)
	}
	rt := p.tok
	if rt.Is("-") || rt.Is("+") {
		return nil, 0, p.fail(rt.Off, "expected an imaginary number after '"+op.Text+"'")
	}
	w, g, err := p.primary()
	if err != nil {
		return nil, 0, err
	}
	im, ok := w.(py.Complex)
	if g != formNumber || !ok {
		return nil, 0, p.fail(rt.Off, "expected an imaginary number after '"+op.Text+"'")
	}
	re := toFloat(v)
	c := complex(re, 0) + complex128(im)
	if op.Text == "-" {
		c = complex(re, 0) - complex128(im)
	}
	return py.Complex(c), formSum, nil
}

// notSum fails at the sign op that follows a value which cannot start a
// complex sum ([1] + 2j); Items reports a sign after its closer the same way.
func (p *Parser) notSum(op Token) error {
	return p.fail(op.Off, "'"+op.Text+"' applies only to a real number and an imaginary number")
}

func isReal(v py.Value) bool {
	switch v.(type) {
	case py.Int, *py.BigInt, py.Float:
		return true
	}
	return false
}

func toFloat(v py.Value) float64 {
	switch x := v.(type) {
	case py.Int:
		return float64(x)
	case *py.BigInt:
		f, _ := new(big.Float).SetInt(x.V).Float64()
		return f
	case py.Float:
		return float64(x)
	}
	return 0
}

// unary parses ('-'|'+') primary | primary.
func (p *Parser) unary() (py.Value, form, error) {
	if p.tok.Kind != Op || (p.tok.Text != "-" && p.tok.Text != "+") {
		return p.primary()
	}
	op := p.Next()
	if p.tok.Is("-") || p.tok.Is("+") {
		return nil, 0, p.fail(op.Off, "unary '"+op.Text+"' applies only to a number")
	}
	v, f, err := p.primary()
	if err != nil {
		return nil, 0, err
	}
	if f != formNumber {
		return nil, 0, p.fail(op.Off, "unary '"+op.Text+"' applies only to a number")
	}
	if op.Text == "+" {
		return v, formSigned, nil
	}
	return negate(v), formSigned, nil
}

func negate(v py.Value) py.Value {
	switch x := v.(type) {
	case py.Int:
		if x == -x && x != 0 { // math.MinInt64 has no int64 negation
			return py.NewBigInt(new(big.Int).Neg(big.NewInt(int64(x))))
		}
		return -x
	case *py.BigInt:
		return py.NewBigInt(new(big.Int).Neg(x.V))
	case py.Float:
		return -x
	case py.Complex:
		return -x
	}
	return v
}

// primary parses an atom: a number, strings, a name, a bracketed display
// or a parenthesised expression.
func (p *Parser) primary() (py.Value, form, error) {
	t := p.tok
	switch t.Kind {
	case Number:
		v, msg := numberValue(t.Text)
		if msg != "" {
			return nil, 0, p.fail(t.Off, msg)
		}
		p.advance()
		return v, formNumber, nil
	case String:
		v, err := p.strings()
		return v, formOther, err
	case Ident:
		v, err := p.name()
		return v, formOther, err
	case Op:
		switch t.Text {
		case "(":
			return p.paren()
		case "[":
			v, err := p.list()
			return v, formOther, err
		case "{":
			v, err := p.brace()
			return v, formOther, err
		}
	}
	if t.Kind == EOF && p.err != nil {
		return nil, 0, p.err
	}
	return nil, 0, p.expected("a literal")
}

// strings parses one or more adjacent string literals.
func (p *Parser) strings() (py.Value, error) {
	t := p.tok
	s, isBytes, msg, at := stringValue(t.Text)
	if msg != "" {
		return nil, p.fail(t.Off+at, msg)
	}
	p.advance()
	if p.tok.Kind == String {
		buf := []byte(s)
		for p.tok.Kind == String {
			u := p.tok
			s2, b2, msg, at := stringValue(u.Text)
			if msg != "" {
				return nil, p.fail(u.Off+at, msg)
			}
			if b2 != isBytes {
				return nil, p.fail(u.Off, "cannot mix bytes and nonbytes literals")
			}
			buf = append(buf, s2...)
			p.advance()
		}
		if isBytes {
			return py.Bytes(buf), nil
		}
		return py.Str(buf), nil
	}
	if isBytes {
		return py.Bytes(s), nil
	}
	return p.str(s), nil
}
