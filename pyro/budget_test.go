package pyro_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"net"
	"testing"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/codec/serpent"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/pyrotest"
	"github.com/pyrosh/pyrosh/pyro/wire"
)

// bombPeer is a hostile daemon on loopback: it accepts the handshake and
// answers every call with payload, zlib-compressed (a small message on
// the wire).
func bombPeer(t *testing.T, payload []byte) string {
	t.Helper()
	var frame bytes.Buffer
	if err := wire.Write(&frame, &wire.Message{Type: wire.Result, SerializerID: codec.IDSerpent, Data: payload}, &wire.Options{Compress: true}); err != nil {
		t.Fatal(err)
	}
	if frame.Len() > len(payload)/100 {
		t.Fatalf("the bomb takes %d bytes on the wire, want a small message", frame.Len())
	}
	return replyPeer(t, frame.Bytes())
}

// replyPeer is a hostile Pyro4 daemon on loopback: it accepts the
// handshake (a serpent object with the method bomb) and answers every
// INVOKE with the RESULT in frame, given the request's sequence number.
// It returns the URI of its object.
func replyPeer(t *testing.T, frame []byte) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	ok, err := serpent.Codec{}.Encode(nil, py.DictOf(py.Str("handshake"), py.Str("hello"),
		py.Str("meta"), py.DictOf(py.Str("methods"), py.Tuple{py.Str("bomb")}, py.Str("oneway"), py.Tuple{}, py.Str("attrs"), py.Tuple{})))
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				for {
					m, err := wire.Read(c, nil)
					if err != nil {
						return
					}
					if m.Type == wire.Invoke {
						// The prepared frame as it is, with this request's
						// sequence number: never compressed again.
						if _, err := c.Write(withSeq(frame, m.Seq)); err != nil {
							return
						}
						continue
					}
					reply := &wire.Message{Type: wire.ConnectOK, Seq: m.Seq, SerializerID: codec.IDSerpent, Data: ok}
					if wire.Write(c, reply, &wire.Options{Compress: true}) != nil {
						return
					}
				}
			}()
		}
	}()
	return "PYRO:bomb@" + l.Addr().String()
}

// withSeq returns a copy of the Pyro4 message frame with sequence number
// seq and the header checksum to match (PROTOCOL.md §1.1).
func withSeq(frame []byte, seq uint16) []byte {
	be := binary.BigEndian
	return pyrotest.Header(wire.MsgType(be.Uint16(frame[6:8])), wire.Flags(be.Uint16(frame[8:10])), seq,
		int(be.Uint32(frame[12:16])), be.Uint16(frame[16:18]), be.Uint16(frame[18:20]), frame[24:])
}

// TestHostileReplyStopsAtDecodedBudget: a RESULT of ~24 MB that zlib
// squeezes into a few KB would decode to 12 million list slots (192 MB
// of values; issue 13's 245 KB body made 126 million). The client stops
// at codec.DecodedLimit for the message's size on the wire with
// codec.ErrTooLarge, whole (Call) or element by element (CallItems).
func TestHostileReplyStopsAtDecodedBudget(t *testing.T) {
	n := 12 << 20
	payload := make([]byte, 0, len(serpent.Header)+2*n+2)
	payload = append(payload, serpent.Header+"["...)
	payload = append(payload, bytes.Repeat([]byte("0,"), n)...)
	payload = append(payload, "0]"...)
	// The peer first, then the deadline: compressing the bomb is slow
	// under -race on a busy machine, and is no part of the dial.
	uri := bombPeer(t, payload)
	p, err := pyro.Dial(faultCtx(t, faultDeadline), uri)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	_, err = p.Call(faultCtx(t, faultDeadline), "bomb", nil, nil)
	if !errors.Is(err, codec.ErrTooLarge) {
		t.Fatalf("Call: %v, want a decoded-size error", err)
	}
	wantKind(t, err, "protocol")
	v, items, err := p.CallItems(faultCtx(t, faultDeadline), "bomb", nil, nil)
	for err == nil && items != nil {
		_, ok, e := items.Next()
		if !ok {
			err = e
			break
		}
	}
	if !errors.Is(err, codec.ErrTooLarge) || v != nil {
		t.Fatalf("CallItems: value %v, error %v; want a decoded-size error", v != nil, err)
	}
}

// TestHostileDictReplyStopsAtDecodedBudget is the same for a dict: 6
// million pairs of one key (24 MB of serpent) would take 192 MB of
// slots. A dict result is read through once before its pairs are handed
// out (pyro.Items.Whole), so the error comes before any pair.
func TestHostileDictReplyStopsAtDecodedBudget(t *testing.T) {
	n := 6 << 20
	payload := make([]byte, 0, len(serpent.Header)+4*n+2)
	payload = append(payload, serpent.Header+"{"...)
	payload = append(payload, bytes.Repeat([]byte("0:0,"), n)...)
	payload = append(payload, "0:0}"...)
	uri := bombPeer(t, payload)
	p, err := pyro.Dial(faultCtx(t, faultDeadline), uri)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	v, items, err := p.CallItems(faultCtx(t, faultDeadline), "bomb", nil, nil)
	if err != nil || items == nil || !items.IsDict() {
		t.Fatalf("CallItems: value %v, items %v, error %v; want a dict's items", v != nil, items != nil, err)
	}
	v, err = items.Whole()
	if !errors.Is(err, codec.ErrTooLarge) || v != nil {
		t.Fatalf("Whole: value %v, error %v; want a decoded-size error", v != nil, err)
	}
	wantKind(t, err, "protocol")
	if _, _, ok, err2 := items.NextItem(); ok || err2 != err {
		t.Errorf("NextItem after Whole's error: ok %v, error %v", ok, err2)
	}
}
