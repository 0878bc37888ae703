// Package lang is the statement grammar of the pyrosh shell, a small and
// predictable subset of Python: calls with positional and keyword
// arguments, attribute reads and writes, assignment to variables,
// subscripts, and literals. It reads pylit's token stream and hands
// literal operands back to pylit, so a literal means the same at the
// prompt as in a serpent reply, with the same error positions. The
// commonest shapes (obj.method(1, "a", x)) are read in a fast lane
// straight from the bytes (fast.go), to the same nodes.
package lang

import "github.com/pyrosh/pyrosh/pyro/py"

// Stmt is a statement: *ExprStmt, *Assign, *AugAssign or *Del.
type Stmt interface{ stmt() }

// ExprStmt is an expression evaluated for its value, which is printed.
type ExprStmt struct{ X Expr }

// Assign binds Value to a variable (Target is *Name) or writes an
// attribute (Target is *Attr).
type Assign struct {
	Target Expr
	Value  Expr
}

// AugAssign is Target Op= Value: the target is read, combined with
// Value by Op ("+", "//", "<<"...) and written back, as Python does
// for a name or an attribute.
type AugAssign struct {
	Target Expr // *Name or *Attr
	Op     string
	OpOff  int // of the operator, for error carets
	Value  Expr
}

// Del forgets names: del a, b.
type Del struct {
	Names []*Name
}

func (*ExprStmt) stmt()  {}
func (*Assign) stmt()    {}
func (*AugAssign) stmt() {}
func (*Del) stmt()       {}

// Expr is an expression; Span returns its byte offsets in the source.
type Expr interface{ Span() (off, end int) }

// Lit is a literal value.
type Lit struct {
	Off, End int
	Value    py.Value
}

// Name is a variable or bound object name.
type Name struct {
	Off, End int
	Name     string
}

// Attr is X.Name.
type Attr struct {
	X        Expr
	Name     string
	Off, End int // of the whole expression
	NameOff  int // of Name, for error carets
}

// Call is Fn(args, key=value). An argument *x is a *Starred in Args; an
// argument **x is a Kwarg with an empty Name.
type Call struct {
	Fn       Expr
	Args     []Expr
	Kwargs   []Kwarg
	Off, End int
}

// Kwarg is one key=value argument, or **Value when Name is "".
type Kwarg struct {
	Name  string
	Off   int
	Value Expr
}

// Starred is *X in a call's arguments: the items of X as positional
// arguments.
type Starred struct {
	X        Expr
	Off, End int
}

// Slice is Lo:Hi:Step inside brackets; absent parts are nil.
type Slice struct {
	Lo, Hi, Step Expr
	Off, End     int
}

// Index is X[Index]; Index is a *Slice for X[lo:hi:step].
type Index struct {
	X, Index Expr
	Off, End int
}

// Span implements Expr.
func (e *Lit) Span() (int, int) { return e.Off, e.End }

// Span implements Expr.
func (e *Name) Span() (int, int) { return e.Off, e.End }

// Span implements Expr.
func (e *Attr) Span() (int, int) { return e.Off, e.End }

// Span implements Expr.
func (e *Call) Span() (int, int) { return e.Off, e.End }

// Span implements Expr.
func (e *Index) Span() (int, int) { return e.Off, e.End }

// Span implements Expr.
func (e *Starred) Span() (int, int) { return e.Off, e.End }

// Span implements Expr.
func (e *Slice) Span() (int, int) { return e.Off, e.End }
