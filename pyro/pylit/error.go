package pylit

import (
	"strconv"
	"unicode/utf8"
)

// SyntaxError reports source that is not a valid literal, with the
// position of the problem: Offset in bytes, Line and Col 1-based, Col in
// runes. Incomplete is set when the source ended inside an open bracket or
// an open string, so more input could complete it.
type SyntaxError struct {
	Offset, Line, Col int
	Msg               string
	Incomplete        bool
}

// Error returns "line 1, column 7: expected ',' or ')'".
func (e *SyntaxError) Error() string {
	return "line " + strconv.Itoa(e.Line) + ", column " + strconv.Itoa(e.Col) + ": " + e.Msg
}

// errorAt builds a SyntaxError for byte offset off of src.
func errorAt(src string, off int, msg string) *SyntaxError {
	if off > len(src) {
		off = len(src)
	}
	if off < 0 {
		off = 0
	}
	line, start := 1, 0
	for i := 0; i < off; i++ {
		if src[i] == '\n' {
			line++
			start = i + 1
		}
	}
	return &SyntaxError{Offset: off, Line: line, Col: utf8.RuneCountInString(src[start:off]) + 1, Msg: msg}
}
