package pyro

import (
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/wire"
)

// message is one Pyro message whichever protocol carries it: the proxy,
// streams and the name server work with this, and the connection's
// framing (see framing.go) turns it into Pyro4 or Pyro5 bytes, so flag
// bits and serializer ids never show above it. The message types are the
// same in both protocols.
type message struct {
	typ        wire.MsgType
	seq        uint16
	serializer string // by name ("serpent", "json"...); an id the protocol does not know is "serializer N"

	exception bool // RESULT payload is a serialized exception
	oneway    bool // INVOKE expects no reply
	batch     bool // batched INVOKE or RESULT
	stream    bool // RESULT announces a remote iterator (STRM annotation)

	annotations []wire.Annotation // user and STRM annotations; never CORR or HMAC
	corrID      []byte            // the correlation id (16 bytes), nil when none
	data        []byte            // the plain payload
	wireSize    int               // the payload's size on the wire, before decompression

	budget codec.Budget // the decoded-size budget of a reply (Proxy.decode)
}

// annotation returns the value of the last annotation with the key.
func (m *message) annotation(key string) ([]byte, bool) {
	for i := len(m.annotations) - 1; i >= 0; i-- {
		if m.annotations[i].Key == key {
			return m.annotations[i].Value, true
		}
	}
	return nil, false
}
