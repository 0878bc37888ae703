package pyro

import (
	"fmt"
	"io"
	"slices"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/wire"
	"github.com/pyrosh/pyrosh/pyro/wire5"
)

// Protocol versions as Options.Protocol and Proxy.Protocol give them:
// the Pyro major version, not the wire number (48, 502).
const (
	ProtocolAuto = 0
	Pyro4        = 4
	Pyro5        = 5
)

// framing is one protocol's side of a connection: it turns a message
// into a frame and back, and holds what else differs between Pyro4 and
// Pyro5 (serializer ids, class names, a few call shapes). A connection
// picks one when it is dialled; nothing above it asks which.
type framing interface {
	version() int        // Pyro4 or Pyro5
	wireVersion() uint16 // the protocol number in the header: 48 or 502
	appendFrame(dst []byte, m *message) ([]byte, error)
	// read reads one message into m, which it overwrites.
	read(r io.Reader, m *message) error
	dialect() *dialect
	// serializerID returns the protocol's id for a serializer name.
	serializerID(name string) (uint16, bool)
}

func newFraming(version int, o *Options) framing {
	if version == Pyro5 {
		f := &framing5{o: wire5.Options{MaxSize: o.MaxMessageSize, Compress: o.Compress}}
		f.w.ReuseBuffer = ownsDecoded(o.Serializer)
		return f
	}
	f := &framing4{o: wire.Options{HMACKey: o.HMACKey, MaxSize: o.MaxMessageSize, Compress: o.Compress}}
	f.w.ReuseBuffer = ownsDecoded(o.Serializer)
	return f
}

// ownsDecoded reports whether the values the serializer decodes own all
// their memory (codec.Copier: serpent's), so that a connection may read
// each small reply into the buffer of the one before. The other decoders
// are not held to it, and keep a buffer per reply.
func ownsDecoded(serializer string) bool {
	c, err := Codec(serializer)
	if err != nil {
		return false
	}
	cp, ok := c.(codec.Copier)
	return ok && cp.DecodeCopies()
}

// serializerIDs remembers the id of the serializer name last asked, for
// a connection's framing: every message of a proxy uses the same one, and
// a look-up in a map each time cost a tenth of sending a call.
type serializerIDs struct {
	name string
	id   uint16
}

// get returns the id of name from the last answer, or from f.
func (s *serializerIDs) get(name string, f framing) (uint16, bool) {
	if name == s.name && name != "" {
		return s.id, true
	}
	id, ok := f.serializerID(name)
	if ok {
		s.name, s.id = name, id
	}
	return id, ok
}

// framing4 is Pyro4 4.x (protocol 48): flags 0x10 META, 0x20 STREAM, the
// correlation id in a CORR annotation, HMAC in package wire.
type framing4 struct {
	o   wire.Options
	w   wire.Message // the reply last read, with room for its annotations (read)
	out wire.Message // the request being framed (appendFrame)
	ids serializerIDs
}

func (*framing4) version() int        { return Pyro4 }
func (*framing4) wireVersion() uint16 { return wire.ProtocolVersion }
func (*framing4) dialect() *dialect   { return pyro4Dialect }
func (*framing4) serializerID(name string) (uint16, bool) {
	c, ok := codecs[name]
	if !ok {
		return 0, false
	}
	return c.ID(), true
}

const corrKey = "CORR"

func (f *framing4) appendFrame(dst []byte, m *message) ([]byte, error) {
	id, ok := f.ids.get(m.serializer, f)
	if !ok {
		return dst, fmt.Errorf("pyro4 has no serializer %s", m.serializer)
	}
	// f.out: only these fields are ever set in it, one by one, so the
	// whole message is not cleared on every request.
	w := &f.out
	w.Type, w.Flags, w.Seq, w.SerializerID, w.Annotations, w.Data = m.typ, 0, m.seq, id, m.annotations, m.data
	if m.typ == wire.Connect {
		w.Flags |= wire.FlagMetaOnConnect // Pyro5 always sends metadata
	}
	if m.oneway {
		w.Flags |= wire.FlagOneway
	}
	if m.batch {
		w.Flags |= wire.FlagBatch
	}
	if m.corrID != nil {
		w.Annotations = append([]wire.Annotation{{Key: corrKey, Value: m.corrID}}, m.annotations...)
	}
	frame, err := w.AppendFrame(dst, &f.o)
	w.Annotations, w.Data = nil, nil // it holds no request between calls
	return frame, err
}

