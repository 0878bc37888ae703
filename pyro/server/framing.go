package server

import (
	"bufio"
	"fmt"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/wire"
	"github.com/pyrosh/pyrosh/pyro/wire5"
)

// Protocol versions a connection can speak, as Protocol returns them:
// the Pyro major version, not the wire number (48, 502).
const (
	Pyro4 = 4
	Pyro5 = 5
)

// message is one message of a connection whichever protocol carries it,
// the daemon's half of the pyro package's neutral message: the
// connection's framing turns it into Pyro4 or Pyro5 bytes, so the
// handshake, calls, streams and batches never see flag bits or
// serializer ids.
type message struct {
	typ        wire.MsgType
	seq        uint16
	serializer string // by name; "" when the protocol has no serializer with serID
	serID      uint16 // the id as on the wire, kept for echoing a PING

	exception bool // RESULT payload is a serialized exception
	oneway    bool // INVOKE expects no reply
	batch     bool // batched INVOKE or RESULT
	stream    bool // RESULT announces a remote iterator (STRM annotation)
	meta      bool // CONNECT asks for metadata (always in Pyro5), CONNECTOK has it

	annotations []wire.Annotation // user and STRM annotations; never CORR or HMAC
	corrID      []byte            // 16 bytes, or nil
	data        []byte
}

// framing is one protocol's side of a connection, chosen once from the
// first 6 bytes the client sends (both protocols put "PYRO" and a u16
// version there).
type framing interface {
	version() int
	read(r *bufio.Reader, maxSize int) (*message, error)
	appendFrame(dst []byte, m *message) ([]byte, error)
	dialect() *dialect
}

// pickFraming peeks at the first 6 bytes of a connection: Pyro5's
// version 502 gets the Pyro5 framing, anything else Pyro4's, whose reader
// then refuses what is not Pyro4 as a Pyro4 daemon does.
func (d *Daemon) pickFraming(r *bufio.Reader, o wire.Options) (framing, error) {
	prefix, err := r.Peek(wire5.PrefixSize)
	if err != nil {
		return nil, err
	}
	if v, ok := wire5.Version(prefix); ok && v == wire5.ProtocolVersion {
		return &framing5{o: wire5.Options{MaxSize: o.MaxSize, Compress: o.Compress, Budget: o.Budget}}, nil
	}
	return &framing4{o: o, ids: d.pyro4IDs, names: d.pyro4Names}, nil
}

// framing4 is Pyro4 4.x (protocol 48): META 0x10, STREAM 0x20, the
// correlation id in a CORR annotation, HMAC in package wire.
type framing4 struct {
	o     wire.Options
	ids   map[string]uint16 // the daemon's: Pyro4's table and its own codecs
	names map[uint16]string
}

func (*framing4) version() int      { return Pyro4 }
func (*framing4) dialect() *dialect { return pyro4Dialect }

const corrKey = "CORR"

func (f *framing4) read(r *bufio.Reader, maxSize int) (*message, error) {
	o := f.o
	o.MaxSize = maxSize
	w, err := wire.Read(r, &o)
	if err != nil {
		return nil, err
	}
	m := &message{typ: w.Type, seq: w.Seq, serID: w.SerializerID, serializer: f.names[w.SerializerID],
		exception: w.Flags&wire.FlagException != 0, oneway: w.Flags&wire.FlagOneway != 0,
		batch: w.Flags&wire.FlagBatch != 0, meta: w.Flags&wire.FlagMetaOnConnect != 0, data: w.Data}
	for _, a := range w.Annotations {
		if a.Key == corrKey {
			m.corrID = a.Value
		} else {
			m.annotations = append(m.annotations, a)
		}
	}
	return m, nil
}

