package wire5

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/pyrosh/pyrosh/pyro/wire"
)

// minCompressSize is the payload size Pyro5 compresses above
// (SendingMessage.__init__: len(payload) > 100).
const minCompressSize = 101

// Write encodes m with AppendFrame and writes the frame with a single
// w.Write call, as Pyro5 sends a whole message at once. o may be nil.
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
// m.Flags is ignored because m.Data is always the plain payload. The
// correlation id goes out only with FlagCorrID (zeros otherwise). o may
// be nil.
//
// It returns a *wire.ProtocolError if an annotation key is not 4 ASCII
// bytes or the message exceeds the size limit. m is not modified.
func (m *Message) AppendFrame(dst []byte, o *Options) ([]byte, error) {
	data, compressed := compress(m.Type, m.Data, o)
	flags := m.Flags &^ FlagCompressed
	if compressed {
		flags |= FlagCompressed
	}
	annLen := 0
	for _, a := range m.Annotations {
		if err := checkKey(a.Key); err != nil {
			return dst, err
		}
		annLen += chunkHeader + len(a.Value)
	}
	if limit := o.maxSize(); len(data)+annLen > limit {
		return dst, protoErr(fmt.Sprintf("%s message of %d bytes exceeds limit of %d", m.Type, len(data)+annLen, limit), wire.ErrTooLarge)
	}
	if len(data) > math.MaxUint32 || annLen > math.MaxUint32 {
		return dst, protoErr(fmt.Sprintf("%s message of %d bytes exceeds 4 GiB", m.Type, len(data)+annLen), wire.ErrTooLarge)
	}
	if m.Type > math.MaxUint8 {
		return dst, protoErr(fmt.Sprintf("message type %d does not fit a byte", m.Type), nil)
	}
	dst = slices.Grow(dst, HeaderSize+annLen+len(data))
	dst = append(dst, "PYRO"...)
	dst = binary.BigEndian.AppendUint16(dst, ProtocolVersion)
	dst = append(dst, byte(m.Type), m.SerializerID)
	dst = binary.BigEndian.AppendUint16(dst, uint16(flags))
	dst = binary.BigEndian.AppendUint16(dst, m.Seq)
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(data)))
	dst = binary.BigEndian.AppendUint32(dst, uint32(annLen))
	if flags&FlagCorrID != 0 {
		dst = append(dst, m.CorrID[:]...)
	} else {
		dst = append(dst, make([]byte, 16)...)
	}
	dst = binary.BigEndian.AppendUint16(dst, 0) // reserved
	dst = binary.BigEndian.AppendUint16(dst, MagicNumber)
	for _, a := range m.Annotations {
		dst = append(dst, a.Key...)
		dst = binary.BigEndian.AppendUint32(dst, uint32(len(a.Value)))
		dst = append(dst, a.Value...)
	}
	return append(dst, data...), nil
}

func checkKey(key string) error {
	if len(key) != 4 {
		return protoErr(fmt.Sprintf("annotation key %q is not 4 bytes", key), nil)
	}
	return wire.CheckKey([]byte(key))
}

// compress returns data zlib-compressed, as Pyro5 does at level 4, when
// Compress is set, the payload is over 100 bytes and shrinks strictly.
func compress(t wire.MsgType, data []byte, o *Options) ([]byte, bool) {
	if o == nil || !o.Compress || t == wire.Ping || len(data) < minCompressSize {
		return data, false
	}
	var buf bytes.Buffer
	buf.Grow(len(data) / 2)
	zw, _ := zlib.NewWriterLevel(&buf, 4) // level 4 is valid
	zw.Write(data)                        // writes to a bytes.Buffer cannot fail
	zw.Close()
	if buf.Len() >= len(data) {
		return data, false
	}
	return buf.Bytes(), true
}
