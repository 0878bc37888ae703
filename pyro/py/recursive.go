package py

// Recursive stands where a container holds itself, directly or through
// others: rec = [1, 2]; rec.append(rec) decodes to List{1, 2,
// &Recursive{"list"}}. Decoders put it on the edge that closes the cycle
// (pickle memo references, marshal references), so a decoded value never
// loops and every walk over it ends. It prints as Python's repr prints
// the container it stands for: [...], {...}, (...).
type Recursive struct {
	// Kind is the Python type of the container: "list", "dict", "tuple",
	// "deque", or another kind name.
	Kind string
	// Target is the container it stands for, when the decoder knows it
	// (nil otherwise): what indexing it reaches, as Python's d['self']
	// is d. Walks over a value (repr, Equal, HashKey, Contains, encoders)
	// never follow it, which is what keeps them finite.
	Target Value
}

// AppendRepr implements Value: [...] for a list or deque, {...} for a
// dict, (...) for a tuple, defaultdict(<factory>, {...}) for a
// defaultdict whose Target is known, ... otherwise (as
// reprlib.recursive_repr).
func (r *Recursive) AppendRepr(dst []byte) []byte {
	switch r.Kind {
	case "list", "deque":
		return append(dst, "[...]"...)
	case "dict":
		return append(dst, "{...}"...)
	case "tuple":
		return append(dst, "(...)"...)
	case "defaultdict":
		// defaultdict's repr guards only its dict part, so the inner one
		// still shows its factory: defaultdict(<class 'list'>, {...}).
		if d, ok := r.Target.(*StdDict); ok {
			dst = append(dst, "defaultdict("...)
			dst = AppendRepr(dst, d.Factory)
			return append(dst, ", {...})"...)
		}
	}
	return append(dst, "..."...)
}

// PyType implements the TypeName hook: the kind it stands for.
func (r *Recursive) PyType() string { return r.Kind }
