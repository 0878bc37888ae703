package pylit

import (
	"math"
	"strings"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// name parses None, True, False and the calls set(...), frozenset(...),
// float(...) and complex(...).
func (p *Parser) name() (py.Value, error) {
	t := p.tok
	switch t.Text {
	case "None":
		p.advance()
		return py.None, nil
	case "True":
		p.advance()
		return py.Bool(true), nil
	case "False":
		p.advance()
		return py.Bool(false), nil
	case "set", "frozenset", "float", "complex":
	default:
		return nil, p.fail(t.Off, "name '"+t.Text+"' is not a literal")
	}
	p.advance()
	if !p.tok.Is("(") {
		return nil, p.expected("'(' after " + t.Text)
	}
	if err := p.enter(p.tok); err != nil {
		return nil, err
	}
	argTok := p.tok
	mark, _, err := p.items(")")
	if err != nil {
		return nil, err
	}
	args := p.pop(mark)
	switch t.Text {
	case "set", "frozenset":
		return p.setCall(t, args, argTok)
	case "float":
		return p.floatCall(args, argTok)
	}
	return p.complexCall(args, argTok)
}

func (p *Parser) setCall(t Token, args []py.Value, at Token) (py.Value, error) {
	var items []py.Value
	switch len(args) {
	case 0:
	case 1:
		switch x := args[0].(type) {
		case py.List:
			items = x
		case py.Tuple:
			items = x
		case *py.Set:
			items = x.Items
		case *py.FrozenSet:
			items = x.Items
		case *py.Dict:
			for _, it := range x.Items() {
				items = append(items, it.Key)
			}
		default:
			return nil, p.fail(at.Off, t.Text+"() takes a list, tuple, set or dict literal")
		}
		var err error
		if items, err = p.uniqueItems(append([]py.Value(nil), items...), at); err != nil {
			return nil, err
		}
	default:
		return nil, p.fail(at.Off, t.Text+"() takes at most one argument")
	}
	if t.Text == "set" {
		return &py.Set{Items: items}, nil
	}
	return &py.FrozenSet{Items: items}, nil
}

// floatCall evaluates float(), float(number) and float(str) with Python's
// float() string syntax: surrounding whitespace, a sign, nan, inf,
// infinity in any case, or a decimal number with underscores.
func (p *Parser) floatCall(args []py.Value, at Token) (py.Value, error) {
	switch len(args) {
	case 0:
		return py.Float(0), nil
	case 1:
	default:
		return nil, p.fail(at.Off, "float() takes at most one argument")
	}
	if isReal(args[0]) {
		return py.Float(toFloat(args[0])), nil
	}
	s, ok := args[0].(py.Str)
	if !ok {
		return nil, p.fail(at.Off, "float() argument must be a string or a real number")
	}
	if f, ok := parseFloatString(string(s)); ok {
		return py.Float(f), nil
	}
	return nil, p.fail(at.Off, "could not convert string to float: "+py.Repr(s))
}

func parseFloatString(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	body := strings.TrimLeft(s, "+-")
	if len(s)-len(body) > 1 || body == "" {
		return 0, false
	}
	neg := s[0] == '-'
	var f float64
	switch strings.ToLower(body) {
	case "nan":
		f = math.NaN()
	case "inf", "infinity":
		f = math.Inf(1)
	default:
		// Only Python's decimal syntax: scan it as a number token.
		sc := NewScanner(body)
		t, err := sc.Next()
		if err != nil || t.Kind != Number || t.End != len(body) || strings.ContainsAny(body, "jJxXoObB") {
			return 0, false
		}
		var ok bool
		if f, ok = parseFloat(body); !ok {
			return 0, false
		}
	}
	if neg {
		f = -f
	}
	return f, true
}

// complexCall evaluates complex(), complex(re) and complex(re, im) for
// real arguments.
func (p *Parser) complexCall(args []py.Value, at Token) (py.Value, error) {
	if len(args) > 2 {
		return nil, p.fail(at.Off, "complex() takes at most two arguments")
	}
	var parts [2]float64
	for i, a := range args {
		if !isReal(a) {
			return nil, p.fail(at.Off, "complex() arguments must be real numbers")
		}
		parts[i] = toFloat(a)
	}
	return py.Complex(complex(parts[0], parts[1])), nil
}
