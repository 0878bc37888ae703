package pyro

import (
	"fmt"
	"net"
	"strconv"
	"strings"
)

// DefaultNSPort is the name server's port when a PYRONAME or PYROMETA URI
// names a host but no port (Pyro4's NS_PORT).
const DefaultNSPort = 9090

// URI is a Pyro4 URI: PYRO:obj@host:port, PYRO:obj@[::1]:port,
// PYRO:obj@./u:/path/sock, PYRONAME:name[@host[:port]] or
// PYROMETA:m1,m2[@host[:port]].
type URI struct {
	Protocol string   // "PYRO", "PYRONAME" or "PYROMETA"
	Object   string   // object id, or the name for PYRONAME
	Host     string   // without IPv6 brackets; "" when Socket is set or no location
	Port     int      // 0 when not given (PYRONAME/PYROMETA without location)
	Socket   string   // unix socket path for ./u: locations
	Meta     []string // metadata names for PYROMETA
}

// URIError reports a URI that does not parse, naming what is wrong.
type URIError struct {
	URI string
	Msg string
}

func (e *URIError) Error() string { return fmt.Sprintf("invalid uri %q: %s", e.URI, e.Msg) }

// ParseURI parses s as Pyro4's URI class does (core.py), with the same
// acceptance rules: case-insensitive protocol, object id up to the first
// '@', a port required for PYRO locations, numeric IPv6 in brackets.
func ParseURI(s string) (*URI, error) {
	bad := func(format string, a ...any) (*URI, error) {
		return nil, &URIError{URI: s, Msg: fmt.Sprintf(format, a...)}
	}
	colon := strings.IndexByte(s, ':')
	if colon < 0 {
		return bad("expected PYRO:, PYRONAME: or PYROMETA:")
	}
	proto := strings.ToUpper(s[:colon])
	switch proto {
	case "PYRO", "PYRONAME", "PYROMETA":
	default:
		return bad("unknown protocol %q (expected PYRO, PYRONAME or PYROMETA)", s[:colon])
	}
	rest := s[colon+1:]
	if rest == "" || strings.ContainsAny(rest, " \t\r\n\v\f") {
		return bad("object name is empty or contains whitespace")
	}
	u := &URI{Protocol: proto}
	obj, loc, hasLoc := strings.Cut(rest, "@")
	if obj == "" {
		switch proto {
		case "PYROMETA":
			return bad("no metadata names: expected PYROMETA:meta1,meta2[@nshost[:nsport]]")
		case "PYRONAME":
			return bad("name is empty: expected PYRONAME:name[@nshost[:nsport]]")
		}
		return bad("object name is empty")
	}
	u.Object = obj
	if proto == "PYROMETA" {
		for _, m := range strings.Split(obj, ",") {
			if m = strings.TrimSpace(m); m != "" {
				u.Meta = append(u.Meta, m)
			}
		}
		if len(u.Meta) == 0 {
			return bad("no metadata names")
		}
	}
	if !hasLoc {
		if proto == "PYRO" {
			return bad("missing location: expected PYRO:obj@host:port")
		}
		return u, nil
	}
	if loc == "" {
		return bad("empty location after '@'")
	}
	if strings.HasPrefix(loc, "./u:") {
		if proto != "PYRO" {
			return bad("unix socket locations are only for PYRO uris")
		}
		sock := loc[len("./u:"):]
		if sock == "" || strings.Contains(sock, ":") {
			return bad("invalid unix socket location %q", loc)
		}
		u.Socket = sock
		return u, nil
	}
	host, portText, err := splitHostPort(loc)
	if err != nil {
		return bad("%s", err)
	}
	u.Host = host
	switch {
	case portText != "":
		port, err := strconv.Atoi(portText)
		if err != nil || port < 0 || port > 65535 {
			return bad("invalid port %q", portText)
		}
		u.Port = port
	case proto == "PYRO":
		return bad("missing port: expected PYRO:obj@host:port")
	default:
		u.Port = DefaultNSPort
	}
	return u, nil
}

// splitHostPort splits host[:port] or [ipv6][:port]; the port may be "".
func splitHostPort(loc string) (host, port string, err error) {
	if strings.HasPrefix(loc, "[") {
		end := strings.IndexByte(loc, ']')
		if end < 0 {
			return "", "", fmt.Errorf("unclosed '[' in location %q", loc)
		}
		host = loc[1:end]
		if strings.ContainsAny(host, "[]") {
			return "", "", fmt.Errorf("ipv6 address enclosed in too many brackets")
		}
		if ip := net.ParseIP(host); ip == nil || ip.To4() != nil && !strings.Contains(host, ":") {
			return "", "", fmt.Errorf("%q must be a numeric ipv6 address", host)
		}
		rest := loc[end+1:]
		if rest == "" {
			return host, "", nil
		}
		if rest[0] != ':' {
			return "", "", fmt.Errorf("unexpected %q after ipv6 address", rest)
		}
		return host, rest[1:], nil
	}
	host, port, found := strings.Cut(loc, ":")
	if !found {
		return host, "", nil
	}
	if strings.Contains(port, ":") {
		return "", "", fmt.Errorf("invalid port %q (an ipv6 address needs brackets)", port)
	}
	if host == "" {
		return "", "", fmt.Errorf("empty host in location %q", loc)
	}
	return host, port, nil
}

// Location returns where the URI points: "host:port", "[::1]:port" or
// "./u:/path"; "" for a PYRONAME/PYROMETA without one.
func (u *URI) Location() string {
	switch {
	case u.Socket != "":
		return "./u:" + u.Socket
	case u.Host == "" && u.Port == 0:
		return ""
	}
	return net.JoinHostPort(u.Host, strconv.Itoa(u.Port))
}

// String returns the URI in Pyro4's canonical form.
func (u *URI) String() string {
	obj := u.Object
	if u.Protocol == "PYROMETA" {
		obj = strings.Join(u.Meta, ",")
	}
	if loc := u.Location(); loc != "" {
		return u.Protocol + ":" + obj + "@" + loc
	}
	return u.Protocol + ":" + obj
}

// AppendRepr makes a URI inside a result a py.Value.
func (u *URI) AppendRepr(dst []byte) []byte {
	dst = append(dst, "<Pyro URI "...)
	dst = append(dst, u.String()...)
	return append(dst, '>')
}

// PyType implements the py.TypeName hook.
func (u *URI) PyType() string { return "URI" }

// JSONValue prints a URI as its string in JSON output.
func (u *URI) JSONValue() any { return u.String() }

// network returns the dial network and address.
func (u *URI) network() (string, string) {
	if u.Socket != "" {
		return "unix", u.Socket
	}
	return "tcp", net.JoinHostPort(u.Host, strconv.Itoa(u.Port))
}
