// Package completion computes completion candidates for the pyrosh shell.
//
// [Complete] takes the line being edited, a cursor (a byte offset) and the
// [Sources] the shell knows — bound remote objects with the metadata fetched
// once at connect, local variables, the meta command table, cached name
// server names and serializer names — and returns the candidates for the
// word before the cursor, best first, with the offset where that word
// starts. It does no I/O and imports no terminal code: the shell adapts the
// [Result] to go-prompt, and tests call Complete directly.
//
// The contexts it knows:
//
//	obj.ec                  methods, oneway methods and attributes of obj
//	x = obj.echo(obj.he     the same, anywhere in a statement
//	ec  /  obj.echo(1, k    bound names, variables, None/True/False, float, set, frozenset
//	:he                     meta command names (Start is just after the ':')
//	:connect PYRONAME:ex    name server names (Start is just after "PYRONAME:")
//	:connect ex             URI schemes and name server names (a bare name is PYRONAME:name)
//	:connect URI as         the word "as"
//	:serializer s           serializer names
//	:output p  /  :time o   pretty, repr, json  /  on, off
//	:traceback  /  :protocol  short, full  /  auto, 4, 5
//	:meta o  /  :ping o     bound object names (also :disconnect, :reconnect)
//	:ns ex  /  :help co     name server names  /  meta command names
//
// Meta command names are matched in any case (":SERIALIZER p").
//
// Nothing is offered inside a string literal or a comment, after a number,
// or for an empty word at the start of a statement.
//
// # Matching and order
//
// A candidate matches when the word is its prefix (rank 1), its prefix
// ignoring case (rank 2), a subsequence of it ignoring case (rank 3, "ecal"
// finds echo_all), or such a subsequence once two adjacent letters of the
// word are swapped (rank 4, "ehc" finds echo). The fuzzy ranks need a word
// of two runes or more. Prefix matches are listed alphabetically, so an
// exact match comes first; fuzzy matches by how tightly they match, then by
// length, then alphabetically. An empty word lists every candidate
// alphabetically. A text offered twice (a oneway method is also a method)
// is listed once, with the more specific kind.
//
// Complete is linear in the number of candidates and allocates only for the
// ones that match: entries point into the caller's slices. Keep each
// Object's lists sorted (sort once at connect): the matches of a sorted
// list need only a linear check and a merge, where unsorted ones need a
// full sort. BenchmarkComplete10k measures both orders on 10,000 methods.
package completion
