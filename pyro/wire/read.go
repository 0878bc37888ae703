package wire

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// corrSize is the length of a CORR annotation's value, a UUID.
const corrSize = 16

// readChunk bounds what Read allocates ahead of the bytes actually
// received, so a header announcing 256 MB on a short stream costs at most
// about this much.
const readChunk = 1 << 20

// Read reads one message from r, in the order Pyro4's Message.recv does:
// header, size limit, annotations, payload, HMAC; then it decompresses the
// payload. o may be nil.
//
// It returns io.EOF itself when r ends before the first header byte, a
// *ProtocolError wrapping io.ErrUnexpectedEOF when it ends inside a
// message, another *ProtocolError or a *SecurityError for a bad message,
// and other read errors wrapped.
func Read(r io.Reader, o *Options) (*Message, error) {
	m := new(Message)
	if err := ReadInto(r, o, m); err != nil {
		return nil, err
	}
	return m, nil
}

// ReadInto is Read into m, which it overwrites (but for ReuseBuffer and
// the buffer it keeps), for a caller that keeps the message in a struct
// of its own. From a *bufio.Reader a small message costs one allocation,
// none with m.ReuseBuffer: its annotations and payload share one buffer
// (annotation values alias it, as Data does), and up to two annotations
// are kept in m itself.
func ReadInto(r io.Reader, o *Options, m *Message) error {
	var hb [HeaderSize]byte
	if err := readHeader(r, &hb); err != nil {
		return err
	}
	h, err := parseHeader(&hb)
	if err != nil {
		return err
	}
	if limit := o.maxSize(); int64(h.dataLen)+int64(h.annLen) > int64(limit) {
		return protoErr(fmt.Sprintf("%s message of %d bytes exceeds limit of %d", h.typ, int64(h.dataLen)+int64(h.annLen), limit), ErrTooLarge)
	}
	var ab, data []byte
	if n := int(h.annLen) + int(h.dataLen); n <= readChunk {
		// Small enough to allocate as announced: one buffer for both.
		if err := charge(o.budget(), n); err != nil {
			return err
		}
		var buf []byte
		if m.ReuseBuffer && n <= ReuseMax {
			if cap(m.buf) < n {
				m.buf = make([]byte, max(n, 256))
			}
			buf = m.buf[:n:n]
		} else {
			buf = make([]byte, n)
		}
		if k, err := readFull(r, buf); err != nil {
			part := "payload"
			if k < int(h.annLen) {
				part = "annotations"
			}
			return readErr(part, err)
		}
		ab, data = buf[:h.annLen:h.annLen], buf[h.annLen:]
	} else {
		if h.annLen > 0 {
			if err := charge(o.budget(), int(h.annLen)); err != nil {
				return err
			}
			ab = make([]byte, h.annLen)
			if _, err := io.ReadFull(r, ab); err != nil {
				return readErr("annotations", err)
			}
		}
		if data, err = readBody(r, int(h.dataLen), o.budget()); err != nil {
			var pe *ProtocolError
			if errors.As(err, &pe) {
				return err
			}
			return readErr("payload", err)
		}
	}
	anns, err := parseAnnotations(m.anns[:0], ab)
	if err != nil {
		return err
	}
	if err := verify(o.key(), &h, data, anns); err != nil {
		return err
	}
	*m = Message{
		Type:         h.typ,
		Flags:        h.flags,
		Seq:          h.seq,
		SerializerID: h.serID,
		Annotations:  stripHMAC(anns),
		Data:         data,
		WireSize:     len(data),
		ReuseBuffer:  m.ReuseBuffer,
		anns:         m.anns,
		buf:          m.buf,
	}
	if m.Flags&FlagCompressed != 0 {
		if m.Data, err = InflateBudget(data, o.maxSize(), o.budget()); err != nil {
			return err
		}
		m.Flags &^= FlagCompressed
	}
	return nil
}

// readHeader reads the fixed header into hb: from a *bufio.Reader
// without a copy to the heap (the connection's reader), from another
// reader through a buffer of its own.
func readHeader(r io.Reader, hb *[HeaderSize]byte) error {
	if br, ok := r.(*bufio.Reader); ok {
		if b, err := br.Peek(HeaderSize); err == nil {
			copy(hb[:], b)
			br.Discard(HeaderSize)
			return nil
		}
		// Short or failed: ReadFull below reads the same bytes and says
		// what went wrong as for any reader.
	}
	b := make([]byte, HeaderSize)
	if n, err := io.ReadFull(r, b); err != nil {
		if err == io.EOF && n == 0 {
			return io.EOF
		}
		return readErr("header", err)
	}
	copy(hb[:], b)
	return nil
}

// readFull is io.ReadFull, copying straight out of a *bufio.Reader's
// buffer when it holds all of buf (a reply that arrived whole).
func readFull(r io.Reader, buf []byte) (int, error) {
	if br, ok := r.(*bufio.Reader); ok && br.Buffered() >= len(buf) {
		b, _ := br.Peek(len(buf))
		n := copy(buf, b)
		br.Discard(n)
		return n, nil
	}
	return io.ReadFull(r, buf)
}

