// Package wire reads and writes Pyro4 4.82 protocol messages (protocol
// version 48): the 24-byte header, annotation chunks, the payload, the
// header checksum, HMAC-SHA1 signing and zlib compression, all under an
// explicit size limit.
//
// A frame on the wire is
//
//	header (24 bytes) | annotation chunks (ann_len bytes) | payload (data_len bytes)
//
// with the header laid out big-endian as Python's struct "!4sHHHHiHHHH":
//
//	off size field
//	  0    4 magic "PYRO"
//	  4    2 protocol version, always 48
//	  6    2 message type (Connect ... Ping)
//	  8    2 flags
//	 10    2 sequence number
//	 12    4 data length, a signed int32
//	 16    2 serializer id
//	 18    2 annotations length, including the 6-byte chunk headers
//	 20    2 reserved, 0
//	 22    2 checksum: sum of the field values + 0x34E9, masked to 16 bits
//
// and each annotation chunk a 4-byte ASCII key, a u16 length and the value.
//
// The package does framing only: it knows nothing of connections, sequence
// numbers in flight or serializers. [Read] takes one message from an
// [io.Reader], verifying and stripping the HMAC annotation and
// decompressing the payload; [Write] and [Message.AppendFrame] do the
// reverse. Package pyro owns the connection on top of it, as net/rpc's
// Client sits on a ClientCodec.
//
// Untrusted input never makes Read panic or allocate more than the
// announced size allows: the announced size is checked against
// [Options.MaxSize] before any buffer is made, and a large body is read in
// growing chunks so a lying header on a short stream costs little.
// Failures are [*ProtocolError] (malformed or oversized frames, including
// truncation, which also wraps [io.ErrUnexpectedEOF]) and [*SecurityError]
// (HMAC problems). A stream that ends cleanly before a new message returns
// [io.EOF] itself.
//
// The facts come from Pyro4's message.py and util.py; see
// /work/shared/pyro4/PROTOCOL.md sections 1 and 12.
package wire