func (f *framing4) read(r io.Reader, m *message) error {
	w := &f.w
	if err := wire.ReadInto(r, &f.o, w); err != nil {
		return err
	}
	m.typ, m.seq, m.serializer = w.Type, w.Seq, serializerName(w.SerializerID)
	m.exception, m.oneway = w.Flags&wire.FlagException != 0, w.Flags&wire.FlagOneway != 0
	m.batch, m.stream = w.Flags&wire.FlagBatch != 0, w.Flags&wire.FlagItemStreamResult != 0
	m.data, m.wireSize = w.Data, w.WireSize
	m.annotations, m.corrID = w.Annotations, nil
	if len(w.Annotations) == 1 && w.Annotations[0].Key == corrKey {
		// A normal reply: CORR alone.
		m.annotations, m.corrID = nil, w.Annotations[0].Value
	} else if corr, ok := w.Annotation(corrKey); ok {
		m.corrID = corr
		// w is ours alone: drop CORR in place.
		m.annotations = slices.DeleteFunc(w.Annotations, func(a wire.Annotation) bool { return a.Key == corrKey })
	}
	return nil
}

// framing5 is Pyro5 5.x (protocol 502): flags 0x10 STREAM, 0x40 CORR_ID,
// the correlation id in the header, no HMAC, its own serializer ids.
type framing5 struct {
	o   wire5.Options
	w   wire5.Message // the reply last read (read)
	ids serializerIDs
}

func (*framing5) version() int        { return Pyro5 }
func (*framing5) wireVersion() uint16 { return wire5.ProtocolVersion }
func (*framing5) dialect() *dialect   { return pyro5Dialect }

// pyro5Name is the serializer name of a Pyro5 id, "serializer N" for an
// id Pyro5 does not have.
func pyro5Name(id uint8) string {
	if name, ok := wire5.SerializerName(id); ok {
		return name
	}
	return fmt.Sprintf("serializer %d", id)
}

func (*framing5) serializerID(name string) (uint16, bool) {
	id, ok := wire5.SerializerID(name)
	return uint16(id), ok
}

func (f *framing5) appendFrame(dst []byte, m *message) ([]byte, error) {
	id, ok := f.ids.get(m.serializer, f)
	if !ok {
		return dst, fmt.Errorf("pyro5 has no serializer %s", m.serializer)
	}
	w := wire5.Message{Type: m.typ, Seq: m.seq, SerializerID: uint8(id), Annotations: m.annotations, Data: m.data}
	if m.oneway {
		w.Flags |= wire5.FlagOneway
	}
	if m.batch {
		w.Flags |= wire5.FlagBatch
	}
	if len(m.corrID) == len(w.CorrID) {
		w.Flags |= wire5.FlagCorrID
		copy(w.CorrID[:], m.corrID)
	}
	return w.AppendFrame(dst, &f.o)
}

func (f *framing5) read(r io.Reader, m *message) error {
	w := &f.w
	if err := wire5.ReadInto(r, &f.o, w); err != nil {
		return err
	}
	*m = message{typ: w.Type, seq: w.Seq, serializer: pyro5Name(w.SerializerID),
		exception: w.Flags&wire5.FlagException != 0, oneway: w.Flags&wire5.FlagOneway != 0,
		batch: w.Flags&wire5.FlagBatch != 0, stream: w.Flags&wire5.FlagItemStreamResult != 0,
		annotations: w.Annotations, data: w.Data, wireSize: w.WireSize}
	if w.Flags&wire5.FlagCorrID != 0 {
		m.corrID = w.CorrID[:]
	}
	return nil
}

// dialect is what differs between the protocols above the framing: the
// class names in the "__class__" key of the dicts they send, and the
// shapes of a few calls.
type dialect struct {
	uri, proxy, excWrapper string
	errors                 string // module of Pyro's own exceptions, with the dot: "Pyro4.errors."
	// proxyState is a proxy's state tuple as Proxy.__getstate__ gives it.
	proxyState func(p *ProxyRef) py.Tuple
	// metadataArgs are the arguments of the daemon object's get_metadata.
	metadataArgs func(objectID string) []py.Value
	// nsList is the name server call that lists registrations.
	nsList func(lo ListOptions) (method string, kwargs *py.Dict)
	// nsSerializer is the serializer name server calls need, "" for any.
	nsSerializer string
}

