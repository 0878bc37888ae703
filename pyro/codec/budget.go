package codec

import (
	"errors"
	"fmt"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// The decoded-size ceiling. A message may decode to at most
// max(MinDecodedSize, DecodedPerByte × its size on the wire) bytes of
// values, counted as a Budget counts them. A real reply decodes to 3–5×
// its uncompressed payload and zlib shrinks records 4–10×, so 64 bytes
// per wire byte leaves room for any honest result, while the 245 KB zlib
// body that inflates to a list of 126 million zeros (issue 13) stops at
// the 64 MiB floor instead of costing gigabytes. docs/security.md
// documents the figures.
const (
	MinDecodedSize = 64 << 20
	DecodedPerByte = 64
)

// ValueCost is what a Budget is charged for each slot of a decoded list,
// tuple, set or dict (an interface value; a dict item takes two), and a
// str or bytes its length. A decoder that knows a container's length
// charges its slots before reading its elements, so an announced length
// cannot allocate past the budget; the others charge each slot as they
// fill it.
const ValueCost = 16

// ErrTooLarge is the cause, for errors.Is, of a decode stopped by its
// Budget.
var ErrTooLarge = errors.New("decoded value exceeds its size budget")

// DecodedLimit returns the ceiling for a message whose payload took
// wireSize bytes on the wire (before any decompression).
func DecodedLimit(wireSize int) int64 {
	return max(MinDecodedSize, DecodedPerByte*int64(max(wireSize, 0)))
}

// Budget bounds what one message may decode to. Decoders charge what
// they build (ValueCost per container slot, plus the text of strs and
// bytes) and stop
// with BudgetError once the total passes the limit, so the bound holds
// before the memory is spent, and it holds the same whether a result is
// decoded whole or element by element (Itemizer): the same bytes give the
// same value or the same error. A Budget is for one decode at a time.
//
// The pyro client gives each reply NewBudget(DecodedLimit(its wire
// size)); a daemon can do the same for requests. Codec.Decode, which
// knows only the payload, uses DecodedLimit(len(data)).
type Budget struct {
	left, limit int64 // left goes below 0 once the limit is passed
}

// NewBudget returns a budget of limit bytes; limit ≤ 0 means
// DecodedLimit(0), the floor.
func NewBudget(limit int64) *Budget {
	if limit <= 0 {
		limit = DecodedLimit(0)
	}
	return &Budget{left: limit, limit: limit}
}

// BudgetFor returns b, or when b is nil a fresh budget for a payload of
// n bytes: what a decoder given no budget uses.
func BudgetFor(b *Budget, n int) *Budget {
	if b != nil {
		return b
	}
	return NewBudget(DecodedLimit(n))
}

// Charge adds n bytes and reports whether the budget still holds.
func (b *Budget) Charge(n int) bool {
	b.left -= int64(n)
	return b.left >= 0
}

// Left returns the bytes left before the limit; below zero once passed.
func (b *Budget) Left() int64 { return b.left }

// Used returns the bytes charged so far.
func (b *Budget) Used() int64 { return b.limit - b.left }

// Reset sets the bytes charged back to used, a figure Used returned: for
// a decoder that throws away what it built since then and reads the same
// bytes again another way.
func (b *Budget) Reset(used int64) { b.left = b.limit - used }

// Limit returns the budget's ceiling in bytes.
func (b *Budget) Limit() int64 { return b.limit }

// Error returns the *Error a decoder reports when Charge failed: the
// codec's name, the byte offset reached, and ErrTooLarge as the cause.
func (b *Budget) Error(codecName string, offset int) error {
	return &Error{Codec: codecName, Op: "decode", Offset: offset, Err: ErrTooLarge,
		Msg: fmt.Sprintf("the value decodes to more than %s, the ceiling for this message (see docs/security.md)", sizeText(b.limit))}
}

// sizeText writes n bytes as MiB or KiB when that is exact enough.
func sizeText(n int64) string {
	switch {
	case n >= 10<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 10<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Bounded is a Codec that can charge its decoding to a Budget. Every
// codec of this module is one; Decode uses it when it can.
type Bounded interface {
	DecodeWithin(data []byte, b *Budget) (py.Value, error)
}

// Decode decodes data with c, charging b when c is Bounded (a nil b is
// BudgetFor's default); a codec that is not Bounded decodes as its
// Decode does.
func Decode(c Codec, data []byte, b *Budget) (py.Value, error) {
	if bc, ok := c.(Bounded); ok {
		return bc.DecodeWithin(data, b)
	}
	return c.Decode(data)
}

// BoundedCall is a Codec that can charge the decoding of an INVOKE
// payload to a Budget, as a daemon does for every request.
type BoundedCall interface {
	DecodeCallWithin(data []byte, b *Budget) (*Call, error)
}

// DecodeCall decodes an INVOKE payload with c, charging b when c is
// BoundedCall; another codec decodes as its DecodeCall does.
func DecodeCall(c Codec, data []byte, b *Budget) (*Call, error) {
	if bc, ok := c.(BoundedCall); ok {
		return bc.DecodeCallWithin(data, b)
	}
	return c.DecodeCall(data)
}

// Items is a payload's top-level list or tuple decoded one element at a
// time, so a caller that prints each element and lets it go holds the
// payload and one element, not the whole value (which costs 3–5× the
// payload for small records).
type Items interface {
	// IsTuple reports whether the value is a tuple, not a list.
	IsTuple() bool
	// Next returns the next element; ok is false after the last one. An
	// error is the one Decode gives for the same payload (a *Error), and
	// every later call returns it again; the elements before it were
	// already handed out.
	Next() (v py.Value, ok bool, err error)
}

// Itemizer is a Codec that can decode a top-level list or tuple element
// by element. DecodeItems decodes data as DecodeWithin does, except that
// a top-level list or tuple comes back as Items and v is nil; any other
// value is decoded whole into v. The elements, and the error where the
// payload is broken or over budget, are the ones DecodeWithin gives.
type Itemizer interface {
	DecodeItems(data []byte, b *Budget) (v py.Value, items Items, err error)
}

// SoundChecker is a Codec that can tell, without building values, that a
// payload decodes: Sound reports true only when DecodeWithin of data
// under b succeeds (and DecodeItems, and every element its Items hand
// out); false means it may not, and a caller that must know decodes.
// Sound spends b as the decode would: pass a copy. pyro.Items uses it to
// skip its first pass over a large list.
type SoundChecker interface {
	Sound(data []byte, b *Budget) bool
}
