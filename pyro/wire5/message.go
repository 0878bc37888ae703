package wire5

import "github.com/pyrosh/pyrosh/pyro/wire"

// Message is one Pyro5 message with its payload in the clear.
type Message struct {
	Type         wire.MsgType
	Flags        Flags
	Seq          uint16
	SerializerID uint8
	// CorrID is the correlation id; it is sent, and meaningful on
	// receipt, only with FlagCorrID. Pyro5 daemons set it on every reply.
	CorrID [16]byte
	// Annotations are in wire order. Pyro5 reserves STRM (stream id) and
	// BLBI; CORR and HMAC no longer exist.
	Annotations []wire.Annotation
	// Data is the payload, decompressed by Read (which then clears
	// FlagCompressed) and compressed by AppendFrame when Options.Compress
	// says so.
	Data []byte
	// WireSize is the payload's size as Read took it off the wire, before
	// decompression (0 for a message not read); it sizes decoding budgets.
	WireSize int
	// ReuseBuffer makes ReadInto read a payload of up to wire.ReuseMax
	// bytes into the buffer of the one it read into this Message before:
	// Data is then valid only until the next ReadInto into it (see
	// wire.Message.ReuseBuffer).
	ReuseBuffer bool

	buf []byte // the payload buffer kept for ReuseBuffer
}

// Annotation returns the value of the last annotation with the key, as
// Pyro5 keeps the last of duplicate chunks in its dict.
func (m *Message) Annotation(key string) ([]byte, bool) {
	for i := len(m.Annotations) - 1; i >= 0; i-- {
		if m.Annotations[i].Key == key {
			return m.Annotations[i].Value, true
		}
	}
	return nil, false
}

// Options are the limits for reading and writing. A nil *Options means
// the zero value.
type Options struct {
	// MaxSize limits data_len+ann_len of a message, both ways, and the
	// size of a decompressed payload. Zero or negative means
	// DefaultMaxSize.
	MaxSize int
	// Compress makes AppendFrame zlib-compress payloads over 100 bytes
	// (Pyro5's threshold) when that makes them strictly smaller; Pyro5
	// itself compresses even when the payload grows, and accepts either.
	Compress bool
	// Budget, when not nil, is charged for every buffer Read allocates
	// (see wire.Budget); a daemon uses it to bound what its peers cost.
	Budget wire.Budget
}

func (o *Options) maxSize() int {
	if o == nil || o.MaxSize <= 0 {
		return DefaultMaxSize
	}
	return o.MaxSize
}

func (o *Options) budget() wire.Budget {
	if o == nil {
		return nil
	}
	return o.Budget
}