// pyro4Dialect are Pyro4 4.82's (util.py SerializerBase.class_to_dict).
var pyro4Dialect = &dialect{
	uri: "Pyro4.core.URI", proxy: "Pyro4.core.Proxy", excWrapper: "Pyro4.futures._ExceptionWrapper",
	errors: "Pyro4.errors.",
	// (uri, oneway, methods, attrs, timeout, hmac key, handshake, max
	// retries, serializer): core.py Proxy.__getstate__.
	proxyState: func(p *ProxyRef) py.Tuple {
		return py.Tuple{py.Str(p.URI.String()), strTuple(p.Oneway), strTuple(p.Methods), strTuple(p.Attrs),
			py.Float(0), py.None, py.Str("hello"), py.Int(0), py.None}
	},
	// get_metadata(objectId, as_lists=True): lists, which every serializer carries.
	metadataArgs: func(id string) []py.Value { return []py.Value{py.Str(id), py.Bool(true)} },
	// list(prefix=, regex=, metadata_all=, metadata_any=, return_metadata=True); one filter.
	nsList: func(lo ListOptions) (string, *py.Dict) {
		kw := py.NewDict(2)
		kw.SetStr("return_metadata", py.Bool(true))
		switch {
		case lo.Prefix != "":
			kw.SetStr("prefix", py.Str(lo.Prefix))
		case lo.Regex != "":
			kw.SetStr("regex", py.Str(lo.Regex))
		case len(lo.MetadataAll) > 0:
			kw.SetStr("metadata_all", strList(lo.MetadataAll))
		case len(lo.MetadataAny) > 0:
			kw.SetStr("metadata_any", strList(lo.MetadataAny))
		}
		return "list", kw
	},
}

// pyro5Dialect are Pyro5 5.x's (serializers.py, PROTOCOL.md §8.3).
var pyro5Dialect = &dialect{
	uri: "Pyro5.core.URI", proxy: "Pyro5.client.Proxy", excWrapper: "Pyro5.core._ExceptionWrapper",
	errors: "Pyro5.errors.",
	// (uri, oneway, methods, attrs, handshake, serializer): client.py Proxy.__getstate__.
	proxyState: func(p *ProxyRef) py.Tuple {
		return py.Tuple{py.Str(p.URI.String()), strTuple(p.Oneway), strTuple(p.Methods), strTuple(p.Attrs),
			py.Str("hello"), py.None}
	},
	// get_metadata(objectId) only; a second argument is a TypeError.
	metadataArgs: func(id string) []py.Value { return []py.Value{py.Str(id)} },
	// list(prefix=, regex=, return_metadata=True), or for metadata
	// yplookup(meta_all=, meta_any=, return_metadata=True): list has no
	// metadata filter in Pyro5 (nameserver.py; PROTOCOL.md §9).
	nsList: func(lo ListOptions) (string, *py.Dict) {
		kw := py.NewDict(2)
		method := "list"
		switch {
		case lo.Prefix != "":
			kw.SetStr("prefix", py.Str(lo.Prefix))
		case lo.Regex != "":
			kw.SetStr("regex", py.Str(lo.Regex))
		case len(lo.MetadataAll) > 0:
			method = "yplookup"
			kw.SetStr("meta_all", strList(lo.MetadataAll))
		case len(lo.MetadataAny) > 0:
			method = "yplookup"
			kw.SetStr("meta_any", strList(lo.MetadataAny))
		}
		kw.SetStr("return_metadata", py.Bool(true))
		return method, kw
	},
	// json and msgpack cannot carry the frozenset of a registration without
	// metadata in list(return_metadata=True), and marshal cannot carry the
	// URI in lookup(name, return_metadata=True); serpent carries both, and
	// a Pyro5 daemon accepts every serializer (PROTOCOL.md §9).
	nsSerializer: "serpent",
}

func strTuple(s []string) py.Tuple {
	t := make(py.Tuple, len(s))
	for i, x := range s {
		t[i] = py.Str(x)
	}
	return t
}

// dialects by protocol version.
var dialects = map[int]*dialect{Pyro4: pyro4Dialect, Pyro5: pyro5Dialect}

// dialect is the dialect of the protocol the daemon spoke at the last
// handshake; Pyro4's before any.
func (p *Proxy) dialect() *dialect {
	if d, ok := dialects[p.version]; ok {
		return d
	}
	return pyro4Dialect
}
