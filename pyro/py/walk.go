package py

// maxWalkDepth bounds Contains; decoders cap nesting far below it.
const maxWalkDepth = 1000

// Contains reports whether pred holds for v or for any value inside it:
// elements of sequences, sets and deques, dict keys and values, slice
// bounds and exception args. Values nested deeper than 1000 levels are
// not looked at.
func Contains(v Value, pred func(Value) bool) bool {
	return contains(v, pred, 0)
}

func contains(v Value, pred func(Value) bool, depth int) bool {
	if depth > maxWalkDepth {
		return false
	}
	if pred(v) {
		return true
	}
	var items []Value
	switch x := v.(type) {
	case List:
		items = x
	case Tuple:
		items = x
	case *Set:
		items = x.Items
	case *FrozenSet:
		items = x.Items
	case *Deque:
		items = x.Items
	case *Slice:
		items = []Value{x.Start, x.Stop, x.Step}
	case *Exception:
		items = x.Args
	case *StdDict:
		return contains(x.Dict, pred, depth)
	case *Dict:
		for _, it := range x.items {
			if contains(it.Key, pred, depth+1) || contains(it.Value, pred, depth+1) {
				return true
			}
		}
	}
	for _, e := range items {
		if contains(e, pred, depth+1) {
			return true
		}
	}
	return false
}
