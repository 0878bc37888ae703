package pyro_test

import (
	"errors"
	"net"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/wire"
)

// TestConnectOKThatIsNotADictIsAProtocolError answers the CONNECT with a
// CONNECTOK holding a list: Pyro4 and Pyro5 refuse that (they index the
// reply as a dict), and so must we, rather than take it as an object
// without methods.
func TestConnectOKThatIsNotADictIsAProtocolError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		m, err := wire.Read(c, nil)
		if err != nil {
			return
		}
		reply := &wire.Message{Type: wire.ConnectOK, Seq: m.Seq, SerializerID: m.SerializerID,
			Data: []byte("# serpent utf-8 python3.2\n['not','a','dict']")}
		wire.Write(c, reply, nil)
		wire.Read(c, nil) // hold the connection until the client closes
	}()
	_, err = pyro.Dial(ctxT(t), "PYRO:thing@"+ln.Addr().String(), pyro.WithProtocol(pyro.Pyro4))
	var pe *pyro.ProtocolError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "handshake reply holds a list, not a dict") {
		t.Fatalf("Dial = %v, want a protocol error about the handshake reply", err)
	}
}
