package cli

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"slices"
	"strings"
	"time"

	"github.com/pyrosh/pyrosh/completion"
	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/wire"
)

// hinted is an error with the fix the user can make, shown in the same
// line: "reach name server at localhost:1: connection refused (is a name
// server running there? ...)". Its exit status is its cause's.
type hinted struct {
	err  error
	hint string
	// oneLine: a remote exception printed as its one exception line, not
	// its traceback (an unknown method: the traceback is Pyro's own).
	oneLine bool
}

func (e *hinted) Error() string { return e.err.Error() + " (" + e.hint + ")" }
func (e *hinted) Unwrap() error { return e.err }

// clientCertFix says how to give a client certificate.
const clientCertFix = "give --ssl-cert FILE and --ssl-key FILE, or PYRO_SSL_CLIENTCERT and PYRO_SSL_CLIENTKEY"

// probeTimeout bounds each connection made to find a fix for a failed
// one (which serializers a daemon accepts, whether it speaks TLS).
const probeTimeout = 2 * time.Second

// withHint adds the fix to the errors that have one: a serializer the
// daemon refuses (it names those it accepts), a TLS daemon reached
// without --ssl or with an unknown CA, an HMAC key missing, a name server
// that is not there, a message over --max-message-size.
func (a *app) withHint(ctx context.Context, err error) error {
	var (
		h    *hinted
		conn *pyro.ConnError
		prot *pyro.ProtocolError

		unknownCA x509.UnknownAuthorityError
	)
	switch {
	case err == nil, errors.As(err, &h):
		return err
	case errors.As(err, &conn) && strings.Contains(conn.Error(), "does not accept serializer"):
		if ok := a.acceptedSerializers(ctx, conn.Addr); len(ok) > 0 {
			return &hinted{err: err, hint: fmt.Sprintf("it accepts %s: use --serializer %s", strings.Join(ok, ", "), ok[0])}
		}
	case errors.As(err, &conn) && strings.HasPrefix(conn.Op, "reach name server") && !pyro.IsOtherProtocol(err):
		return &hinted{err: err, hint: "is a name server running there? set --ns-host and --ns-port, or PYRO_NS_HOST and PYRO_NS_PORT"}
	case (errors.As(err, &conn) || errors.As(err, &prot)) && strings.Contains(err.Error(), "hmac key and none was given"):
		return &hinted{err: err, hint: "give the key with --hmac-key-file FILE or PYROSH_HMAC_KEY"}
	case errors.As(err, &conn) && strings.HasSuffix(conn.Error(), "connection rejected: unknown object"):
		// Pyro4's and Pyro5's reason when no object has the URI's id.
		if u, perr := pyro.ParseURI(conn.Addr); perr == nil && u.Host != "" {
			return &hinted{err: err, hint: fmt.Sprintf("the daemon has no object %s: pyrosh meta %s lists those it has", u.Object, u.Location())}
		}
	case errors.As(err, &conn) && pyro.IsHandshakeRefused(err):
		return &hinted{err: err, hint: "the daemon's validateHandshake refused the handshake data: give it with --handshake LITERAL or PYROSH_HANDSHAKE"}
	case errors.As(err, &conn) && strings.Contains(conn.Error(), "tls: certificate required"):
		return &hinted{err: err, hint: "the daemon wants a client certificate: " + clientCertFix}
	case errors.As(err, &conn) && strings.HasPrefix(conn.Op, "handshake") && strings.HasSuffix(conn.Error(), "connection reset by peer") &&
		a.cfg != nil && (a.cfg.SSL || a.cfg.SSLCA != "") && a.cfg.SSLCert == "":
		// The daemon's "certificate required" alert and its close race:
		// the reset may arrive first and discard the alert.
		return &hinted{err: err, hint: "the daemon may want a client certificate: " + clientCertFix}
	case errors.As(err, &conn) && strings.Contains(conn.Error(), "does not look like a TLS handshake"):
		return &hinted{err: err, hint: "the daemon does not speak TLS: leave out --ssl (and PYRO_SSL)"}
	case errors.Is(err, wire.ErrTooLarge):
		return &hinted{err: err, hint: "raise the limit with --max-message-size or PYRO_MAX_MESSAGE_SIZE"}
	case errors.As(err, &unknownCA):
		return &hinted{err: err, hint: "give the CA that signed the daemon's certificate with --ssl-ca FILE or PYRO_SSL_CACERTS"}
	case errors.As(err, &conn) && a.cfg != nil && !a.cfg.SSL && a.cfg.SSLCA == "" && !pyro.IsTimeout(err) && !pyro.IsOtherProtocol(err) && speaksTLS(ctx, conn.Addr):
		// A TLS daemon closes a plain connection at once; one that timed
		// out is not probed (the user would wait probeTimeout more).
		return &hinted{err: err, hint: "the daemon speaks TLS: use --ssl, and --ssl-ca FILE for its CA"}
	}
	return err
}

// acceptedSerializers tries the other serializers on the daemon at uri and
// returns those its handshake accepts, in pyrosh's order of preference.
func (a *app) acceptedSerializers(ctx context.Context, uri string) []string {
	u, err := pyro.ParseURI(uri)
	if err != nil || a.cfg == nil {
		return nil
	}
	base, err := a.cfg.PyroOptions()
	if err != nil {
		return nil
	}
	var ok []string
	for _, name := range []string{"serpent", "json", "marshal", "msgpack", "pickle"} {
		if name == base.Serializer || name == "" && base.Serializer == "serpent" {
			continue
		}
		o := base
		o.Serializer = name
		o.ConnectTimeout = probeTimeout
		if p, err := pyro.DialURI(ctx, u, o); err == nil {
			p.Close()
			ok = append(ok, name)
		}
	}
	return ok
}

// speaksTLS reports whether a TLS handshake with the daemon at uri gets
// an answer (its certificate is not checked: nothing is sent but the
// hello).
func speaksTLS(ctx context.Context, uri string) bool {
	u, err := pyro.ParseURI(uri)
	if err != nil || u.Host == "" {
		return false
	}
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	d := tls.Dialer{Config: &tls.Config{InsecureSkipVerify: true}} //nolint:gosec // a probe: no data is sent
	c, err := d.DialContext(ctx, "tcp", net.JoinHostPort(u.Host, fmt.Sprint(u.Port)))
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// didYouMean returns "did you mean "x"?" for the names closest to name, or
// "".
func didYouMean(name string, names []string) string {
	c := completion.Closest(name, names, 3)
	if len(c) == 0 {
		return ""
	}
	q := make([]string, len(c))
	for i, n := range c {
		q[i] = fmt.Sprintf("%q", n)
	}
	return "did you mean " + strings.Join(q, " or ") + "?"
}

// unknownMember turns the daemon's AttributeError for a name the object's
// metadata does not list into one line with the closest names.
func unknownMember(err error, name string, meta pyro.Metadata, uri string) error {
	var remote *pyro.RemoteError
	if !errors.As(err, &remote) || remote.Exception.Name() != "AttributeError" ||
		meta.HasMethod(name) || meta.HasAttr(name) {
		return err
	}
	hint := didYouMean(name, slices.Concat(meta.Methods, meta.Attrs))
	if hint == "" {
		hint = "pyrosh meta " + uri + " lists what it exposes"
	}
	return &hinted{err: err, hint: hint, oneLine: true}
}
