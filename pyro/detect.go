package pyro

import (
	"fmt"
	"strings"
	"sync"

	"github.com/pyrosh/pyrosh/pyro/wire5"
)

// spoken remembers, for this process, which protocol each daemon address
// answered in, so auto-detection guesses right from the second connection
// on and costs no extra round trip (DESIGN-NOTES.md §4).
var spoken sync.Map // network+" "+addr -> int (Pyro4 or Pyro5)

func spokenKey(u *URI) string {
	network, addr := u.network()
	return network + " " + addr
}

// firstProtocol is the protocol to try first for u: the one asked for;
// else the one the daemon spoke last time; else Pyro4 when only Pyro4 can
// serve the options (an HMAC key, pickle); else Pyro4, the installed base.
func firstProtocol(u *URI, o *Options) int {
	if o.Protocol != ProtocolAuto {
		return o.Protocol
	}
	if v, ok := spoken.Load(spokenKey(u)); ok {
		return v.(int)
	}
	return Pyro4
}

// checkOptions refuses options the protocol does not have: Pyro5 has no
// HMAC and no pickle (PROTOCOL.md §0, §11).
func checkOptions(version int, o *Options, where string) error {
	if version != Pyro5 {
		return nil
	}
	e := &OptionError{Addr: where, Protocol: Pyro5}
	if o.Protocol != ProtocolAuto {
		// Forced: the daemon may well speak Pyro4.
		e.Forced, e.Other = o.protocolSetting("5"), o.protocolSetting("4")
	}
	if len(o.HMACKey) > 0 {
		e.Msg = "which has no HMAC: drop the hmac key; Pyro5 authenticates with TLS client certificates (--ssl-cert, --ssl-key) and the handshake (--handshake)"
		return e
	}
	if s := strings.ToLower(o.Serializer); s != "" {
		if _, ok := wire5.SerializerID(s); !ok {
			e.Msg = fmt.Sprintf("which has no %s serializer: use serpent, json, marshal or msgpack", s)
			return e
		}
	}
	return nil
}

// OptionError is an option the daemon's protocol does not have: an HMAC
// key or the pickle serializer on a Pyro5 daemon. It is the user's to
// fix, so the command line treats it as a usage error.
type OptionError struct {
	Addr     string // the URI or location
	Protocol int    // the protocol the daemon speaks, or the one forced
	Msg      string // what is wrong and what to use instead
	// Forced is the setting that forced Protocol ("--protocol 5",
	// "PYROSH_PROTOCOL=5"), Other the one that speaks the other
	// protocol; both "" when the daemon chose.
	Forced, Other string
}

func (e *OptionError) Error() string {
	if e.Forced != "" {
		return fmt.Sprintf("%s: %s asks for Pyro%d, %s; or, if the daemon speaks Pyro4, use %s or auto", e.Addr, e.Forced, e.Protocol, e.Msg, e.Other)
	}
	return fmt.Sprintf("%s speaks Pyro%d, %s", e.Addr, e.Protocol, e.Msg)
}

// ParseProtocol reads a protocol choice as the command line and the shell
// take it: "auto" (or ""), "4", "5", "pyro4", "pyro5" in any case.
func ParseProtocol(s string) (int, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return ProtocolAuto, nil
	case "4", "pyro4":
		return Pyro4, nil
	case "5", "pyro5":
		return Pyro5, nil
	}
	return 0, fmt.Errorf("invalid protocol %q: want auto, 4 or 5", s)
}

// ProtocolName names a protocol choice: "auto", "Pyro4" or "Pyro5".
func ProtocolName(v int) string {
	switch v {
	case Pyro4, Pyro5:
		return fmt.Sprintf("Pyro%d", v)
	}
	return "auto"
}
