package shell

import (
	"context"
	"strings"
	"sync"

	"github.com/pyrosh/pyrosh/pyro"
)

// nsCache holds the name server proxy of :ns and the names completion
// offers after ":connect PYRONAME:". Completion runs on every keystroke
// and must never wait for the network: the first time names are asked
// for, they are fetched once in the background, and until they arrive
// completion offers none.
type nsCache struct {
	s  *session
	ns *pyro.NameServer

	mu       sync.Mutex
	fetching bool
	names    []string
	gen      int               // counts resets, so a fetch from a former name server is dropped
	metadata map[string]string // name -> its metadata, for completion's descriptions
}

// proxy returns the name server proxy, connecting the first time.
func (c *nsCache) proxy(ctx context.Context) (*pyro.NameServer, error) {
	if c.ns == nil {
		ns, err := pyro.LocateNS(ctx, "", 0, c.s.opts)
		if err != nil {
			return nil, err
		}
		c.ns = ns
	}
	return c.ns, nil
}

// changed forgets the cached names after :ns changed the name server, so
// completion fetches them again.
func (c *nsCache) changed() {
	c.mu.Lock()
	c.fetching = false
	c.mu.Unlock()
}

// list asks the name server (connecting the first time) for its entries.
func (c *nsCache) list(ctx context.Context, lo pyro.ListOptions) ([]pyro.NSEntry, error) {
	if _, err := c.proxy(ctx); err != nil {
		return nil, err
	}
	cctx, cancel := c.s.callCtx(ctx)
	defer cancel()
	entries, err := c.ns.List(cctx, lo)
	if err == nil && lo.Prefix == "" && lo.Regex == "" {
		c.mu.Lock()
		gen := c.gen
		c.mu.Unlock()
		c.store(entries, gen)
	}
	return entries, err
}

func (c *nsCache) store(entries []pyro.NSEntry, gen int) {
	names := make([]string, len(entries))
	md := map[string]string{}
	for i, e := range entries {
		names[i] = e.Name
		if len(e.Metadata) > 0 {
			md[e.Name] = "metadata: " + strings.Join(e.Metadata, ", ")
		}
	}
	c.mu.Lock()
	if gen == c.gen {
		c.names, c.metadata = names, md
	}
	c.mu.Unlock()
}

// reset forgets the connection and the names, after the name server
// changed (:ns-host, :ns-port, :ns HOST:PORT).
func (c *nsCache) reset() {
	c.drop()
	c.mu.Lock()
	c.gen++
	c.names, c.metadata, c.fetching = nil, nil, false
	c.mu.Unlock()
}

// completionMetadata describes a cached name for completion: its
// metadata, "" when it has none.
func (c *nsCache) completionMetadata(name string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.metadata[name]
}

// drop forgets the name server connection, after the options changed.
func (c *nsCache) drop() {
	if c.ns != nil {
		c.ns.Close()
		c.ns = nil
	}
}

// completionNames returns the cached names, starting the one background
// fetch the first time. The fetch uses its own connection so it never
// races a statement using c.ns.
func (c *nsCache) completionNames() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.fetching {
		c.fetching = true
		opts, gen := c.s.opts, c.gen
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), pyro.DefaultConnectTimeout)
			defer cancel()
			ns, err := pyro.LocateNS(ctx, "", 0, opts)
			if err != nil {
				return
			}
			defer ns.Close()
			if entries, err := ns.List(ctx, pyro.ListOptions{}); err == nil {
				c.store(entries, gen)
			}
		}()
	}
	return c.names
}
