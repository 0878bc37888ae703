package wire

import "io"

// The functions below are the parts of the Pyro4 framing that the Pyro5
// framing (package wire5) uses as they are, so both protocols have one
// bounded decompressor, one body reader and one key rule.

// Inflate decompresses a zlib payload (RFC 1950) and fails with a
// *ProtocolError wrapping ErrTooLarge once the output would pass limit
// bytes, so a small bomb cannot make the reader allocate without bound.
func Inflate(data []byte, limit int) ([]byte, error) { return decompress(data, limit) }

// ReadBody reads exactly n bytes from r, allocating in step with what
// arrives rather than n up front, so a lying length on a short stream
// costs little.
func ReadBody(r io.Reader, n int) ([]byte, error) { return readBody(r, n) }

// CheckKey returns a *ProtocolError unless key is an annotation key Pyro
// can decode: 4 bytes of ASCII.
func CheckKey(key []byte) error { return checkKey(key) }

// ReadErr wraps a failure to read part ("header", "payload"...) of a
// message: running out of input inside a message is a *ProtocolError
// wrapping io.ErrUnexpectedEOF, any other failure is the reader's own.
func ReadErr(part string, err error) error { return readErr(part, err) }
