package wire

import (
	"strconv"
)

// ProtocolVersion is the only protocol version Pyro4 4.82 speaks
// (constants.PROTOCOL_VERSION).
const ProtocolVersion = 48

// HeaderSize is the size in bytes of the fixed message header.
const HeaderSize = 24

// DefaultMaxSize is the limit on data_len+ann_len, and on the size of a
// decompressed payload, used when Options.MaxSize is zero or negative.
// Pyro4's own default (MAX_MESSAGE_SIZE=0) is unlimited; a shell has no use
// for messages that large and must not let a peer make it allocate more.
const DefaultMaxSize = 256 << 20

// MsgType is the message type field of the header (MSG_* in message.py).
type MsgType uint16

// Message types.
const (
	Connect     MsgType = 1 // client asks to talk to an object
	ConnectOK   MsgType = 2 // handshake accepted
	ConnectFail MsgType = 3 // handshake refused; payload is the reason string
	Invoke      MsgType = 4 // method call
	Result      MsgType = 5 // method call result or exception
	Ping        MsgType = 6 // liveness check; payload is not serialized
)

var msgTypeNames = [...]string{
	Connect:     "CONNECT",
	ConnectOK:   "CONNECTOK",
	ConnectFail: "CONNECTFAIL",
	Invoke:      "INVOKE",
	Result:      "RESULT",
	Ping:        "PING",
}

// String returns Pyro4's name for the type, such as "CONNECTOK", or
// "MsgType(9)" for a type Pyro4 does not define.
func (t MsgType) String() string {
	if int(t) < len(msgTypeNames) && msgTypeNames[t] != "" {
		return msgTypeNames[t]
	}
	return "MsgType(" + strconv.Itoa(int(t)) + ")"
}

// Flags is the flags bitmask of the header (FLAGS_* in message.py).
type Flags uint16

// Message flags.
const (
	FlagException        Flags = 0x01 // RESULT payload is a serialized exception
	FlagCompressed       Flags = 0x02 // payload is zlib-compressed on the wire
	FlagOneway           Flags = 0x04 // INVOKE expects no reply
	FlagBatch            Flags = 0x08 // batched INVOKE or RESULT
	FlagMetaOnConnect    Flags = 0x10 // CONNECT asks for metadata, CONNECTOK carries it
	FlagItemStreamResult Flags = 0x20 // RESULT announces a remote iterator (STRM annotation)
	FlagKeepSerialized   Flags = 0x40 // Python-internal SerializedBlob call
)

var flagNames = [...]string{
	"EXCEPTION", "COMPRESSED", "ONEWAY", "BATCH",
	"META_ON_CONNECT", "ITEMSTREAMRESULT", "KEEPSERIALIZED",
}

// String returns the set flags by Pyro4 name joined with "|", such as
// "EXCEPTION|ITEMSTREAMRESULT"; unknown bits are shown in hex and no flags
// as "0".
func (f Flags) String() string { return FlagString(uint16(f), flagNames[:]) }
