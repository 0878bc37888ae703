package wire5

import (
	"encoding/binary"
	"fmt"
	"io"

	"github.com/pyrosh/pyrosh/pyro/wire"
)

// chunkHeader is the size of an annotation chunk's key and u32 length.
const chunkHeader = 8

// Read reads one message from r in the order Pyro5's recv_stub and
// ReceivingMessage do: the 6-byte prefix (magic, version), the rest of
// the header, the size limit, annotations, payload; then it decompresses
// the payload. o may be nil.
//
// It returns io.EOF itself when r ends before the first header byte, a
// *wire.ProtocolError wrapping io.ErrUnexpectedEOF when it ends inside a
// message, another *wire.ProtocolError for a bad message (a Pyro4 frame
// among them: its version is 48), and other read errors wrapped.
func Read(r io.Reader, o *Options) (*Message, error) {
	m := new(Message)
	if err := ReadInto(r, o, m); err != nil {
		return nil, err
	}
	return m, nil
}

// ReadInto is Read into m, which it overwrites but for ReuseBuffer and
// the buffer it keeps, for a caller that keeps the message in a struct of
// its own.
func ReadInto(r io.Reader, o *Options, m *Message) error {
	var hb [HeaderSize]byte
	if n, err := io.ReadFull(r, hb[:PrefixSize]); err != nil {
		if err == io.EOF && n == 0 {
			return io.EOF
		}
		return wire.ReadErr("header", err)
	}
	if err := checkPrefix(hb[:PrefixSize]); err != nil {
		return err
	}
	if _, err := io.ReadFull(r, hb[PrefixSize:]); err != nil {
		return wire.ReadErr("header", err)
	}
	if mn := binary.BigEndian.Uint16(hb[38:]); mn != MagicNumber {
		return protoErr(fmt.Sprintf("bad magic number 0x%04x (want 0x%04x)", mn, MagicNumber), nil)
	}
	*m = Message{
		Type:         wire.MsgType(hb[6]),
		SerializerID: hb[7],
		Flags:        Flags(binary.BigEndian.Uint16(hb[8:])),
		Seq:          binary.BigEndian.Uint16(hb[10:]),
		ReuseBuffer:  m.ReuseBuffer,
		buf:          m.buf,
	}
	dataLen := int64(binary.BigEndian.Uint32(hb[12:]))
	annLen := int64(binary.BigEndian.Uint32(hb[16:]))
	copy(m.CorrID[:], hb[20:36])
	// hb[36:38] is reserved; Pyro5 does not check it.
	if limit := o.maxSize(); dataLen+annLen > int64(limit) {
		return protoErr(fmt.Sprintf("%s message of %d bytes exceeds limit of %d", m.Type, dataLen+annLen, limit), wire.ErrTooLarge)
	}
	if annLen > 0 {
		ab, err := wire.ReadBody(r, int(annLen), o.budget())
		if err != nil {
			return wire.ReadErr("annotations", err)
		}
		if m.Annotations, err = parseAnnotations(ab); err != nil {
			return err
		}
	}
	var data []byte
	var err error
	if m.ReuseBuffer {
		data, err = wire.ReadBodyInto(r, int(dataLen), o.budget(), &m.buf)
	} else {
		data, err = wire.ReadBody(r, int(dataLen), o.budget())
	}
	if err != nil {
		return wire.ReadErr("payload", err)
	}
	m.Data, m.WireSize = data, len(data)
	if m.Flags&FlagCompressed != 0 {
		if m.Data, err = wire.InflateBudget(data, o.maxSize(), o.budget()); err != nil {
			return err
		}
		m.Flags &^= FlagCompressed
	}
	return nil
}

// Version returns the protocol version in the first 6 bytes of a Pyro4
// or Pyro5 header ("PYRO" and a big-endian u16), or ok false when they do
// not start with "PYRO".
func Version(prefix []byte) (v uint16, ok bool) {
	if len(prefix) < PrefixSize || string(prefix[:4]) != "PYRO" {
		return 0, false
	}
	return binary.BigEndian.Uint16(prefix[4:]), true
}

func checkPrefix(b []byte) error {
	v, ok := Version(b)
	if !ok {
		return protoErr(fmt.Sprintf("bad magic %q, not a pyro message", b[:4]), nil)
	}
	if v != ProtocolVersion {
		return protoErr(fmt.Sprintf("unsupported protocol version %d (want %d)", v, ProtocolVersion), nil)
	}
	return nil
}

// parseAnnotations splits the annotation block into chunks, which must
// end exactly at its end. Values alias b, which was read for them alone.
func parseAnnotations(b []byte) ([]wire.Annotation, error) {
	var anns []wire.Annotation
	for off := 0; off < len(b); {
		if len(b)-off < chunkHeader {
			return nil, protoErr(fmt.Sprintf("annotation chunk header at offset %d overruns annotations length %d", off, len(b)), nil)
		}
		key := b[off : off+4]
		if err := wire.CheckKey(key); err != nil {
			return nil, err
		}
		n := int64(binary.BigEndian.Uint32(b[off+4:]))
		off += chunkHeader
		if n > int64(len(b)-off) {
			return nil, protoErr(fmt.Sprintf("annotation %q of %d bytes overruns annotations length %d", key, n, len(b)), nil)
		}
		anns = append(anns, wire.Annotation{Key: string(key), Value: b[off : off+int(n) : off+int(n)]})
		off += int(n)
	}
	return anns, nil
}

func protoErr(reason string, err error) *wire.ProtocolError {
	return &wire.ProtocolError{Reason: reason, Err: err}
}
