package server

import (
	"encoding/binary"
	"strconv"
	"sync"
)

// FaultKind is a way for the daemon to misbehave.
type FaultKind int

// Faults a test can inject into a reply.
const (
	// FaultDrop writes the first half of the reply, then closes the
	// connection.
	FaultDrop FaultKind = iota + 1
	// FaultTruncatedHeader writes the first 10 bytes of the reply header,
	// then closes the connection.
	FaultTruncatedHeader
	// FaultOversized writes a header (with a valid checksum) announcing a
	// payload of about 2 GB, then closes the connection.
	FaultOversized
	// FaultGarbage writes 64 bytes that are not a Pyro message, then
	// closes the connection.
	FaultGarbage
	// FaultBadChecksum writes the reply with its header checksum off by
	// one.
	FaultBadChecksum
	// FaultWrongSeq writes the reply with the sequence number of the
	// next request (and a checksum to match).
	FaultWrongSeq
	// FaultStall never replies; the connection stays open until the client
	// closes it or the daemon shuts down.
	FaultStall
)

var faultNames = map[FaultKind]string{
	FaultDrop: "drop", FaultTruncatedHeader: "truncated header", FaultOversized: "oversized header",
	FaultGarbage: "garbage", FaultBadChecksum: "bad checksum", FaultWrongSeq: "wrong seq", FaultStall: "stall",
}

// String names the fault: "drop", "bad checksum"...
func (k FaultKind) String() string {
	if s, ok := faultNames[k]; ok {
		return s
	}
	return "fault(" + strconv.Itoa(int(k)) + ")"
}

// Fault chooses a reply to spoil, deterministically.
type Fault struct {
	Kind FaultKind
	// Method is the method whose RESULT is spoiled; "" means the first
	// INVOKE of any method. It is ignored when Handshake is set.
	Method string
	// Handshake spoils the CONNECTOK reply instead of a RESULT.
	Handshake bool
	// Times is how many replies to spoil; 0 means one.
	Times int
}

type faultState struct {
	Fault
	mu    sync.Mutex
	fired int
}

// take reports whether this reply is the one to spoil, and counts it.
func (f *faultState) take(handshake bool, method string) bool {
	if f == nil || f.Handshake != handshake || !handshake && f.Method != "" && f.Method != method {
		return false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	limit := max(f.Times, 1)
	if f.fired >= limit {
		return false
	}
	f.fired++
	return true
}

// Fired returns how many replies the daemon's fault has spoiled so far.
func (d *Daemon) Fired() int {
	if d.fault == nil {
		return 0
	}
	d.fault.mu.Lock()
	defer d.fault.mu.Unlock()
	return d.fault.fired
}

// spoil writes frame, spoiled by kind, and reports whether the connection
// stays usable.
func (c *conn) spoil(kind FaultKind, frame []byte) bool {
	const seqOff, lenOff, sumOff = 10, 12, 22
	addSum := func(delta int) {
		s := binary.BigEndian.Uint16(frame[sumOff:])
		binary.BigEndian.PutUint16(frame[sumOff:], uint16(int(s)+delta))
	}
	switch kind {
	case FaultDrop:
		c.write(frame[:len(frame)/2])
		return false
	case FaultTruncatedHeader:
		c.write(frame[:10])
		return false
	case FaultOversized:
		old := int32(binary.BigEndian.Uint32(frame[lenOff:]))
		const huge = 0x7FFFFF00
		binary.BigEndian.PutUint32(frame[lenOff:], huge)
		addSum(huge - int(old))
		c.write(frame[:24])
		return false
	case FaultGarbage:
		g := make([]byte, 64)
		for i := range g {
			g[i] = byte('g' + i%7)
		}
		c.write(g)
		return false
	case FaultBadChecksum:
		addSum(1)
		return c.write(frame)
	case FaultWrongSeq:
		s := binary.BigEndian.Uint16(frame[seqOff:])
		binary.BigEndian.PutUint16(frame[seqOff:], s+1)
		addSum(1)
		return c.write(frame)
	case FaultStall:
		c.stall()
		return false
	}
	return c.write(frame)
}
