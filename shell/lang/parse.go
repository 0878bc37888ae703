package lang

import (
	"math"
	"strings"
	"sync"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/pylit"
)

// maxChain bounds a chain of calls, attributes and subscripts (and the
// nesting of arguments), so hostile input fails instead of recursing.
const maxDepth = 200

// Parse parses one statement. Errors are *pylit.SyntaxError with the
// position of the problem; Incomplete is set when src ends inside an open
// bracket or string, so the shell can ask for another line.
func Parse(src string) (Stmt, error) {
	return new(parser).parse(src)
}

// Parser parses statement after statement in storage of its own, so
// that a piped script's statements allocate nothing to parse (the nodes
// of the common shapes live in it): the Stmt that Parse returns is valid
// until the next Parse. A Parser is not safe for concurrent use; the zero
// value is ready to use.
type Parser struct{ p parser }

// Parse parses one statement as the package's Parse does, over the
// nodes of the statement parsed before.
func (ps *Parser) Parse(src string) (Stmt, error) {
	if s, ok := ps.ParseSimple(src); ok {
		return s, nil
	}
	ps.p = parser{}
	return ps.p.grammar(src)
}

// ParseSimple parses src when it has one of the common shapes the fast
// lane reads (a name with attributes and at most one call of plain
// arguments: obj.echo(1, "a", x)), as Parse would; ok is false for any
// other source, which may still be a statement, or incomplete. A source
// it parses is one complete statement with no ';' or comment, so a
// caller may run it without asking IsComplete or splitting it.
func (ps *Parser) ParseSimple(src string) (s Stmt, ok bool) {
	// The lane writes every node it hands out whole: only the counts
	// need resetting.
	ps.p.nNames, ps.p.nAttrs, ps.p.nCalls, ps.p.nLits = 0, 0, 0, 0
	return ps.p.fast(src)
}

// parse parses src with p, which must be zero: in the fast lane when src
// has one of its shapes, else with the grammar.
func (p *parser) parse(src string) (Stmt, error) {
	if s, ok := p.fast(src); ok {
		return s, nil
	}
	*p = parser{}
	return p.grammar(src)
}

