package pyro_test

import (
	"context"
	"encoding/binary"
	"io"
	"net"
	"testing"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/codec/serpent"
	"github.com/pyrosh/pyrosh/pyro/py"
	"github.com/pyrosh/pyrosh/pyro/wire"
)

// cannedDaemon is a Pyro4 peer for benchmarks of the client's per-call
// path: it answers the handshake with fixed metadata and every INVOKE
// with reply, a serpent payload, under the request's sequence number and
// a CORR annotation as a Pyro4 daemon sends it. It allocates nothing per
// call, so -benchmem counts the client's allocations alone.
func cannedDaemon(b *testing.B, reply string) string {
	b.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ln.Close() })
	hello, err := serpent.Codec{}.Encode(nil, py.DictOf(py.Str("handshake"), py.Str("hello"),
		py.Str("meta"), py.DictOf(py.Str("methods"), py.List{py.Str("echo")}, py.Str("oneway"), py.List{}, py.Str("attrs"), py.List{})))
	if err != nil {
		b.Fatal(err)
	}
	payload := []byte(serpent.Header + reply)
	corr := []wire.Annotation{{Key: "CORR", Value: make([]byte, 16)}}
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		var hb [wire.HeaderSize]byte
		var body, out []byte
		for {
			if _, err := io.ReadFull(c, hb[:]); err != nil {
				return
			}
			n := int(binary.BigEndian.Uint32(hb[12:])) + int(binary.BigEndian.Uint16(hb[18:]))
			if cap(body) < n {
				body = make([]byte, n)
			}
			if _, err := io.ReadFull(c, body[:n]); err != nil {
				return
			}
			m := wire.Message{Type: wire.Result, Seq: binary.BigEndian.Uint16(hb[10:]), SerializerID: serpent.Codec{}.ID(),
				Annotations: corr, Data: payload}
			if wire.MsgType(binary.BigEndian.Uint16(hb[6:])) == wire.Connect {
				m.Type, m.Data = wire.ConnectOK, hello
			}
			if out, err = m.AppendFrame(out[:0], nil); err != nil {
				return
			}
			if _, err := c.Write(out); err != nil {
				return
			}
		}
	}()
	return "PYRO:Example@" + ln.Addr().String()
}

// BenchmarkCall is one Proxy.Call of echo(1) with serpent, as `pyrosh
// bench` makes it, against a peer that costs nothing: its allocations are
// the client's per-call allocations.
func BenchmarkCall(b *testing.B) {
	ctx := context.Background()
	p, err := pyro.Dial(ctx, cannedDaemon(b, "(1,)"), pyro.WithProtocol(pyro.Pyro4))
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	args := []py.Value{py.Int(1)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Call(ctx, "echo", args, nil); err != nil {
			b.Fatal(err)
		}
	}
}
