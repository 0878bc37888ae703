package shell

import (
	"strings"

	prompt "github.com/c-bata/go-prompt"

	"github.com/pyrosh/pyrosh/completion"
	"github.com/pyrosh/pyrosh/pyro"
)

// maxHistorySuggestions bounds the history entries offered below the
// completion candidates.
const maxHistorySuggestions = 5

// sources is what completion may offer now. It reads only what the
// session already knows: completion runs on every keystroke and never
// touches the network (name server names are fetched once, in the
// background).
// maxCandidates bounds the completion menu: typing narrows it, and
// building a menu of 10,000 methods would cost more than a keystroke.
const maxCandidates = 1000

func (s *session) sources() *completion.Sources {
	src := &completion.Sources{
		Objects:     map[string]completion.Object{},
		Meta:        completionMeta(),
		NSNames:     s.ns.completionNames,
		Serializers: pyro.Serializers(),
		Max:         maxCandidates,
	}
	for name, v := range s.vars {
		if r := s.remoteFor(v); r != nil {
			md := r.metaSnapshot()
			if r.proxy != nil {
				md = r.proxy.Metadata()
			}
			src.Objects[name] = completion.Object{Methods: md.Methods, Oneway: md.Oneway, Attrs: md.Attrs}
			continue
		}
		src.Variables = append(src.Variables, name)
	}
	return src
}

// complete is go-prompt's completer: the completion package's candidates
// for the text before the cursor, then matching history entries.
func (s *session) complete(text string) []prompt.Suggest {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	res := completion.Complete(text, len(text), s.sources())
	cands := make([]suggestion, 0, len(res.Candidates)+maxHistorySuggestions)
	for _, c := range res.Candidates {
		desc := c.Description
		if desc == "" {
			desc = c.Kind.String()
		}
		cands = append(cands, suggestion{text: c.Text, desc: desc})
	}
	out := suggestions(text, res.Start, cands)
	if s.hist != nil {
		seen := map[string]bool{}
		for _, e := range s.hist.Search(text, maxHistorySuggestions+1) {
			if e == text || seen[e] || strings.Contains(e, "\n") {
				continue
			}
			seen[e] = true
			out = append(out, suggestions(text, len(text), []suggestion{{text: e[len(text):], desc: "history"}})...)
		}
	}
	return out
}
