package completion

import "strings"

// constants and helpers are the names the shell language knows besides
// bound names and variables: its constants, and the calls that build float,
// set and frozenset values. Both are sorted, as collector runs like to be.
var (
	constants = [...]string{"False", "None", "True"}
	helpers   = [...]string{"float", "frozenset", "set"}
)

// argumentLead holds the characters after which an expression starts: an
// identifier there is a value to complete. After anything else (a name, a
// literal, a closing bracket) a word cannot start a value.
const argumentLead = "(,=[{:;+-*/%<>!~|&^@"

// completeStatement completes the word ending t, which ends in code.
func completeStatement(t string, src *Sources) Result {
	start := identStart(t)
	word := t[start:]
	if word != "" && !isName(word) {
		return Result{Start: len(t)} // a number such as 12 or 1e5
	}
	if start > 0 && t[start-1] == '.' {
		return completeAttribute(t, start, src)
	}
	lead := strings.TrimRight(t[:start], " \t\r\n")
	if lead == "" {
		if word == "" {
			return Result{Start: start} // an empty line offers nothing
		}
	} else if strings.IndexByte(argumentLead, lead[len(lead)-1]) < 0 {
		return Result{Start: start}
	}
	c := newCollector(word, len(src.Objects)+len(src.Variables)+len(constants)+len(helpers))
	c.addObjects(src.Objects)
	c.addAll(src.Variables, Variable, Variable.String())
	c.addAll(constants[:], Keyword, "constant")
	c.addAll(helpers[:], Keyword, "literal helper")
	return c.result(start)
}

// completeAttribute completes t[start:], which follows a dot, with the
// members of the bound object named before the dot.
func completeAttribute(t string, start int, src *Sources) Result {
	dot := start - 1
	nameStart := identStart(t[:dot])
	name := t[nameStart:dot]
	if !isName(name) || nameStart > 0 && t[nameStart-1] == '.' {
		return Result{Start: start} // a number, or a member of something unknown
	}
	obj, ok := src.Objects[name]
	if !ok {
		return Result{Start: start}
	}
	c := newCollector(t[start:], len(obj.Methods)+len(obj.Oneway)+len(obj.Attrs))
	c.max = src.Max
	c.addAll(obj.Methods, Method, Method.String())
	c.addAll(obj.Oneway, Oneway, Oneway.String())
	c.addAll(obj.Attrs, Attribute, Attribute.String())
	return c.result(start)
}
