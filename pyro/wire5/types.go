package wire5

import "github.com/pyrosh/pyrosh/pyro/wire"

// ProtocolVersion is the protocol version Pyro5 5.x speaks
// (protocol.PROTOCOL_VERSION).
const ProtocolVersion = 502

// HeaderSize is the size in bytes of the fixed message header.
const HeaderSize = 40

// PrefixSize is how many bytes of a header identify the protocol: the
// magic "PYRO" and the u16 version, in the same place in Pyro4 and Pyro5.
const PrefixSize = 6

// MagicNumber ends every header (protocol._magic_number).
const MagicNumber = 0x4DC5

// DefaultMaxSize is the limit on data_len+ann_len, and on a decompressed
// payload, when Options.MaxSize is zero or negative: the same 256 MiB as
// for Pyro4 (Pyro5's own default is 1 GiB).
const DefaultMaxSize = wire.DefaultMaxSize

// Flags is the flags bitmask of the header (FLAGS_* in protocol.py). The
// bits from 0x10 up differ from Pyro4's.
type Flags uint16

// Message flags.
const (
	FlagException        Flags = 0x01 // RESULT payload is a serialized exception
	FlagCompressed       Flags = 0x02 // payload is zlib-compressed on the wire
	FlagOneway           Flags = 0x04 // INVOKE expects no reply
	FlagBatch            Flags = 0x08 // batched INVOKE or RESULT
	FlagItemStreamResult Flags = 0x10 // RESULT announces a remote iterator (STRM annotation)
	FlagKeepSerialized   Flags = 0x20 // Python-internal SerializedBlob call
	FlagCorrID           Flags = 0x40 // header bytes 20..35 hold a correlation id
)

var flagNames = [...]string{
	"EXCEPTION", "COMPRESSED", "ONEWAY", "BATCH",
	"ITEMSTREAMRESULT", "KEEPSERIALIZED", "CORR_ID",
}

// String returns the set flags by Pyro5 name joined with "|", such as
// "EXCEPTION|CORR_ID"; unknown bits are shown in hex and no flags as "0".
func (f Flags) String() string { return wire.FlagString(uint16(f), flagNames[:]) }

// Serializer ids of Pyro5 (serializers.py: serializers_by_id). Pyro5 has
// no pickle, dill or cloudpickle.
const (
	IDSerpent = 1
	IDMarshal = 2
	IDJSON    = 3
	IDMsgpack = 4
)

// SerializerID is the id of Pyro5's serializer name ("serpent" is 1);
// ok is false for a name Pyro5 does not have, such as "pickle".
func SerializerID(name string) (id uint8, ok bool) {
	switch name {
	case "serpent":
		return IDSerpent, true
	case "marshal":
		return IDMarshal, true
	case "json":
		return IDJSON, true
	case "msgpack":
		return IDMsgpack, true
	}
	return 0, false
}

// SerializerName is the name of Pyro5's serializer id (1 is "serpent");
// ok is false for an id Pyro5 does not have.
func SerializerName(id uint8) (name string, ok bool) {
	switch id {
	case IDSerpent:
		return "serpent", true
	case IDMarshal:
		return "marshal", true
	case IDJSON:
		return "json", true
	case IDMsgpack:
		return "msgpack", true
	}
	return "", false
}
