package pylit

import (
	"math"
	"strconv"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// DefaultMaxLen is the default bound on the source size: 256 MiB.
const DefaultMaxLen = 256 << 20

// Limits bound what a Parser accepts. Zero fields take the defaults.
type Limits struct {
	MaxDepth int // nesting of brackets; default codec.MaxDepth
	MaxLen   int // source size in bytes; default DefaultMaxLen
	// Budget, when set, is charged for every container slot the parser
	// fills (codec.ValueCost each, as the container closes) and the text
	// of each str it copies; past its
	// limit parsing stops with the budget's error, which has no offset.
	Budget *codec.Budget
}

// Parser reads literals from a Scanner's tokens with one token of
// lookahead. The first error (from the scanner or the grammar) sticks:
// afterwards Peek returns an EOF token and Err returns the error.
type Parser struct {
	src   string
	sc    Scanner // by value: one allocation less per parser
	tok   Token
	err   error
	lim   Limits
	depth int
	stack []py.Value // items of the open containers, so each gets one exact allocation
	// budget is Limits.Budget, or one that never runs out.
	budget *codec.Budget

	dictHook func(*py.Dict) py.Value
	strs     py.StrTable     // the boxes and text of strs
	guess    codec.SizeGuess // the fast lane's container sizes
	slab     py.Slab         // storage of small containers
	noFast   bool            // tests: parse with the token grammar only
}

// NewParser returns a parser over src, positioned on its first token.
func NewParser(src string, lim Limits) *Parser {
	p := &Parser{}
	p.Init(src, lim)
	return p
}

// Init sets up p, which must be the zero Parser, as NewParser does: for a
// caller that keeps the parser in a struct of its own (the shell's
// statement parser), so that setting it up is no allocation of its own.
func (p *Parser) Init(src string, lim Limits) {
	if lim.MaxDepth <= 0 {
		lim.MaxDepth = codec.MaxDepth
	}
	if lim.MaxLen <= 0 {
		lim.MaxLen = DefaultMaxLen
	}
	p.src, p.lim, p.budget = src, lim, lim.Budget
	if p.budget == nil {
		p.budget = codec.NewBudget(math.MaxInt64)
	}
	if len(src) > lim.MaxLen {
		p.sc.reset("")
		p.err = errorAt(src, lim.MaxLen, "source is longer than "+strconv.Itoa(lim.MaxLen)+" bytes")
		p.tok = Token{Kind: EOF, Off: lim.MaxLen, End: lim.MaxLen}
		return
	}
	p.sc.reset(src)
	p.advance()
}

func (p *Parser) advance() {
	if p.err != nil {
		return
	}
	t, err := p.sc.Next()
	if err != nil {
		p.err = err
	}
	p.tok = t
}

// Peek returns the current token without consuming it.
func (p *Parser) Peek() Token { return p.tok }

// Next returns the current token and moves to the next one.
func (p *Parser) Next() Token {
	t := p.tok
	p.advance()
	return t
}

// Err returns the first error met, a *SyntaxError, or nil.
func (p *Parser) Err() error { return p.err }

// Source returns the text being parsed.
func (p *Parser) Source() string { return p.src }

// Errorf records and returns a *SyntaxError at byte offset off, for
// grammars built on the parser. The first recorded error is kept.
func (p *Parser) Errorf(off int, msg string) error {
	return p.fail(off, msg)
}

func (p *Parser) fail(off int, msg string) error {
	if p.err == nil {
		e := errorAt(p.src, off, msg)
		e.Incomplete = off >= len(p.src) && p.depth > 0
		p.err = e
		p.tok = Token{Kind: EOF, Off: off, End: off}
	}
	return p.err
}

// expected fails at the current token: "expected ',' or ')', found 'x'".
func (p *Parser) expected(what string) error {
	return p.fail(p.tok.Off, "expected "+what+", found "+p.tok.describe())
}

// ParseLiteral parses src, which must hold exactly one literal.
func ParseLiteral(src string) (py.Value, error) {
	p := NewParser(src, Limits{})
	v, err := p.Literal()
	if err != nil {
		return nil, err
	}
	if p.tok.Kind != EOF {
		return nil, p.expected("end of input")
	}
	return v, p.err
}

// IsLiteralStart reports whether a literal can start at t: a number, a
// string, ( [ { - +, or one of None True False set frozenset float complex.
func (p *Parser) IsLiteralStart(t Token) bool {
	switch t.Kind {
	case Number, String:
		return true
	case Op:
		switch t.Text {
		case "(", "[", "{", "-", "+":
			return true
		}
	case Ident:
		switch t.Text {
		case "None", "True", "False", "set", "frozenset", "float", "complex":
			return true
		}
	}
	return false
}

// Literal parses one literal expression starting at the current token and
// leaves the parser on the token after it.
func (p *Parser) Literal() (py.Value, error) {
	if p.err != nil {
		return nil, p.err
	}
	if !p.noFast && p.sc.err == nil {
		start, used := p.tok.Off, p.used()
		v, end, err := p.fastValue(start)
		if err == nil && p.err != nil {
			return nil, p.err // over budget
		}
		if err == nil {
			// A sign after the value is the grammar's to judge (1+2j, or
			// an error for [1]+2j).
			if k := skipBlank(p.src, end); k < len(p.src) && (p.src[k] == '+' || p.src[k] == '-') {
				err = errNotFast
			}
		}
		if err == nil {
			p.restart(end)
			return v, nil
		}
		if err != errNotFast {
			return nil, err
		}
		p.reset(used)
		p.restart(start)
	}
	v, _, err := p.expr()
	return v, err
}

// restart moves the scanner to byte offset off and reads the token there.
func (p *Parser) restart(off int) {
	p.sc.off = off
	p.advance()
}

// push appends to the stack, doubling it when full: append's gentler
// growth for large slices would allocate about five times the final size
// while a 100,000-item list is read.
//
// The slots are charged to the budget when their container closes (pop,
// makeDict); growing the stack checks that its open slots would still fit,
// so a huge display stops before the stack outgrows the budget.
func (p *Parser) push(v py.Value) {
	if len(p.stack) == cap(p.stack) {
		p.growStack()
	}
	p.stack = append(p.stack, v)
}

func (p *Parser) growStack() {
	if p.budget.Left() < int64(len(p.stack))*codec.ValueCost {
		p.overBudget()
	}
	s := make([]py.Value, len(p.stack), max(8, 2*cap(p.stack)))
	copy(s, p.stack)
	p.stack = s
}

// charge counts n bytes against the budget, if any; past it the parser
// fails with the budget's error and reads no further.
func (p *Parser) charge(n int) {
	if !p.budget.Charge(n) {
		p.overBudget()
	}
}

// overBudget records the budget's error, unless an error came first.
func (p *Parser) overBudget() {
	if p.err == nil {
		p.err = p.budget.Error("literal", -1)
		p.tok = Token{Kind: EOF, Off: len(p.src), End: len(p.src)}
	}
}

// used returns the bytes charged so far, to go back to (reset) when the
// fast lane gives up and the grammar reads the same bytes again.
func (p *Parser) used() int64 { return p.budget.Used() }

func (p *Parser) reset(used int64) { p.budget.Reset(used) }

// SetDictHook installs f to be called on every dict display the parser
// builds; the value f returns replaces the dict. Codecs use it to turn
// their special encodings (serpent's base64 bytes dict) into the values
// they stand for while parsing, without a second walk over the result.
func (p *Parser) SetDictHook(f func(*py.Dict) py.Value) { p.dictHook = f }
