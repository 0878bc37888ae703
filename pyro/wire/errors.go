package wire

import "errors"

// ErrTooLarge is wrapped by the ProtocolError returned when a message, or a
// decompressed payload, exceeds the size limit (Pyro4's
// MessageTooLargeError).
var ErrTooLarge = errors.New("message too large")

// ProtocolError reports a frame that breaks the protocol: bad magic or
// version, checksum mismatch, negative length, malformed annotations, an
// oversized or truncated message, an undecodable zlib payload, or a
// message that cannot be encoded. A peer that sent one is out of step and
// its connection should be closed.
type ProtocolError struct {
	Reason string // what is wrong, e.g. "header checksum mismatch (got 0x1234, want 0x356b)"
	Err    error  // the cause, if any: io.ErrUnexpectedEOF, ErrTooLarge, a zlib error
}

func (e *ProtocolError) Error() string {
	if e.Err != nil {
		return "pyro wire: " + e.Reason + ": " + e.Err.Error()
	}
	return "pyro wire: " + e.Reason
}

// Unwrap returns the cause.
func (e *ProtocolError) Unwrap() error { return e.Err }

// SecurityError reports an HMAC problem: a signed message when no key is
// set, an unsigned one when a key is set (Pyro4's "hmac key config not
// symmetric"), or a signature that does not match. The key never appears
// in it.
type SecurityError struct {
	Reason string // e.g. "hmac mismatch: wrong key or tampered message"
	// Type and Seq come from the rejected message's header, so a daemon
	// can still answer it (Pyro4 replies CONNECTFAIL to a CONNECT).
	Type MsgType
	Seq  uint16
}

func (e *SecurityError) Error() string { return "pyro wire: " + e.Reason }

func protoErr(reason string, err error) *ProtocolError {
	return &ProtocolError{Reason: reason, Err: err}
}
