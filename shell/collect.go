package shell

import (
	"fmt"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// The bound on the items of a remote generator the shell keeps: for `_`
// after the prompt printed a stream, and for a generator bound to a name
// or passed on (g = obj.gen()). A stream keeps its items only while it
// stays within maxKeptItems items and codec.DecodedLimit(0) bytes of
// values (counted as a codec.Budget counts them), so an endless
// generator cannot grow the shell's memory without bound.
const maxKeptItems = 10_000

// collector keeps a stream's items while they stay within the bound.
type collector struct {
	items  py.List
	budget *codec.Budget
	over   bool // the bound was passed: items is dropped
}

func newCollector() *collector {
	return &collector{budget: codec.NewBudget(codec.DecodedLimit(0))}
}

// add keeps v and reports whether the items are still within the bound;
// once they are not, it keeps nothing more.
func (c *collector) add(v py.Value) bool {
	if c.over {
		return false
	}
	if len(c.items) >= maxKeptItems || !c.budget.Charge(valueCost(v, 0)) {
		c.over, c.items = true, nil
		return false
	}
	c.items = append(c.items, v)
	return true
}

// boundText names the bound for messages: "10,000 items or 64 MiB".
func boundText() string {
	return fmt.Sprintf("10,000 items or %d MiB", codec.DecodedLimit(0)>>20)
}

// valueCost is what v costs as codec.Budget counts decoded values:
// codec.ValueCost per slot, plus the text of a str or bytes. Recursive
// edges are not followed, so the walk ends; depth stops it as decoders'
// depth limits do.
func valueCost(v py.Value, depth int) int {
	n := codec.ValueCost
	if depth > 64 {
		return n
	}
	switch x := v.(type) {
	case py.Str:
		n += len(x)
	case py.Bytes:
		n += len(x)
	case py.ByteArray:
		n += len(x)
	case py.List:
		n += seqCost(x, depth)
	case py.Tuple:
		n += seqCost(x, depth)
	case *py.Set:
		n += seqCost(x.Items, depth)
	case *py.FrozenSet:
		n += seqCost(x.Items, depth)
	case *py.Dict:
		for _, it := range x.Items() {
			n += valueCost(it.Key, depth+1) + valueCost(it.Value, depth+1)
		}
	}
	return n
}

func seqCost(items []py.Value, depth int) int {
	n := 0
	for _, it := range items {
		n += valueCost(it, depth+1)
	}
	return n
}
