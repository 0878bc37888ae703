package pyrotest

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/wire"
)

// Hostile peers: clients that attack a daemon the ways issue 13 lists, on
// loopback, each bounded in time and connections so that it stops by
// itself. They report what the daemon did, never judge it; the tests do.

// ZlibBomb returns a zlib stream (level 9) of a serpent list of n+1
// zeros, "[0,0,…,0]" with serpent's header: about 2 KB per MiB of output.
// ZlibBomb(120<<20) is the 245 KB stream of issue 13 that inflates to
// 126 million values.
func ZlibBomb(n int) []byte {
	var buf bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&buf, zlib.BestCompression)
	zw.Write([]byte("# serpent utf-8 python3.2\n["))
	chunk := bytes.Repeat([]byte("0,"), 64<<10)
	for left := n; left > 0; left -= 64 << 10 {
		zw.Write(chunk[:2*min(left, 64<<10)])
	}
	zw.Write([]byte("0]"))
	zw.Close()
	return buf.Bytes()
}

// Pyro4Frame returns a Pyro4 message of type t with payload data as sent, flags
// as given (FlagCompressed says data is zlib), serializer serpent.
func Pyro4Frame(t wire.MsgType, flags wire.Flags, seq uint16, data []byte) []byte {
	return Header(t, flags, seq, len(data), codec.IDSerpent, 0, data)
}

// Header returns a Pyro4 header with a valid checksum announcing dataLen
// payload bytes and annLen annotation bytes, followed by body (which may
// be shorter or longer than announced).
func Header(t wire.MsgType, flags wire.Flags, seq uint16, dataLen int, serID, annLen uint16, body []byte) []byte {
	b := []byte("PYRO")
	b = binary.BigEndian.AppendUint16(b, wire.ProtocolVersion)
	b = binary.BigEndian.AppendUint16(b, uint16(t))
	b = binary.BigEndian.AppendUint16(b, uint16(flags))
	b = binary.BigEndian.AppendUint16(b, seq)
	b = binary.BigEndian.AppendUint32(b, uint32(dataLen))
	b = binary.BigEndian.AppendUint16(b, serID)
	b = binary.BigEndian.AppendUint16(b, annLen)
	b = binary.BigEndian.AppendUint16(b, 0)
	sum := uint32(t) + wire.ProtocolVersion + uint32(dataLen) + uint32(annLen) + uint32(serID) + uint32(flags) + uint32(seq) + 0x34E9
	b = binary.BigEndian.AppendUint16(b, uint16(sum))
	return append(b, body...)
}

// Pyro5Frame returns a Pyro5 message (40-byte header, protocol 502) of
// type t with payload data as sent, flags as given (0x02 says data is
// zlib), serializer serpent and no correlation id.
func Pyro5Frame(t wire.MsgType, flags uint16, seq uint16, data []byte) []byte {
	b := []byte("PYRO")
	b = binary.BigEndian.AppendUint16(b, 502)
	b = append(b, byte(t), codec.IDSerpent)
	b = binary.BigEndian.AppendUint16(b, flags)
	b = binary.BigEndian.AppendUint16(b, seq)
	b = binary.BigEndian.AppendUint32(b, uint32(len(data)))
	b = binary.BigEndian.AppendUint32(b, 0)
	b = append(b, make([]byte, 18)...) // correlation id, reserved
	b = binary.BigEndian.AppendUint16(b, 0x4DC5)
	return append(b, data...)
}

// connectPayload is a serpent CONNECT payload for the object id.
func connectPayload(object string) []byte {
	return []byte(fmt.Sprintf("# serpent utf-8 python3.2\n{'handshake':'hello','object':%q}", object))
}

// Handshake dials addr and completes a Pyro4 handshake for object with
// serpent, so the attacks after it are made by a client the daemon has
// accepted. The connection has no deadline.
func Handshake(ctx context.Context, addr, object string) (net.Conn, error) {
	var d net.Dialer
	c, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := c.Write(Pyro4Frame(wire.Connect, 0, 0, connectPayload(object))); err != nil {
		c.Close()
		return nil, err
	}
	m, err := wire.Read(c, nil)
	if err != nil {
		c.Close()
		return nil, err
	}
	if m.Type != wire.ConnectOK {
		c.Close()
		return nil, fmt.Errorf("handshake answered with %s: %q", m.Type, m.Data)
	}
	c.SetDeadline(time.Time{})
	return c, nil
}

