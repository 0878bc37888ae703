package server

import (
	"fmt"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"runtime/debug"
	"sync/atomic"
)

// smallReserve is what a connection may hold even when the daemon's
// memory budget is spent by others: enough for ordinary calls, so that a
// flood of large messages cannot starve a normal client.
const smallReserve = 64 << 10

// freeAfter is the peak of bytes held that makes the daemon return freed
// memory to the operating system once the load has gone.
const freeAfter = 32 << 20

// memory is the daemon-wide budget of bytes held for incoming messages
// and their decoded values.
type memory struct {
	limit   int64
	used    atomic.Int64
	peak    atomic.Int64 // highest use since memory was last returned
	freeing atomic.Bool
}

// give returns n bytes to the budget; once use has fallen to a little
// after a peak of freeAfter or more, it returns freed memory to the OS
// (debug.FreeOSMemory, in the background, one at a time), so RSS falls
// after a flood instead of staying at its peak.
func (m *memory) give(n int) {
	if n == 0 {
		return
	}
	total := m.used.Add(-int64(n))
	if total > freeAfter/4 || m.peak.Load() < freeAfter || !m.freeing.CompareAndSwap(false, true) {
		return
	}
	m.peak.Store(total)
	go func() {
		defer m.freeing.Store(false)
		debug.FreeOSMemory()
	}()
}

// connBudget is one connection's share: a wire.Budget charged while a
// message is read and decoded, given back when it has been answered.
type connBudget struct {
	m     *memory
	limit int
	used  int
}

// Take reserves n bytes, refusing past the connection's limit, or past
// the daemon's when the connection already holds more than smallReserve.
func (b *connBudget) Take(n int) error {
	if n > b.limit-b.used {
		return fmt.Errorf("message needs more than the connection's memory budget of %d bytes", b.limit)
	}
	total := b.m.used.Add(int64(n))
	if total > b.m.limit && b.used+n > smallReserve {
		b.m.used.Add(-int64(n))
		return fmt.Errorf("the daemon's memory budget of %d bytes is in use by other connections", b.m.limit)
	}
	b.used += n
	for {
		p := b.m.peak.Load()
		if total <= p || b.m.peak.CompareAndSwap(p, total) {
			break
		}
	}
	return nil
}

// takeUpTo reserves as much of want as the budgets allow and returns it:
// what the connection has left, or only what keeps it within
// smallReserve when the daemon's budget is spent.
func (b *connBudget) takeUpTo(want int) int {
	n := min(want, b.limit-b.used)
	if n > 0 && b.Take(n) == nil {
		return n
	}
	n = min(want, smallReserve-b.used)
	if n > 0 && b.Take(n) == nil {
		return n
	}
	return 0
}

// decodeBudget reserves the memory for decoding a payload of n bytes
// and returns the codec.Budget that holds the decoder to it.
func (b *connBudget) decodeBudget(n int) *codec.Budget {
	return codec.NewBudget(int64(max(b.takeUpTo(DecodedFactor*n+1024), 1)))
}

// release gives back everything the connection holds.
func (b *connBudget) release() {
	n := b.used
	b.used = 0
	b.m.give(n)
}

// detach hands what the connection holds to the caller, who gives it back
// with memory.give when done (a oneway call still using its arguments).
func (b *connBudget) detach() int {
	n := b.used
	b.used = 0
	return n
}
