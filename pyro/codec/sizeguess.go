package codec

// SizeGuess presizes the containers of a format that gives no lengths
// (json, a serpent literal, marshal's dicts). The records of a result
// share a shape, so each list or dict starts with room for as many items
// as the last one at its depth had, and the decoder doubles it from
// there. The zero value is ready to use.
//
// A guess is at most GuessMax: a hostile payload with one huge container
// followed by many small ones at the same depth must not make each small
// one allocate the huge one's size (that work is not charged to any
// Budget). GuessMax items of a dict take 512 bytes, the most a py.Slab
// block holds.
type SizeGuess struct {
	last [2][guessDepths]int32
}

// The kinds of container a SizeGuess tells apart.
const (
	GuessList = 0 // a list, tuple or set: values
	GuessDict = 1 // a dict: items
)

// GuessMax is the largest guess.
const GuessMax = 16

// guessDepths is how many nesting levels keep a guess; deeper ones share
// the last level's.
const guessDepths = 8

// For returns the starting room, at least 1, for a container of kind at
// depth.
func (g *SizeGuess) For(kind, depth int) int {
	return max(int(g.last[kind][min(depth, guessDepths-1)]), 1)
}

// Remember records that the container of kind at depth had n items.
func (g *SizeGuess) Remember(kind, depth, n int) {
	g.last[kind][min(depth, guessDepths-1)] = int32(min(n, GuessMax))
}