// Outcome is what a daemon did with one hostile message.
type Outcome struct {
	Reply *wire.Message // the daemon's answer, if any
	Err   error         // why no answer: the daemon closed (io.EOF…) or a deadline passed
}

// Send writes frame on c and reads one answer within wait; a daemon that
// closes the connection shows as an Err, a deadline as a timeout Err.
func Send(c net.Conn, frame []byte, wait time.Duration) Outcome {
	c.SetDeadline(time.Now().Add(wait))
	defer c.SetDeadline(time.Time{})
	werr := make(chan error, 1)
	go func() { _, err := c.Write(frame); werr <- err }()
	m, err := wire.Read(c, &wire.Options{MaxSize: 16 << 20})
	if err == nil {
		return Outcome{Reply: m}
	}
	if e := <-werr; e != nil {
		err = fmt.Errorf("%w (writing: %v)", err, e)
	}
	return Outcome{Err: err}
}

// Flood opens n connections to addr at once; each sends a header
// announcing announce bytes, then send bytes of zeros, and then holds the
// connection until hold has passed or the daemon closes it. With
// handshake set each first completes a handshake for object, so the
// message is an INVOKE of an accepted client; otherwise it is the first
// message. It returns how many connections the daemon closed before the
// end of hold.
func Flood(ctx context.Context, addr, object string, n, announce, send int, handshake bool, hold time.Duration) (closed int, err error) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	deadline := time.Now().Add(hold)
	zeros := make([]byte, 64<<10)
	for range n {
		wg.Go(func() {
			var c net.Conn
			var err error
			if handshake {
				c, err = Handshake(ctx, addr, object)
			} else {
				var d net.Dialer
				c, err = d.DialContext(ctx, "tcp", addr)
			}
			if err != nil {
				mu.Lock()
				if firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
				return
			}
			defer c.Close()
			c.SetDeadline(deadline)
			t := wire.Connect
			if handshake {
				t = wire.Invoke
			}
			if _, err := c.Write(Header(t, 0, 1, announce, codec.IDSerpent, 0, nil)); err != nil {
				mu.Lock()
				closed++
				mu.Unlock()
				return
			}
			for left := send; left > 0; left -= len(zeros) {
				if _, err := c.Write(zeros[:min(left, len(zeros))]); err != nil {
					mu.Lock()
					closed++
					mu.Unlock()
					return
				}
			}
			// Hold: read until the daemon closes or the deadline passes.
			if _, err := io.Copy(io.Discard, c); !timedOut(err) {
				mu.Lock()
				closed++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return closed, firstErr
}

// Idle opens n connections to addr that send nothing and returns them;
// the caller closes them. It stops at the first dial error and returns it
// with the connections opened so far.
func Idle(ctx context.Context, addr string, n int) ([]net.Conn, error) {
	var conns []net.Conn
	var d net.Dialer
	for range n {
		c, err := d.DialContext(ctx, "tcp", addr)
		if err != nil {
			return conns, err
		}
		conns = append(conns, c)
	}
	return conns, nil
}

// Slowloris opens n connections to addr and sends, on each, one byte of a
// CONNECT per interval until the frame is written, dur has passed or the
// daemon closes the connection. It returns how many connections the
// daemon closed before the end.
func Slowloris(ctx context.Context, addr string, n int, interval, dur time.Duration) (closed int, err error) {
	frame := Pyro4Frame(wire.Connect, 0, 0, connectPayload("Example"))
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	ctx, cancel := context.WithTimeout(ctx, dur)
	defer cancel()
	for range n {
		wg.Go(func() {
			var d net.Dialer
			c, err := d.DialContext(ctx, "tcp", addr)
			if err != nil {
				mu.Lock()
				if firstErr == nil && ctx.Err() == nil {
					firstErr = err
				}
				mu.Unlock()
				return
			}
			defer c.Close()
			tick := time.NewTicker(interval)
			defer tick.Stop()
			for i := 0; i < len(frame); i++ {
				if _, err := c.Write(frame[i : i+1]); err != nil {
					mu.Lock()
					closed++
					mu.Unlock()
					return
				}
				select {
				case <-tick.C:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	wg.Wait()
	return closed, firstErr
}

func timedOut(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
