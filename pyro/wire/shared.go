package wire

import (
	"io"
	"strconv"
	"strings"
)

// The functions below are the parts of the Pyro4 framing that the Pyro5
// framing (package wire5) uses as they are, so both protocols have one
// body reader and one key rule (Inflate is shared the same way).

// ReadBody reads exactly n bytes from r, allocating in step with what
// arrives rather than n up front, so a lying length on a short stream
// costs little; b, when not nil, is charged for every buffer first.
func ReadBody(r io.Reader, n int, b Budget) ([]byte, error) { return readBody(r, n, b) }

// ReadBodyInto is ReadBody into *keep, grown to fit and kept, when n is
// at most ReuseMax (Message.ReuseBuffer's rule for Pyro5's framing): the
// bytes are then valid only until the next call with keep.
func ReadBodyInto(r io.Reader, n int, b Budget, keep *[]byte) ([]byte, error) {
	if n > ReuseMax {
		return readBody(r, n, b)
	}
	if err := charge(b, n); err != nil {
		return nil, err
	}
	if cap(*keep) < n {
		*keep = make([]byte, max(n, 256))
	}
	buf := (*keep)[:n:n]
	if _, err := io.ReadFull(r, buf); err != nil {
		return nil, err
	}
	return buf, nil
}

// CheckKey returns a *ProtocolError unless key is an annotation key Pyro
// can decode: 4 bytes of ASCII.
func CheckKey(key []byte) error { return checkKey(key) }

// ReadErr wraps a failure to read part ("header", "payload"...) of a
// message: running out of input inside a message is a *ProtocolError
// wrapping io.ErrUnexpectedEOF, any other failure is the reader's own.
func ReadErr(part string, err error) error { return readErr(part, err) }

// FlagString names the set bits of flags, bit i by names[i], joined with
// "|" ("EXCEPTION|COMPRESSED"); bits past names are shown in hex and no
// flags as "0". Both framings' Flags.String use it with their own names.
func FlagString(flags uint16, names []string) string {
	if flags == 0 {
		return "0"
	}
	var set []string
	for i, name := range names {
		if flags&(1<<i) != 0 {
			set = append(set, name)
		}
	}
	if rest := flags &^ (1<<len(names) - 1); rest != 0 {
		set = append(set, "0x"+strconv.FormatUint(uint64(rest), 16))
	}
	return strings.Join(set, "|")
}
