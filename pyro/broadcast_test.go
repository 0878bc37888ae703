package pyro_test

import (
	"net"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/pyrotest"
)

// TestBroadcastDiscovery finds a real name server by broadcast discovery,
// sending GET_NSURI only to a 127.0.0.1 responder (never to a network):
// Pyro4's name server does not answer broadcasts when bound to loopback,
// so the responder stands in for its broadcast server and answers with the
// real name server's URI.
func TestBroadcastDiscovery(t *testing.T) {
	ns := pyrotest.StartNameServer(t, pyrotest.NSOptions{Registrations: []pyrotest.Registration{{Name: "found.by.broadcast", ObjectID: "Example"}}})
	pc, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	asked := make(chan string, 4)
	go func() {
		buf := make([]byte, 100)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			asked <- string(buf[:n])
			if string(buf[:n]) == "GET_NSURI" {
				pc.WriteTo([]byte(ns.URI), from)
			}
		}
	}()
	opts := pyro.Options{BroadcastAddrs: []string{pc.LocalAddr().String()}}
	p, err := pyro.Dial(ctxT(t), "PYRONAME:found.by.broadcast", pyro.WithOptions(opts))
	if err != nil {
		t.Fatalf("PYRONAME by broadcast: %v", err)
	}
	defer p.Close()
	if got := <-asked; got != "GET_NSURI" {
		t.Fatalf("the responder got %q", got)
	}
	if !strings.HasSuffix(p.URI().String(), ns.Objects.Location) {
		t.Fatalf("resolved to %s", p.URI())
	}

	// Nobody answering is a clear error naming the addresses asked.
	silent, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	_, err = pyro.LocateNS(ctxT(t), "", 0, pyro.Options{BroadcastAddrs: []string{silent.LocalAddr().String()}})
	if err == nil || !strings.Contains(err.Error(), "no answer to a broadcast to "+silent.LocalAddr().String()) {
		t.Fatalf("silent broadcast: %v", err)
	}
}
