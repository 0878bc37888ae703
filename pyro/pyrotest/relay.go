package pyrotest

import (
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"io"
	"net"
	"os"
	"sync"
	"testing"
)

// Frame is one Pyro4 message seen by a Relay.
type Frame struct {
	Direction string `json:"direction"` // "client->server" or "server->client"
	Hex       string `json:"hex"`       // the whole message: header, annotations, payload
}

// Relay sits between a Pyro4 client and a daemon on 127.0.0.1 and records
// every message in both directions, in order per connection. Point a
// client at Relay.Addr instead of the daemon.
type Relay struct {
	Addr   string
	target string
	ln     net.Listener

	mu     sync.Mutex
	frames []Frame
	wg     sync.WaitGroup
}

// StartRelay listens on a free port of 127.0.0.1 and forwards every
// connection to target (host:port). It stops in t.Cleanup.
func StartRelay(t testing.TB, target string) *Relay {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("relay: %v", err)
	}
	r := &Relay{Addr: ln.Addr().String(), target: target, ln: ln}
	r.wg.Add(1)
	go r.accept()
	t.Cleanup(func() { ln.Close(); r.wg.Wait() })
	return r
}

func (r *Relay) accept() {
	defer r.wg.Done()
	for {
		c, err := r.ln.Accept()
		if err != nil {
			return
		}
		s, err := net.Dial("tcp", r.target)
		if err != nil {
			c.Close()
			continue
		}
		r.wg.Add(2)
		go r.pipe(c, s, "client->server")
		go r.pipe(s, c, "server->client")
	}
}

// pipe copies whole messages from src to dst, recording each; it splits
// the stream by the header's two length fields (PROTOCOL.md §1.1).
func (r *Relay) pipe(src, dst net.Conn, dir string) {
	defer r.wg.Done()
	defer dst.Close()
	defer src.Close()
	for {
		var head [24]byte
		if _, err := io.ReadFull(src, head[:]); err != nil {
			return
		}
		dataLen := int(int32(binary.BigEndian.Uint32(head[12:16])))
		annLen := int(binary.BigEndian.Uint16(head[18:20]))
		if dataLen < 0 || dataLen > 64<<20 {
			return
		}
		msg := make([]byte, 24+annLen+dataLen)
		copy(msg, head[:])
		if _, err := io.ReadFull(src, msg[24:]); err != nil {
			return
		}
		r.mu.Lock()
		r.frames = append(r.frames, Frame{Direction: dir, Hex: hex.EncodeToString(msg)})
		r.mu.Unlock()
		if _, err := dst.Write(msg); err != nil {
			return
		}
	}
}

// Frames returns the messages recorded so far.
func (r *Relay) Frames() []Frame {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Frame(nil), r.frames...)
}

// Capture is one recorded scenario, in the shape of the shared vectors:
// a title, the serializer, what the Python proxy saw, and the wire.
type Capture struct {
	Title      string     `json:"title"`
	Serializer string     `json:"serializer"`
	Outcome    CallResult `json:"outcome"`
	Wire       []Frame    `json:"wire"`
}

// WriteCapture writes c as indented JSON to path.
func WriteCapture(path string, c Capture) error {
	b, err := json.MarshalIndent(c, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}
