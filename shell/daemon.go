package shell

import (
	"context"
	"slices"
	"strings"

	"github.com/pyrosh/pyrosh/pyro"
)

// objectMeta is one object's metadata as :meta prints it, and as
// `pyrosh meta -o json` prints it.
type objectMeta struct {
	URI        string   `json:"uri"`
	Protocol   string   `json:"protocol"` // Pyro4 or Pyro5
	Methods    []string `json:"methods"`
	Oneway     []string `json:"oneway"`
	Attributes []string `json:"attributes"`
}

// filled has empty lists where there are none, so JSON shows [] not null.
func (o objectMeta) filled() objectMeta {
	for _, l := range []*[]string{&o.Methods, &o.Oneway, &o.Attributes} {
		if *l == nil {
			*l = []string{}
		}
	}
	return o
}

// daemonObjects lists every object the daemon at addr has registered,
// with what each exposes, from its Pyro.Daemon object (registered(),
// get_metadata()), as `pyrosh meta HOST:PORT` does.
func (s *session) daemonObjects(ctx context.Context, addr string) ([]objectMeta, error) {
	u, err := pyro.ParseURI("PYRO:" + pyro.DaemonObjectID + "@" + addr)
	if err != nil {
		return nil, err
	}
	s.calls.Add(1)
	p, err := pyro.DialURI(ctx, u, s.opts)
	if err != nil {
		return nil, err
	}
	defer p.Close()
	cctx, cancel := s.callCtx(ctx)
	defer cancel()
	registered, err := p.Registered(cctx)
	if err != nil {
		return nil, err
	}
	var objs []objectMeta
	for _, r := range registered {
		if r.URI.Object == pyro.DaemonObjectID {
			continue
		}
		md := r.Metadata
		objs = append(objs, objectMeta{URI: r.URI.String(), Protocol: pyro.ProtocolName(p.Protocol()),
			Methods: md.Methods, Oneway: md.Oneway, Attributes: md.Attrs}.filled())
	}
	slices.SortFunc(objs, func(a, b objectMeta) int { return strings.Compare(a.URI, b.URI) })
	return objs, nil
}

// connectDaemon is :connect HOST:PORT: it lists the daemon's objects and
// binds the only one there is (or the one named with `as`); with several
// it offers the :connect line for each.
func (s *session) connectDaemon(ctx context.Context, addr, name string, named bool) error {
	objs, err := s.daemonObjects(ctx, addr)
	if err != nil {
		return err
	}
	switch len(objs) {
	case 0:
		s.infof("the daemon at %s has no objects registered", addr)
		return nil
	case 1:
		u, err := pyro.ParseURI(objs[0].URI)
		if err != nil {
			return err
		}
		return s.connect(ctx, name, u)
	}
	as := ""
	if named {
		as = " as " + name
	}
	rows := make([][]string, len(objs))
	for i, o := range objs {
		// The counts first: a daemon's own object ids can be long.
		rows[i] = []string{"  " + describeMeta(pyro.Metadata{Methods: o.Methods, Attrs: o.Attributes}), o.URI}
	}
	s.infof("the daemon at %s has %d objects; bind one with :connect URI%s", addr, len(objs), as)
	writeColumns(s.errOut, rows)
	return nil
}
