//go:build linux

// Command floor is the floor for pyrosh's per-call cost: a minimal Pyro4
// client written straight on a blocking socket, with no framework, no
// value model and no netpoller. It connects, makes the handshake, then
// makes N calls of one method with a frame computed once (only its
// sequence number and header checksum change), checking each reply's
// type and sequence number and nothing else. docs/bench/compare.sh runs
// it beside pyrosh; the process's CPU time per call is the figure.
//
//	floor HOST:PORT OBJECT METHOD N [LITERAL]
//
// LITERAL is the single argument, written in serpent (Python literal)
// syntax, e.g. 1; without it the method takes none. Serpent, no HMAC, no
// compression, TCP only. It prints the last reply's payload size.
package main

import (
	"encoding/binary"
	"fmt"
	"net"
	"os"
	"strconv"
	"syscall"
)

const (
	headerSize = 24
	version    = 48
	connect    = 1
	connectOK  = 2
	invoke     = 4
	result     = 5
	metaFlag   = 0x10
	serpentID  = 1
	serpentHdr = "# serpent utf-8 python3.2\n"
)

func main() {
	if len(os.Args) < 5 {
		fmt.Fprintln(os.Stderr, "usage: floor HOST:PORT OBJECT METHOD N [LITERAL]")
		os.Exit(2)
	}
	addr, object, method := os.Args[1], os.Args[2], os.Args[3]
	n, err := strconv.Atoi(os.Args[4])
	if err != nil || n < 1 {
		fail("bad N %q", os.Args[4])
	}
	args := "()"
	if len(os.Args) > 5 {
		args = "(" + os.Args[5] + ",)"
	}
	fd := dial(addr)
	buf := make([]byte, 64<<10)

	hs := frame(connect, metaFlag, 0, fmt.Sprintf("%s{'handshake':'hello','object':%q}", serpentHdr, object))
	write(fd, hs)
	if typ, _, _ := read(fd, &buf); typ != connectOK {
		fail("handshake refused (message type %d)", typ)
	}
	call := frame(invoke, 0, 0, fmt.Sprintf("%s(%q,%q,%s,{})", serpentHdr, object, method, args))
	var size int
	for seq := 1; seq <= n; seq++ {
		setSeq(call, uint16(seq))
		write(fd, call)
		typ, rseq, data := read(fd, &buf)
		if typ != result || rseq != uint16(seq) {
			fail("reply %d: message type %d, seq %d", seq, typ, rseq)
		}
		size = data
	}
	fmt.Println(size)
}

// dial connects a blocking TCP socket with TCP_NODELAY, as Pyro4 does.
func dial(addr string) int {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		fail("bad address %q", addr)
	}
	ip := net.ParseIP(host).To4()
	p, err := strconv.Atoi(port)
	if ip == nil || err != nil {
		fail("want an IPv4 HOST:PORT, got %q", addr)
	}
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	check(err)
	check(syscall.SetsockoptInt(fd, syscall.IPPROTO_TCP, syscall.TCP_NODELAY, 1))
	sa := &syscall.SockaddrInet4{Port: p}
	copy(sa.Addr[:], ip)
	check(syscall.Connect(fd, sa))
	return fd
}

// frame builds a whole message: header, no annotations, payload.
func frame(typ, flags, seq uint16, payload string) []byte {
	f := make([]byte, headerSize, headerSize+len(payload))
	copy(f, "PYRO")
	binary.BigEndian.PutUint16(f[4:], version)
	binary.BigEndian.PutUint16(f[6:], typ)
	binary.BigEndian.PutUint16(f[8:], flags)
	binary.BigEndian.PutUint32(f[12:], uint32(len(payload)))
	binary.BigEndian.PutUint16(f[16:], serpentID)
	setSeq(f, seq)
	return append(f, payload...)
}

// setSeq writes seq and the checksum that goes with it.
func setSeq(f []byte, seq uint16) {
	be := binary.BigEndian
	binary.BigEndian.PutUint16(f[10:], seq)
	sum := uint32(be.Uint16(f[6:])) + version + be.Uint32(f[12:]) + uint32(be.Uint16(f[18:])) +
		uint32(be.Uint16(f[16:])) + uint32(be.Uint16(f[8:])) + uint32(seq) + 0x34E9
	be.PutUint16(f[22:], uint16(sum))
}

func write(fd int, b []byte) {
	for len(b) > 0 {
		n, err := syscall.Write(fd, b)
		if err == syscall.EINTR {
			continue
		}
		check(err)
		b = b[n:]
	}
}

// read reads one message into *buf (grown as needed) and returns its
// type, sequence number and payload size.
func read(fd int, buf *[]byte) (typ, seq uint16, size int) {
	b := *buf
	full(fd, b[:headerSize])
	if string(b[:4]) != "PYRO" {
		fail("not a Pyro message")
	}
	typ, seq = binary.BigEndian.Uint16(b[6:]), binary.BigEndian.Uint16(b[10:])
	size = int(binary.BigEndian.Uint32(b[12:]))
	rest := size + int(binary.BigEndian.Uint16(b[18:]))
	if rest > len(b) {
		b = make([]byte, rest)
		*buf = b
	}
	full(fd, b[:rest])
	return typ, seq, size
}

func full(fd int, b []byte) {
	for len(b) > 0 {
		n, err := syscall.Read(fd, b)
		if err == syscall.EINTR {
			continue
		}
		check(err)
		if n == 0 {
			fail("connection closed by the daemon")
		}
		b = b[n:]
	}
}

func check(err error) {
	if err != nil {
		fail("%v", err)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "floor: "+format+"\n", args...)
	os.Exit(1)
}
