package shell

import (
	"strings"

	"github.com/pyrosh/pyrosh/completion"
	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/shell/lineedit"
)

// maxHistorySuggestions bounds the history entries offered below the
// completion candidates.
const maxHistorySuggestions = 5

// sources is what completion may offer now. It reads only what the
// session already knows: completion runs on every keystroke and never
// touches the network (name server names are fetched once, in the
// background).
// maxCandidates bounds the completion menu (Tab goes through them):
// typing narrows it, and building a menu of 10,000 methods would cost
// more than a keystroke, in time and in garbage.
const maxCandidates = 200

func (s *session) sources() *completion.Sources {
	src := &completion.Sources{
		Objects:     map[string]completion.Object{},
		Meta:        completionMeta(),
		NSNames:     s.ns.completionNames,
		NSMetadata:  s.ns.completionMetadata,
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

// wordSeparators end the word shown in the menu: "obj.ec" shows its
// candidates as "obj.echo", so the list says which object a method
// belongs to.
const wordSeparators = " \t\n(),=[]{}"

// shownItem is a candidate as the menu shows it.
type shownItem struct{ Text, Description string }

// complete is what the menu shows for text with the cursor at its end.
func (s *session) complete(text string) []shownItem {
	items := s.completeAt(text, len(text))
	out := make([]shownItem, len(items))
	for i, it := range items {
		out[i] = shownItem{it.Label(), it.Description}
	}
	return out
}

// completeAt is the line editor's completer: the completion package's
// candidates for the text before the cursor (a byte offset), then, where a
// whole statement is being typed, matching history entries.
func (s *session) completeAt(text string, cursor int) []lineedit.Item {
	before := text[:cursor]
	if strings.TrimSpace(before) == "" {
		return nil
	}
	res := completion.Complete(text, cursor, s.sources())
	wordStart := strings.LastIndexAny(before, wordSeparators) + 1
	out := make([]lineedit.Item, 0, len(res.Candidates)+maxHistorySuggestions)
	for _, c := range res.Candidates {
		desc := c.Description
		if desc == "" {
			desc = c.Kind.String()
		}
		prefix := ""
		if res.Start >= wordStart && res.Start <= cursor {
			prefix = before[wordStart:res.Start]
		}
		out = append(out, lineedit.Item{Start: res.Start, Insert: c.Text, Prefix: prefix, Description: desc})
	}
	if s.hist == nil || inMetaArguments(before) {
		return out
	}
	seen := map[string]bool{}
	for _, e := range s.hist.Search(before, maxHistorySuggestions+1) {
		if e == before || seen[e] || strings.Contains(e, "\n") {
			continue
		}
		seen[e] = true
		out = append(out, lineedit.Item{Start: 0, Insert: e, Description: "history"})
	}
	return out
}

// inMetaArguments reports whether text is a meta command with the cursor
// in its arguments, where only that argument's values are offered.
func inMetaArguments(text string) bool {
	t := strings.TrimLeft(text, " \t")
	return strings.HasPrefix(t, ":") && strings.ContainsAny(t, " \t")
}
