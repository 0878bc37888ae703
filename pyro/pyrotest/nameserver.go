package pyrotest

import (
	"strings"
	"testing"
)

// Registration is one name registered in a name server started by
// StartNameServer, pointing at ObjectID ("Example", "Thing", or any other id for
// a dangling entry) on the daemon started alongside it.
type Registration struct {
	Name     string
	ObjectID string
	Metadata []string
	// URI, when set, is registered instead of ObjectID's URI on the
	// daemon alongside (a Pyro5 name server pointing at a Pyro4 object...).
	URI string
}

// NSOptions configure StartNameServer. Serializers and HMACKey apply to both the
// name server and the object daemon.
type NSOptions struct {
	HMACKey       string
	Serializers   []string
	Registrations []Registration
	// Broadcast, for a Pyro5 name server, also runs Pyro5's broadcast
	// responder on 127.0.0.1 (its address is NameServer.BroadcastAddr).
	Broadcast bool
}

// NameServer is a running Python Pyro4 name server on 127.0.0.1.
type NameServer struct {
	Host string
	Port int
	// URI is "PYRO:Pyro.NameServer@127.0.0.1:PORT".
	URI string
	// Objects is the daemon, in the same process, serving the registered objects.
	Objects *Daemon
	// Stderr returns the process's stderr so far, for failure messages.
	Stderr func() string
	// BroadcastAddr is where the broadcast responder listens
	// ("127.0.0.1:PORT") when NSOptions.Broadcast asked for one.
	BroadcastAddr string
}

// StartNameServer starts a Pyro4 name server (Pyro4.naming.startNS, no
// broadcast) on a free port of 127.0.0.1 and a daemon serving Example and Thing,
// registers o.Registrations, and returns once both listen. The process is killed
// in t.Cleanup.
func StartNameServer(t testing.TB, o NSOptions) *NameServer {
	t.Helper()
	RequirePyro4(t)
	return startNameServer(t, o, false)
}

// StartNameServer5 is StartNameServer for a Python Pyro5 5.x name server
// (Pyro5.nameserver.start_ns, no broadcast) and daemon; HMACKey and
// Serializers do not apply.
func StartNameServer5(t testing.TB, o NSOptions) *NameServer {
	t.Helper()
	RequirePyro5(t)
	o.Serializers, o.HMACKey = nil, ""
	return startNameServer(t, o, true)
}

func startNameServer(t testing.TB, o NSOptions, pyro5 bool) *NameServer {
	t.Helper()
	opts := serverOptions(o.Serializers, o.HMACKey)
	opts["mode"] = "ns"
	regs := make([]map[string]any, 0, len(o.Registrations))
	for _, r := range o.Registrations {
		md := r.Metadata
		if md == nil {
			md = []string{}
		}
		regs = append(regs, map[string]any{"name": r.Name, "object_id": r.ObjectID, "metadata": md, "uri": r.URI})
	}
	opts["registrations"] = regs
	opts["broadcast"] = o.Broadcast
	s := startServer(t, opts, nil, pyro5)
	if len(s.fields) != 2 && len(s.fields) != 3 {
		t.Fatalf("pyro test name server: bad READY line %q", strings.Join(s.fields, " "))
	}
	host, port, err := splitHostPort(s.fields[0])
	if err != nil {
		t.Fatalf("pyro test name server: bad location %q: %v", s.fields[0], err)
	}
	objects := &Daemon{HMACKey: o.HMACKey, Stderr: s.stderr.String, Pyro5: pyro5}
	objects.setLocation(t, s.fields[1])
	ns := &NameServer{
		Host:    host,
		Port:    port,
		URI:     "PYRO:Pyro.NameServer@" + s.fields[0],
		Objects: objects,
		Stderr:  s.stderr.String,
	}
	if len(s.fields) == 3 {
		ns.BroadcastAddr = s.fields[2]
	}
	return ns
}
