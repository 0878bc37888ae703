package pylit

import "strconv"

// Kind is the kind of a Token.
type Kind int

// Token kinds.
const (
	EOF    Kind = iota // end of input
	Ident              // identifier or keyword: None, obj, frozenset
	Number             // int, float or imaginary literal: 1, 0x1f, 1.5e3, 2j
	String             // str or bytes literal with any prefix: 'a', rb"\d", """x"""
	Op                 // one of ( ) [ ] { } , : . = + - * ** ; or an augmented assignment (+= //= ...)
)

var kindNames = [...]string{EOF: "EOF", Ident: "Ident", Number: "Number", String: "String", Op: "Op"}

// String returns the kind's name.
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Token is one lexical token. Off and End are byte offsets into the source
// (End exclusive) and Text is the source text between them.
type Token struct {
	Kind     Kind
	Off, End int
	Text     string
}

// Is reports whether t is the operator op.
func (t Token) Is(op string) bool { return t.Kind == Op && t.Text == op }

// describe names the token for an error message: 'x', end of input.
func (t Token) describe() string {
	switch t.Kind {
	case EOF:
		return "end of input"
	case String:
		return "string"
	case Number:
		return "number " + t.Text
	}
	return "'" + t.Text + "'"
}
