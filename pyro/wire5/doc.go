// Package wire5 reads and writes Pyro5 5.x protocol messages (protocol
// version 502): the 40-byte header, annotation chunks, the payload and
// zlib compression, all under an explicit size limit. It is the sibling
// of package wire (Pyro4, protocol 48) and shares its message types,
// annotations, errors and bounded inflation.
//
// A frame on the wire is
//
//	header (40 bytes) | annotation chunks (ann_len bytes) | payload (data_len bytes)
//
// with the header laid out big-endian as Python's struct "!4sHBBHHII16sHH":
//
//	off size field
//	  0    4 magic "PYRO"
//	  4    2 protocol version, always 502
//	  6    1 message type (Connect ... Ping)
//	  7    1 serializer id (serpent 1, marshal 2, json 3, msgpack 4)
//	  8    2 flags
//	 10    2 sequence number
//	 12    4 data length, unsigned
//	 16    4 annotations length, including the 8-byte chunk headers
//	 20   16 correlation id, meaningful only with FlagCorrID
//	 36    2 reserved, sent as 0 and not checked
//	 38    2 magic number 0x4DC5
//
// and each annotation chunk a 4-byte ASCII key, a u32 length and the
// value. There is no checksum and no HMAC.
//
// [Read] takes the first 6 bytes (magic and version) before the other 34,
// as Pyro5's recv_stub does: the version alone tells a Pyro5 reply from a
// Pyro4 one, which is how package pyro detects the protocol a daemon
// speaks. Untrusted input never makes Read panic or allocate more than
// the announced size allows: the announced size is checked against
// [Options.MaxSize] before any buffer is made. Failures are
// [*wire.ProtocolError]; a stream that ends cleanly before a new message
// returns [io.EOF] itself.
//
// The facts come from Pyro5's protocol.py; see
// /work/shared/pyro5/PROTOCOL.md section 1.
package wire5
