package wire

// Budget accounts for the memory a reader spends on incoming messages.
// Read (and InflateBudget) call Take with the size of every buffer before
// allocating it: annotations, payload (in the steps it grows by) and
// inflated payload. Take returns an error to refuse; the read then fails
// with a *ProtocolError wrapping ErrTooLarge. Giving the bytes back is the
// budget owner's business (a daemon does it when it has answered the
// message).
type Budget interface {
	Take(n int) error
}

// charge takes n bytes from b, if there is a budget.
func charge(b Budget, n int) error {
	if b == nil {
		return nil
	}
	if err := b.Take(n); err != nil {
		return protoErr(err.Error(), ErrTooLarge)
	}
	return nil
}
