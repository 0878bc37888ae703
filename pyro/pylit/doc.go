// Package pylit is pyrosh's one Python lexer and its literal parser.
//
// A Scanner cuts Python source into tokens (identifiers, numbers, strings,
// operators) carrying byte offsets into the source; a Parser reads that
// stream with one token of lookahead and turns literal expressions into py
// values, as Python's ast.literal_eval does: None, True, False, ints of any
// size, floats, imaginary numbers and the real±imaginary sums of complex
// literals, str and bytes with every prefix, quote style and escape,
// adjacent string concatenation, tuples, lists, dicts, sets, plus the calls
// set(), frozenset(...), float("nan") and complex(re, im) that pyrosh
// accepts at the prompt.
//
// The serpent codec decodes replies with ParseLiteral, and the shell's
// statement grammar (shell/lang) reads the same tokens and hands literal
// operands back to Parser.Literal, so a value means the same thing, with the
// same error positions, in a reply and at the prompt (compare go/scanner and
// go/parser sharing go/token).
//
// Errors are *SyntaxError with a byte offset, a 1-based line and a column in
// runes. Input is never trusted: nesting is bounded by Limits.MaxDepth and
// the source size by Limits.MaxLen, NUL bytes and invalid UTF-8 are
// rejected, and nothing panics. Decoded strs are copied out of the source
// (into shared blocks), so a value never pins a large reply in memory.
//
// Literal first tries a fast lane (fast.go) that reads the common forms
// straight from the bytes, handing anything else to the token grammar with
// identical results and errors; the serpent codec's large replies decode
// at about 100 MB/s this way.
package pylit