// grammar parses src with the token grammar.
func (p *parser) grammar(src string) (Stmt, error) {
	p.budget = *codec.NewBudget(math.MaxInt64) // in p: no allocation of its own
	p.p = literalParsers.Get().(*pylit.Parser)
	defer p.release()
	p.p.Init(src, pylit.Limits{Budget: &p.budget})
	s, err := p.statement()
	if err != nil {
		return nil, err
	}
	if t := p.p.Peek(); t.Kind != pylit.EOF {
		return nil, p.p.Errorf(t.Off, "unexpected "+describe(t)+" after the statement")
	}
	if err := p.p.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// ParseCall parses the call form of `pyrosh call URI 'echo(1, k=2)'`:
// a method name with arguments, or a bare name (a method without
// arguments, or an attribute).
func ParseCall(src string) (*Call, *Name, error) {
	s, err := Parse(src)
	if err != nil {
		return nil, nil, err
	}
	if es, ok := s.(*ExprStmt); ok {
		switch x := es.X.(type) {
		case *Call:
			if _, ok := x.Fn.(*Name); ok {
				if off, ok := unpacking(x); ok {
					return nil, nil, pylit.NewParser(src, pylit.Limits{}).Errorf(off, "argument unpacking (*x, **x) needs shell variables: use it in the shell")
				}
				return x, nil, nil
			}
		case *Name:
			return nil, x, nil
		}
	}
	return nil, nil, pylit.NewParser(src, pylit.Limits{}).Errorf(0, "expected a method call like echo(1, \"a\", k=2)")
}

// unpacking returns the offset of the first *x or **x argument of c.
func unpacking(c *Call) (int, bool) {
	for _, a := range c.Args {
		if st, ok := a.(*Starred); ok {
			return st.Off, true
		}
	}
	for _, k := range c.Kwargs {
		if k.Name == "" {
			return k.Off, true
		}
	}
	return 0, false
}

// IsComplete reports whether src is a whole statement, or ends inside an
// open bracket or triple-quoted string and needs a continuation line.
func IsComplete(src string) bool {
	// A byte-level answer first: a source without quotes, backslashes
	// and comments whose brackets balance is complete without tokenizing
	// it (so the parser, which runs next, is its one scan). The scanner's
	// only incomplete errors are open strings and a trailing backslash,
	// and its brackets are these bytes when there are no strings or
	// comments. Anything else asks the scanner.
	depth := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\'', '"', '\\', '#':
			return !pylit.Incomplete(src)
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return depth == 0 || !pylit.Incomplete(src)
}

type parser struct {
	p     *pylit.Parser
	depth int

	// The pylit parser and the first nodes of a statement live here, so
	// that parsing a short one (obj.method(1, "a")) is one allocation,
	// this struct's, instead of one per node; the nodes keep it alive.
	budget                        codec.Budget // p's
	stmt                          ExprStmt
	names                         [2]Name
	attrs                         [1]Attr
	calls                         [1]Call
	lits                          [3]Lit
	args                          [3]Expr // the first call's arguments
	nNames, nAttrs, nCalls, nLits int
}

// literalParsers keeps the pylit parsers of statements for the next
// one. A parser is 700 bytes; a new one per statement was fresh memory
// for a piped script's first thousands of statements to fault in
// (docs/performance.md). What a statement's nodes keep (literal values,
// strs) lives in blocks the parser hands off, never in the parser.
var literalParsers = sync.Pool{New: func() any { return new(pylit.Parser) }}

// release clears the statement's pylit parser (dropping src, the budget
// and its blocks) and gives it back to literalParsers.
func (p *parser) release() {
	*p.p = pylit.Parser{}
	literalParsers.Put(p.p)
	p.p = nil
}

// node returns the next free element of block, or a new one when all n
// are taken.
func node[T any](block []T, n *int) *T {
	if *n < len(block) {
		*n++
		return &block[*n-1]
	}
	return new(T)
}

// augmentedOps are the operators of augmented assignment, as Python's
// grammar lists them (augassign).
var augmentedOps = map[string]bool{
	"+=": true, "-=": true, "*=": true, "/=": true, "//=": true, "%=": true, "**=": true,
	"@=": true, "&=": true, "|=": true, "^=": true, "<<=": true, ">>=": true,
}

func (p *parser) statement() (Stmt, error) {
	if t := p.p.Peek(); t.Kind == pylit.Ident && t.Text == "del" {
		return p.del()
	}
	lhs, err := p.expr()
	if err != nil {
		return nil, err
	}
	t := p.p.Peek()
	switch {
	case t.Is("="):
		if err := p.target(lhs, "assign to"); err != nil {
			return nil, err
		}
		p.p.Next()
		rhs, err := p.expr()
		if err != nil {
			return nil, err
		}
		return &Assign{Target: lhs, Value: rhs}, nil
	case t.Kind == pylit.Op && augmentedOps[t.Text]:
		if err := p.target(lhs, "use "+t.Text+" on"); err != nil {
			return nil, err
		}
		p.p.Next()
		rhs, err := p.expr()
		if err != nil {
			return nil, err
		}
		return &AugAssign{Target: lhs, Op: strings.TrimSuffix(t.Text, "="), OpOff: t.Off, Value: rhs}, nil
	}
	p.stmt = ExprStmt{X: lhs}
	return &p.stmt, nil
}

// target checks that x can be assigned to.
func (p *parser) target(x Expr, what string) error {
	switch x.(type) {
	case *Name, *Attr:
		return nil
	}
	off, _ := x.Span()
	return p.p.Errorf(off, "cannot "+what+" this: only a name or an attribute (obj.attr) can be assigned")
}

// del parses del NAME[, NAME]...
func (p *parser) del() (Stmt, error) {
	p.p.Next()
	d := &Del{}
	for {
		t := p.p.Peek()
		if t.Kind != pylit.Ident || isLiteralName(t.Text, p.p) {
			return nil, p.expected(t, "a name to delete")
		}
		p.p.Next()
		d.Names = append(d.Names, &Name{Off: t.Off, End: t.End, Name: t.Text})
		if !p.p.Peek().Is(",") {
			return d, nil
		}
		p.p.Next()
	}
}

// expr parses a literal, or a name followed by any chain of .attr, (args)
// and [index].
func (p *parser) expr() (Expr, error) {
	p.depth++
	defer func() { p.depth-- }()
	t := p.p.Peek()
	if p.depth > maxDepth {
		return nil, p.p.Errorf(t.Off, "expression nested too deeply")
	}
	var x Expr
	switch {
	case t.Kind == pylit.Ident && !isLiteralName(t.Text, p.p):
		p.p.Next()
		n := node(p.names[:], &p.nNames)
		*n = Name{Off: t.Off, End: t.End, Name: t.Text}
		x = n
	case p.p.IsLiteralStart(t):
		v, err := p.p.Literal()
		if err != nil {
			return nil, err
		}
		l := node(p.lits[:], &p.nLits)
		*l = Lit{Off: t.Off, End: p.p.Peek().Off, Value: v}
		if end := lastEnd(p.p.Source(), t.Off, p.p.Peek().Off); end > 0 {
			l.End = end
		}
		x = l
	case t.Kind == pylit.EOF:
		if err := p.p.Err(); err != nil {
			return nil, err
		}
		return nil, p.p.Errorf(t.Off, "expected an expression, found end of input")
	default:
		return nil, p.p.Errorf(t.Off, "expected a name or a literal, found "+describe(t))
	}
	return p.trailers(x)
}

// isLiteralName tells None/True/False and the literal helpers (set(),
// frozenset(...), float("nan")) from variable names.
func isLiteralName(name string, p *pylit.Parser) bool {
	return p.IsLiteralStart(pylit.Token{Kind: pylit.Ident, Text: name})
}

func lastEnd(src string, off, next int) int {
	if next > len(src) {
		next = len(src)
	}
	end := next
	for end > off && isSpace(src[end-1]) {
		end--
	}
	return end
}

func (p *parser) trailers(x Expr) (Expr, error) {
	off, _ := x.Span()
	for n := 0; ; n++ {
		t := p.p.Peek()
		if n > maxDepth {
			return nil, p.p.Errorf(t.Off, "expression chain too long")
		}
		switch {
		case t.Is("."):
			p.p.Next()
			name := p.p.Peek()
			if name.Kind != pylit.Ident {
				return nil, p.p.Errorf(name.Off, "expected an attribute or method name after '.', found "+describe(name))
			}
			p.p.Next()
			a := node(p.attrs[:], &p.nAttrs)
			*a = Attr{X: x, Name: name.Text, Off: off, End: name.End, NameOff: name.Off}
			x = a
		case t.Is("("):
			call, err := p.call(x, off)
			if err != nil {
				return nil, err
			}
			x = call
		case t.Is("["):
			p.p.Next()
			idx, err := p.subscript()
			if err != nil {
				return nil, err
			}
			closer := p.p.Peek()
			if !closer.Is("]") {
				return nil, p.expected(closer, "']'")
			}
			p.p.Next()
			x = &Index{X: x, Index: idx, Off: off, End: closer.End}
		default:
			return x, nil
		}
	}
}

// subscript parses what stands between [ and ]: an index, or a slice
// lo:hi:step with any part left out.
func (p *parser) subscript() (Expr, error) {
	start := p.p.Peek()
	var parts [3]Expr
	colons := 0
	for {
		t := p.p.Peek()
		if !t.Is(":") && !t.Is("]") {
			if parts[colons] != nil {
				return nil, p.expected(t, "':' or ']'")
			}
			x, err := p.expr()
			if err != nil {
				return nil, err
			}
			parts[colons] = x
			continue
		}
		if t.Is("]") {
			break
		}
		if colons == 2 {
			return nil, p.expected(t, "']'")
		}
		colons++
		p.p.Next()
	}
	if colons == 0 {
		if parts[0] == nil {
			return nil, p.p.Errorf(start.Off, "expected an index or a slice, found ']'")
		}
		return parts[0], nil
	}
	return &Slice{Lo: parts[0], Hi: parts[1], Step: parts[2], Off: start.Off, End: p.p.Peek().Off}, nil
}

func (p *parser) call(fn Expr, off int) (*Call, error) {
	p.p.Next() // (
	c := node(p.calls[:], &p.nCalls)
	*c = Call{Fn: fn, Off: off}
	if c == &p.calls[0] {
		c.Args = p.args[:0]
	}
	keywords, unpacked := false, false // a keyword argument or **x seen; **x seen
	for {
		t := p.p.Peek()
		switch {
		case t.Is(")"):
			p.p.Next()
			c.End = t.End
			return c, nil
		case t.Is("**"):
			p.p.Next()
			v, err := p.expr()
			if err != nil {
				return nil, err
			}
			c.Kwargs = append(c.Kwargs, Kwarg{Off: t.Off, Value: v})
			keywords, unpacked = true, true
		case t.Is("*"):
			if unpacked {
				return nil, p.p.Errorf(t.Off, "iterable argument unpacking follows keyword argument unpacking")
			}
			p.p.Next()
			v, err := p.expr()
			if err != nil {
				return nil, err
			}
			_, end := v.Span()
			c.Args = append(c.Args, &Starred{X: v, Off: t.Off, End: end})
		default:
			if t.Kind == pylit.Ident && !isLiteralName(t.Text, p.p) {
				// name=value is a keyword argument; anything else
				// starting with a name is a positional expression.
				kw, ok, err := p.kwarg(t)
				if err != nil {
					return nil, err
				}
				if ok {
					c.Kwargs = append(c.Kwargs, kw)
					keywords = true
					break
				}
			}
			if keywords {
				what := "keyword argument"
				if unpacked {
					what += " unpacking"
				}
				return nil, p.p.Errorf(t.Off, "positional argument follows "+what)
			}
			arg, err := p.expr()
			if err != nil {
				return nil, err
			}
			c.Args = append(c.Args, arg)
		}
		t = p.p.Peek()
		switch {
		case t.Is(","):
			p.p.Next()
		case t.Is(")"):
		default:
			return nil, p.expected(t, "',' or ')'")
		}
	}
}

// kwarg parses name=value when the token after the name is '='. The
// parser has one token of lookahead, so peek at the source instead.
func (p *parser) kwarg(name pylit.Token) (Kwarg, bool, error) {
	rest := p.p.Source()[name.End:]
	for len(rest) > 0 && isSpace(rest[0]) {
		rest = rest[1:]
	}
	if !strings.HasPrefix(rest, "=") || strings.HasPrefix(rest, "==") {
		return Kwarg{}, false, nil
	}
	p.p.Next() // name
	p.p.Next() // =
	v, err := p.expr()
	if err != nil {
		return Kwarg{}, false, err
	}
	return Kwarg{Name: name.Text, Off: name.Off, Value: v}, true, nil
}

func (p *parser) expected(t pylit.Token, what string) error {
	if t.Kind == pylit.EOF {
		if err := p.p.Err(); err != nil {
			return err
		}
	}
	return p.p.Errorf(t.Off, "expected "+what+", found "+describe(t))
}

func describe(t pylit.Token) string {
	switch t.Kind {
	case pylit.EOF:
		return "end of input"
	case pylit.String:
		return "a string"
	case pylit.Number:
		return "number " + t.Text
	}
	return "'" + t.Text + "'"
}

// isSpace is the blank between tokens that lastEnd and kwarg skip: a
// loop over it costs less than strings.Trim with a cutset, which builds
// its set at every call.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
