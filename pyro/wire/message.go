package wire

// Annotation is one annotation chunk. Key is exactly 4 ASCII bytes; Pyro4
// reserves CORR (correlation id), HMAC (signature, handled by this
// package), STRM (stream id) and BLBI.
type Annotation struct {
	Key   string
	Value []byte
}

// Message is one Pyro4 message with its payload in the clear.
type Message struct {
	Type         MsgType
	Flags        Flags
	Seq          uint16
	SerializerID uint16
	// Annotations are in wire order. The HMAC chunk is never here: Read
	// verifies and removes it, Write computes and appends it.
	Annotations []Annotation
	// Data is the payload, decompressed by Read (which then clears
	// FlagCompressed) and compressed by Write when Options.Compress says so.
	Data []byte
	// WireSize is the payload's size as Read took it off the wire, before
	// decompression: what a decoder's size budget is measured against
	// (codec.DecodedLimit). Zero for a message built in memory.
	WireSize int

	// ReuseBuffer makes ReadInto read a message of up to ReuseMax bytes
	// into the buffer of the one it read into this Message before, and
	// keep that buffer: Data and the annotation values are then valid
	// only until the next ReadInto into it. For a reader whose decoder
	// copies what it keeps (a connection's replies, one at a time).
	ReuseBuffer bool

	anns [2]Annotation // where ReadInto keeps a few annotations
	buf  []byte        // the buffer kept for ReuseBuffer
}

// ReuseMax is the largest message (annotations and payload) ReadInto
// reads into a kept buffer (Message.ReuseBuffer); a larger one gets a
// buffer of its own, so a kept buffer never pins much memory.
const ReuseMax = 64 << 10

// Annotation returns the value of the last annotation with the key, as
// Pyro4 keeps the last of duplicate chunks in its dict.
func (m *Message) Annotation(key string) ([]byte, bool) {
	for i := len(m.Annotations) - 1; i >= 0; i-- {
		if m.Annotations[i].Key == key {
			return m.Annotations[i].Value, true
		}
	}
	return nil, false
}

// Options are the limits and keys for reading and writing. A nil *Options
// means the zero value.
type Options struct {
	// HMACKey signs outgoing messages and is required on, and checked
	// against, incoming ones. Empty means no HMAC, as in Pyro4 where an
	// empty key is false.
	HMACKey []byte
	// MaxSize limits data_len+ann_len of a message, both ways, and the
	// size of a decompressed payload. Zero or negative means
	// DefaultMaxSize; there is no unlimited setting.
	MaxSize int
	// Compress makes Write zlib-compress payloads of 200 bytes or more
	// when that makes them strictly smaller, as Pyro4 does with
	// COMPRESSION=True. PING payloads are never compressed.
	Compress bool
	// Budget, when set, is charged by Read for every buffer it allocates
	// for an incoming message, before allocating it; nil charges nothing.
	Budget Budget
}

func (o *Options) maxSize() int {
	if o == nil || o.MaxSize <= 0 {
		return DefaultMaxSize
	}
	return o.MaxSize
}

func (o *Options) budget() Budget {
	if o == nil {
		return nil
	}
	return o.Budget
}

func (o *Options) key() []byte {
	if o == nil || len(o.HMACKey) == 0 {
		return nil
	}
	return o.HMACKey
}

// header holds the decoded fixed header fields.
type header struct {
	typ      MsgType
	flags    Flags
	seq      uint16
	dataLen  int32
	serID    uint16
	annLen   uint16
	checksum uint16
}

const (
	magic         = "PYRO"
	checksumMagic = 0x34E9
	chunkHeader   = 6 // key(4) + u16 length
	hmacKey       = "HMAC"
	hmacSize      = 20 // SHA-1
)

// checksum is Pyro4's header checksum: the sum of the field values, not
// of the bytes, plus 0x34E9, masked to 16 bits.
func checksum(typ MsgType, flags Flags, seq uint16, dataLen int32, serID, annLen uint16) uint16 {
	sum := uint32(typ) + ProtocolVersion + uint32(dataLen) + uint32(annLen) +
		uint32(serID) + uint32(flags) + uint32(seq) + checksumMagic
	return uint16(sum)
}
