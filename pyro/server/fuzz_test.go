package server

import (
	"io"
	"net"
	"slices"
	"testing"
	"time"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/codec/json"
	"github.com/pyrosh/pyrosh/pyro/wire"
)

// FuzzServeMessage feeds arbitrary bytes, after a valid handshake or
// instead of one, to a connection handler: it must not panic and must
// return once the input ends.
func FuzzServeMessage(f *testing.F) {
	frame := func(m *wire.Message) []byte {
		b, err := m.AppendFrame(nil, nil)
		if err != nil {
			f.Fatal(err)
		}
		return b
	}
	connect := frame(&wire.Message{Type: wire.Connect, Flags: wire.FlagMetaOnConnect, SerializerID: 2,
		Data: []byte(`{"handshake": "hello", "object": "kitchen"}`)})
	call := func(obj, method, params string, flags wire.Flags) []byte {
		return frame(&wire.Message{Type: wire.Invoke, Flags: flags, Seq: 1, SerializerID: 2,
			Data: []byte(`{"object": "` + obj + `", "method": "` + method + `", "params": ` + params + `, "kwargs": {}}`)})
	}
	f.Add(false, connect)
	f.Add(false, call("kitchen", "hello", "[]", 0))
	f.Add(true, call("kitchen", "echo", `[1, "a", [null]]`, 0))
	f.Add(true, call("kitchen", "count", `[3]`, 0))
	f.Add(true, call("kitchen", "<batch>", `[["hello", [], {}], ["divide", [], null]]`, wire.FlagBatch))
	f.Add(true, call("kitchen", "__setattr__", `["level", 1]`, 0))
	f.Add(true, call("Pyro.Daemon", "get_next_stream_item", `["x"]`, 0))
	f.Add(true, call("kitchen", "fire", `[1]`, wire.FlagOneway))
	f.Add(true, frame(&wire.Message{Type: wire.Ping, Data: []byte("ping")}))
	f.Add(true, []byte("PYRO\x000garbage"))
	f.Fuzz(func(t *testing.T, handshake bool, data []byte) {
		d := New(Options{Codecs: []codec.Codec{json.Codec{}}, MaxMessageSize: 1 << 16})
		defer d.Close()
		_, o := newKitchen(d)
		d.Register("kitchen", o)
		client, srv := net.Pipe()
		c := newConn(d, srv)
		done := make(chan struct{})
		go func() { defer close(done); c.serve() }()
		go io.Copy(io.Discard, client)
		in := data
		if handshake {
			in = append(slices.Clip(connect), data...)
		}
		client.SetDeadline(time.Now().Add(5 * time.Second))
		client.Write(in)
		client.Close()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatal("connection handler did not return after the input ended")
		}
	})
}