// readErr names the part being read; running out of input inside a
// message is a protocol error, any other failure is the reader's own.
func readErr(part string, err error) error {
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return protoErr("truncated message "+part, io.ErrUnexpectedEOF)
	}
	return fmt.Errorf("pyro wire: read message %s: %w", part, err)
}

func parseHeader(b *[HeaderSize]byte) (header, error) {
	if string(b[0:4]) != magic {
		return header{}, protoErr(fmt.Sprintf("bad magic %q, not a pyro message", string(b[0:4])), nil)
	}
	if v := binary.BigEndian.Uint16(b[4:]); v != ProtocolVersion {
		return header{}, protoErr(fmt.Sprintf("unsupported protocol version %d (want %d)", v, ProtocolVersion), nil)
	}
	h := header{
		typ:      MsgType(binary.BigEndian.Uint16(b[6:])),
		flags:    Flags(binary.BigEndian.Uint16(b[8:])),
		seq:      binary.BigEndian.Uint16(b[10:]),
		dataLen:  int32(binary.BigEndian.Uint32(b[12:])),
		serID:    binary.BigEndian.Uint16(b[16:]),
		annLen:   binary.BigEndian.Uint16(b[18:]),
		checksum: binary.BigEndian.Uint16(b[22:]),
	}
	// b[20:22] is reserved; Pyro4 does not check it.
	if want := checksum(h.typ, h.flags, h.seq, h.dataLen, h.serID, h.annLen); h.checksum != want {
		return header{}, protoErr(fmt.Sprintf("header checksum mismatch (got 0x%04x, want 0x%04x)", h.checksum, want), nil)
	}
	if h.dataLen < 0 {
		return header{}, protoErr(fmt.Sprintf("negative data length %d", h.dataLen), nil)
	}
	return h, nil
}

// parseAnnotations appends the chunks of the annotation block b to anns.
// Values alias b, which Read allocated for the message alone.
func parseAnnotations(anns []Annotation, b []byte) ([]Annotation, error) {
	if len(b) == chunkHeader+corrSize && string(b[:4]) == "CORR" && int(binary.BigEndian.Uint16(b[4:])) == corrSize {
		// A normal reply's one chunk, the correlation id: what the loop
		// below gives for it, without its checks.
		return append(anns, Annotation{Key: "CORR", Value: b[chunkHeader:len(b):len(b)]}), nil
	}
	for off := 0; off < len(b); {
		if len(b)-off < chunkHeader {
			return nil, protoErr(fmt.Sprintf("annotation chunk header at offset %d overruns annotations length %d", off, len(b)), nil)
		}
		key := b[off : off+4]
		if err := checkKey(key); err != nil {
			return nil, err
		}
		n := int(binary.BigEndian.Uint16(b[off+4:]))
		off += chunkHeader
		if n > len(b)-off {
			return nil, protoErr(fmt.Sprintf("annotation %q of %d bytes overruns annotations length %d", key, n, len(b)), nil)
		}
		anns = append(anns, Annotation{Key: keyString(key), Value: b[off : off+n : off+n]})
		off += n
	}
	return anns, nil
}

// keyString is string(key) without an allocation for the keys Pyro
// itself sends (one comes with every normal reply).
func keyString(key []byte) string {
	switch string(key) {
	case "CORR":
		return "CORR"
	case hmacKey:
		return hmacKey
	case "STRM":
		return "STRM"
	case "BLBI":
		return "BLBI"
	}
	return string(key)
}

// checkKey accepts the keys Pyro4 can decode: 4 bytes of ASCII.
func checkKey[T string | []byte](key T) error {
	if len(key) != 4 {
		return protoErr(fmt.Sprintf("annotation key %q is not 4 bytes", key), nil)
	}
	for i := 0; i < len(key); i++ {
		if key[i] >= 0x80 {
			return protoErr(fmt.Sprintf("annotation key %q is not ascii", key), nil)
		}
	}
	return nil
}

func stripHMAC(anns []Annotation) []Annotation {
	out := anns[:0]
	for _, a := range anns {
		if a.Key != hmacKey {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// readBody reads exactly n bytes, allocating in step with what arrives:
// at most readChunk up front, then growing sixteenfold; b is charged for
// each buffer before it is allocated.
func readBody(r io.Reader, n int, b Budget) ([]byte, error) {
	if err := charge(b, min(n, readChunk)); err != nil {
		return nil, err
	}
	buf := make([]byte, 0, min(n, readChunk))
	for len(buf) < n {
		if len(buf) == cap(buf) {
			// Grow sixteenfold: a real reply of a few MB costs one copy of
			// the first chunk, while a lying header still gets no more than
			// sixteen times the bytes its peer actually sent.
			size := min(16*cap(buf), n)
			if err := charge(b, size); err != nil {
				return nil, err
			}
			grown := make([]byte, len(buf), size)
			copy(grown, buf)
			buf = grown
		}
		k, err := io.ReadFull(r, buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+k]
		if err != nil {
			return nil, err
		}
	}
	return buf, nil
}
