package completion

import "strings"

// The URI scheme whose name part completes from the name server.
const pyroname = "PYRONAME:"

// uriSchemes are offered for a bare first argument of :connect.
var uriSchemes = [...]string{"PYRO:", pyroname, "PYROMETA:"}

// completeMeta completes a meta command line; t[name-1] is its ':' and the
// command name starts at name.
func completeMeta(t string, name int, src *Sources) Result {
	end := strings.IndexAny(t[name:], " \t")
	if end < 0 {
		c := newCollector(t[name:], len(src.Meta))
		for _, m := range src.Meta {
			c.add(m.Name, Meta, metaDescription(m))
		}
		return c.result(name)
	}
	// Meta commands are case-insensitive: ":Serializer " completes too.
	cmd := strings.ToLower(t[name : name+end])
	start := strings.LastIndexAny(t, " \t") + 1
	word := t[start:]
	arg := countFields(t[name+end : start])

	switch {
	case cmd == "connect" && arg == 0:
		return completeConnect(word, start, src)
	case cmd == "connect" && arg == 1:
		return values(word, start, "as")
	case arg != 0:
		return Result{Start: start}
	case cmd == "serializer":
		c := newCollector(word, len(src.Serializers))
		c.addAll(src.Serializers, Serializer, Serializer.String())
		return c.result(start)
	case cmd == "output":
		return values(word, start, "pretty", "repr", "json")
	case cmd == "time":
		return values(word, start, "on", "off")
	case cmd == "traceback":
		return values(word, start, "short", "full")
	case cmd == "protocol":
		return values(word, start, "auto", "4", "5")
	case cmd == "meta" || cmd == "ping" || cmd == "disconnect" || cmd == "reconnect":
		c := newCollector(word, len(src.Objects))
		c.addObjects(src.Objects)
		return c.result(start)
	case cmd == "ns":
		return nsNames(word, start, src, nil)
	case cmd == "help":
		c := newCollector(word, len(src.Meta))
		for _, m := range src.Meta {
			c.add(m.Name, Meta, metaDescription(m))
		}
		return c.result(start)
	}
	return Result{Start: start}
}

// completeConnect completes the URI argument of :connect. After
// "PYRONAME:" it offers name server names; a word with no scheme offers the
// schemes and, since a bare name means PYRONAME:name, the names as well.
func completeConnect(word string, start int, src *Sources) Result {
	if len(word) >= len(pyroname) && hasPrefixFold(word, pyroname) {
		name := word[len(pyroname):]
		if strings.ContainsRune(name, '@') {
			return Result{Start: start + len(word)} // the name server's host
		}
		return nsNames(name, start+len(pyroname), src, nil)
	}
	if strings.ContainsRune(word, ':') {
		return Result{Start: start + len(word)}
	}
	return nsNames(word, start, src, func(c *collector) {
		c.addAll(uriSchemes[:], Value, "URI scheme")
	})
}

// nsNames completes word from the cached name server names, plus whatever
// more adds.
func nsNames(word string, start int, src *Sources, more func(*collector)) Result {
	var names []string
	if src.NSNames != nil {
		names = src.NSNames()
	}
	c := newCollector(word, len(names)+len(uriSchemes))
	c.addAll(names, NSName, NSName.String())
	if more != nil {
		more(c)
	}
	res := c.result(start)
	if src.NSMetadata != nil {
		for i, cand := range res.Candidates {
			if cand.Kind != NSName {
				continue
			}
			if d := src.NSMetadata(cand.Text); d != "" {
				res.Candidates[i].Description = d
			}
		}
	}
	return res
}

// values completes word from a meta command's fixed choices.
func values(word string, start int, choices ...string) Result {
	c := newCollector(word, len(choices))
	c.addAll(choices, Value, Value.String())
	return c.result(start)
}

// metaDescription is a meta command's summary, led by its argument synopsis
// when it takes arguments.
func metaDescription(m MetaCommand) string {
	if m.Args == "" {
		return m.Summary
	}
	if m.Summary == "" {
		return m.Args
	}
	return m.Args + " - " + m.Summary
}

// countFields counts the blank-separated words in s.
func countFields(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		blank := s[i] == ' ' || s[i] == '\t'
		if !blank && !in {
			n++
		}
		in = !blank
	}
	return n
}