// appendFrame leaves out the correlation id of exception and stream
// replies, as Pyro4 sends them without annotations.
func (f *framing4) appendFrame(dst []byte, m *message) ([]byte, error) {
	w := wire.Message{Type: m.typ, Seq: m.seq, SerializerID: m.serID, Annotations: m.annotations, Data: m.data}
	if m.serializer != "" {
		id, ok := f.ids[m.serializer]
		if !ok {
			return dst, fmt.Errorf("pyro4 has no serializer %s", m.serializer)
		}
		w.SerializerID = id
	}
	set := func(on bool, f wire.Flags) {
		if on {
			w.Flags |= f
		}
	}
	set(m.exception, wire.FlagException)
	set(m.oneway, wire.FlagOneway)
	set(m.batch, wire.FlagBatch)
	set(m.stream, wire.FlagItemStreamResult)
	set(m.meta && (m.typ == wire.Connect || m.typ == wire.ConnectOK), wire.FlagMetaOnConnect)
	if m.corrID != nil && !m.exception {
		w.Annotations = append([]wire.Annotation{{Key: corrKey, Value: m.corrID}}, m.annotations...)
	}
	return w.AppendFrame(dst, &f.o)
}

// framing5 is Pyro5 5.x (protocol 502): STREAM 0x10, CORR_ID 0x40 with
// the correlation id in the header, no HMAC, its own serializer ids.
type framing5 struct{ o wire5.Options }

func (*framing5) version() int      { return Pyro5 }
func (*framing5) dialect() *dialect { return pyro5Dialect }

func (f *framing5) read(r *bufio.Reader, maxSize int) (*message, error) {
	o := f.o
	o.MaxSize = maxSize
	w, err := wire5.Read(r, &o)
	if err != nil {
		return nil, err
	}
	serializer, _ := wire5.SerializerName(w.SerializerID) // "" for an id Pyro5 does not have
	m := &message{typ: w.Type, seq: w.Seq, serID: uint16(w.SerializerID), serializer: serializer,
		exception: w.Flags&wire5.FlagException != 0, oneway: w.Flags&wire5.FlagOneway != 0,
		batch: w.Flags&wire5.FlagBatch != 0, meta: w.Type == wire.Connect,
		annotations: w.Annotations, data: w.Data}
	if w.Flags&wire5.FlagCorrID != 0 {
		m.corrID = w.CorrID[:]
	}
	return m, nil
}

// appendFrame always sends a correlation id: Pyro5 daemons set one on
// every reply.
func (f *framing5) appendFrame(dst []byte, m *message) ([]byte, error) {
	w := wire5.Message{Type: m.typ, Seq: m.seq, SerializerID: uint8(m.serID), Annotations: m.annotations, Data: m.data,
		Flags: wire5.FlagCorrID}
	if m.serializer != "" {
		id, ok := wire5.SerializerID(m.serializer)
		if !ok {
			return dst, fmt.Errorf("pyro5 has no serializer %s", m.serializer)
		}
		w.SerializerID = id
	}
	set := func(on bool, f wire5.Flags) {
		if on {
			w.Flags |= f
		}
	}
	set(m.exception, wire5.FlagException)
	set(m.oneway, wire5.FlagOneway)
	set(m.batch, wire5.FlagBatch)
	set(m.stream, wire5.FlagItemStreamResult)
	if len(m.corrID) == len(w.CorrID) {
		copy(w.CorrID[:], m.corrID)
	} else {
		raw, _ := uuid4()
		copy(w.CorrID[:], raw)
	}
	return w.AppendFrame(dst, &f.o)
}

// pyro4IDs are Pyro4's serializer ids by name (util.py); Pyro5's are
// wire5.SerializerID.
var pyro4IDs = map[string]uint16{"serpent": codec.IDSerpent, "json": codec.IDJSON, "marshal": codec.IDMarshal,
	"pickle": codec.IDPickle, "dill": codec.IDDill, "msgpack": codec.IDMsgpack, "cloudpickle": codec.IDCloudpickle}

func invert(m map[string]uint16) map[uint16]string {
	out := make(map[uint16]string, len(m))
	for k, v := range m {
		out[v] = k
	}
	return out
}
