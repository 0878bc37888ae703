package wire

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"slices"
)

// Write encodes m with AppendFrame and writes the frame with a single
// w.Write call, as Pyro4 sends a whole message at once to stay clear of
// Nagle delays. o may be nil.
func Write(w io.Writer, m *Message, o *Options) error {
	frame, err := m.AppendFrame(nil, o)
	if err != nil {
		return err
	}
	if _, err := w.Write(frame); err != nil {
		return fmt.Errorf("pyro wire: write %s message: %w", m.Type, err)
	}
	return nil
}

// AppendFrame appends the wire encoding of m to dst and returns the
// extended slice. The payload is compressed when o.Compress allows it, in
// which case FlagCompressed is set on the wire; a FlagCompressed in
// m.Flags is ignored because m.Data is always the plain payload. With
// o.HMACKey an HMAC chunk is added after m.Annotations. o may be nil.
//
// It returns a *ProtocolError if an annotation key is not 4 ASCII bytes or
// is HMAC, a value is longer than 65535 bytes, the annotations exceed
// 65535 bytes, or the message exceeds the size limit. m is not modified.
func (m *Message) AppendFrame(dst []byte, o *Options) ([]byte, error) {
	data, compressed := compress(m.Type, m.Data, o)
	flags := m.Flags &^ FlagCompressed
	if compressed {
		flags |= FlagCompressed
	}
	key := o.key()

	annLen := 0
	for _, a := range m.Annotations {
		if err := checkKey(a.Key); err != nil {
			return dst, err
		}
		if a.Key == hmacKey {
			return dst, protoErr("annotation HMAC is reserved for the signature", nil)
		}
		if len(a.Value) > math.MaxUint16 {
			return dst, protoErr(fmt.Sprintf("annotation %q of %d bytes exceeds 65535", a.Key, len(a.Value)), nil)
		}
		annLen += chunkHeader + len(a.Value)
	}
	if key != nil {
		annLen += chunkHeader + hmacSize
	}
	if annLen > math.MaxUint16 {
		return dst, protoErr(fmt.Sprintf("annotations of %d bytes exceed 65535", annLen), nil)
	}
	if limit := o.maxSize(); len(data)+annLen > limit {
		return dst, protoErr(fmt.Sprintf("%s message of %d bytes exceeds limit of %d", m.Type, len(data)+annLen, limit), ErrTooLarge)
	}
	if len(data) > math.MaxInt32 {
		return dst, protoErr(fmt.Sprintf("payload of %d bytes exceeds 2 GB", len(data)), ErrTooLarge)
	}

	dataLen, al := int32(len(data)), uint16(annLen)
	dst = slices.Grow(dst, HeaderSize+annLen+len(data))
	// The header filled in place, then appended at once: one append
	// instead of one per field.
	var h [HeaderSize]byte
	copy(h[:], magic)
	binary.BigEndian.PutUint16(h[4:], ProtocolVersion)
	binary.BigEndian.PutUint16(h[6:], uint16(m.Type))
	binary.BigEndian.PutUint16(h[8:], uint16(flags))
	binary.BigEndian.PutUint16(h[10:], m.Seq)
	binary.BigEndian.PutUint32(h[12:], uint32(dataLen))
	binary.BigEndian.PutUint16(h[16:], m.SerializerID)
	binary.BigEndian.PutUint16(h[18:], al)
	// h[20:22] is reserved, zero.
	binary.BigEndian.PutUint16(h[22:], checksum(m.Type, flags, m.Seq, dataLen, m.SerializerID, al))
	dst = append(dst, h[:]...)
	for _, a := range m.Annotations {
		dst = appendChunk(dst, a.Key, a.Value)
	}
	if key != nil {
		// Last, as Pyro4 adds it after the other annotations.
		dst = appendChunk(dst, hmacKey, signature(key, data, m.Annotations))
	}
	return append(dst, data...), nil
}

func appendChunk(dst []byte, key string, value []byte) []byte {
	dst = append(dst, key...)
	dst = binary.BigEndian.AppendUint16(dst, uint16(len(value)))
	return append(dst, value...)
}
