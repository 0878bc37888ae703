package completion

// Kind says what a candidate names. The shell shows it beside the candidate
// and may colour candidates by kind.
type Kind int

// The kinds of candidate, in the order the API lists them.
const (
	Method     Kind = iota // a remote method of a bound object
	Oneway                 // a remote oneway method (returns at once, no result)
	Attribute              // an exposed remote attribute
	Variable               // a local shell variable, including "_"
	Proxy                  // a bound name holding a remote object
	Meta                   // a meta command such as "help" (typed as ":help"); the MetaCommand type describes one
	Keyword                // None, True, False and the literal helpers float, frozenset, set
	NSName                 // a name registered in the name server
	Serializer             // a serializer name such as "serpent"
	Value                  // one of a meta command's fixed choices: on/off, pretty/repr/json, ...
)

var kindNames = [...]string{
	Method:     "method",
	Oneway:     "oneway method",
	Attribute:  "attribute",
	Variable:   "variable",
	Proxy:      "proxy",
	Meta:       "meta command",
	Keyword:    "keyword",
	NSName:     "name server name",
	Serializer: "serializer",
	Value:      "value",
}

// String returns the kind in words, as the shell shows it ("oneway method").
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// dedupPriority orders candidates that share a text, the lowest first; only
// the first is kept. A oneway method is also listed among the methods and a
// bound proxy may also be a variable: the more specific kind wins.
var dedupPriority = [...]uint8{
	Oneway:     0,
	Method:     1,
	Attribute:  2,
	Proxy:      3,
	Variable:   4,
	Keyword:    5,
	Meta:       6,
	NSName:     7,
	Serializer: 8,
	Value:      9,
}

func (k Kind) priority() uint8 {
	if k >= 0 && int(k) < len(dedupPriority) {
		return dedupPriority[k]
	}
	return 255
}
