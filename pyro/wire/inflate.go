package wire

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
)

// inflateChunk is the first output buffer Inflate allocates when the
// payload gives no better guess; the buffer then doubles.
const inflateChunk = 64 << 10

// Inflate decompresses a zlib payload (RFC 1950) and fails with a
// *ProtocolError wrapping ErrTooLarge as soon as the output passes limit
// bytes: it inflates into a buffer that grows in step with the output
// (doubling, never past limit+1), so a bomb holds at most twice limit at
// any moment and allocates less than three times limit in all, never its
// full expansion. A truncated or corrupt stream is a
// *ProtocolError too. It is the one bounded inflation of both framings
// (Read here, the Pyro5 reader in package wire5).
func Inflate(data []byte, limit int) ([]byte, error) {
	return InflateBudget(data, limit, nil)
}

// InflateBudget is Inflate charging b, when not nil, for every output
// buffer before it is allocated (the whole buffer, as Read charges its
// own); an error from b stops the inflation with a *ProtocolError
// wrapping ErrTooLarge and b's error text.
func InflateBudget(data []byte, limit int, b Budget) ([]byte, error) {
	if limit < 0 {
		limit = 0
	}
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, protoErr("decompress payload", err)
	}
	defer zr.Close()
	// A guess from the compressed size, so a typical payload needs no
	// regrowth; never more than limit+1 (one byte past the limit is how
	// an oversized stream shows).
	size := min(max(4*len(data), inflateChunk), limit+1)
	if err := charge(b, size); err != nil {
		return nil, err
	}
	out := make([]byte, 0, size)
	for {
		if len(out) == cap(out) {
			if len(out) > limit {
				return nil, protoErr(fmt.Sprintf("decompressed payload exceeds %d bytes", limit), ErrTooLarge)
			}
			size := min(2*cap(out), limit+1)
			if err := charge(b, size); err != nil {
				return nil, err
			}
			grown := make([]byte, len(out), size)
			copy(grown, out)
			out = grown
		}
		n, err := zr.Read(out[len(out):cap(out)])
		out = out[:len(out)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, protoErr("decompress payload", err)
		}
	}
	if len(out) > limit {
		return nil, protoErr(fmt.Sprintf("decompressed payload exceeds %d bytes", limit), ErrTooLarge)
	}
	return out, nil
}
