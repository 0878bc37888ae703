package pyro

import (
	"context"
	"errors"
	"io"
	"net"
	"syscall"
	"testing"
	"time"
)

// TestDialBlocking: a numeric address is dialled in blocking mode and the
// socket carries bytes both ways; a host name is left to net.Dialer.
func TestDialBlocking(t *testing.T) {
	for _, network := range []string{"tcp4", "tcp6"} {
		host := map[string]string{"tcp4": "127.0.0.1", "tcp6": "::1"}[network]
		l, err := net.Listen(network, net.JoinHostPort(host, "0"))
		if err != nil {
			t.Logf("%s: %v", network, err) // no IPv6 on this machine
			continue
		}
		defer l.Close()
		go func() {
			c, err := l.Accept()
			if err != nil {
				return
			}
			defer c.Close()
			_, _ = io.Copy(c, c)
		}()
		tr, ok, err := dialBlocking(context.Background(), host, l.Addr().(*net.TCPAddr).Port)
		if err != nil || !ok {
			t.Fatalf("%s: ok %v, %v", network, ok, err)
		}
		if _, isFD := tr.(*fdTransport); !isFD {
			t.Fatalf("%s: transport %T", network, tr)
		}
		if _, err := tr.Write([]byte("ping")); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 4)
		if _, err := io.ReadFull(tr, buf); err != nil || string(buf) != "ping" {
			t.Errorf("%s: read %q, %v", network, buf, err)
		}
		fd := tr.(*fdTransport).fd
		for _, o := range []struct{ level, opt, want int }{
			{syscall.IPPROTO_TCP, syscall.TCP_NODELAY, 1},
			{syscall.SOL_SOCKET, syscall.SO_KEEPALIVE, 1},
			{syscall.IPPROTO_TCP, syscall.TCP_KEEPIDLE, 15},
		} {
			if v, err := syscall.GetsockoptInt(fd, o.level, o.opt); err != nil || v != o.want {
				t.Errorf("%s: option %d = %d, %v, want %d", network, o.opt, v, err, o.want)
			}
		}
		tr.close()
	}
	if _, ok, err := dialBlocking(context.Background(), "localhost", 9); ok || err != nil {
		t.Errorf("a host name: ok %v, %v; want it left to net.Dialer", ok, err)
	}
}

// TestDialBlockingRefused: a refused connect reads as net.Dialer's does.
func TestDialBlockingRefused(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	_, ok, err := dialBlocking(context.Background(), "127.0.0.1", port)
	var d net.Dialer
	_, nerr := d.Dial("tcp", l.Addr().String())
	var op *net.OpError
	if !ok || !errors.As(err, &op) || !errors.Is(err, syscall.ECONNREFUSED) || nerr == nil || err.Error() != nerr.Error() {
		t.Errorf("refused: %v; net.Dialer: %v", err, nerr)
	}
	if got := describe(err); got != "connection refused" {
		t.Errorf("described as %q", got)
	}
}

// TestDialBlockingEndsWithItsContext: a connect the peer never answers
// (its listen queue is full, so the kernel drops the SYN) ends when the
// context is cancelled or its deadline passes, with the context's error.
func TestDialBlockingEndsWithItsContext(t *testing.T) {
	lfd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Close(lfd)
	if err := syscall.Bind(lfd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Listen(lfd, 0); err != nil {
		t.Fatal(err)
	}
	sa, _ := syscall.Getsockname(lfd)
	port := sa.(*syscall.SockaddrInet4).Port
	for range 4 { // fill the queue, never accepted
		fd, _ := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM|syscall.SOCK_NONBLOCK|syscall.SOCK_CLOEXEC, 0)
		defer syscall.Close(fd)
		_ = syscall.Connect(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}, Port: port})
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if _, _, err := dialBlocking(ctx, "127.0.0.1", port); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("deadline: %v", err)
	}
	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	if _, _, err := dialBlocking(ctx, "127.0.0.1", port); !errors.Is(err, context.Canceled) {
		t.Errorf("cancel: %v", err)
	}
}
