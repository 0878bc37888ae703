package pylit

//go:generate go run ./internal/genaliases /usr/share/unicode/NameAliases.txt charnames_aliases.go

import (
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/unicode/runenames"
)

// lookupName resolves the NAME of a \N{NAME} escape as Python 3.11's
// string literals do (unicodedata's _getcode): a character name or a name
// alias (NameAliases.txt), case-insensitively; or, in upper case only,
// an algorithmic name "CJK UNIFIED IDEOGRAPH-4E00" or "HANGUL SYLLABLE
// GAG". Named sequences are not characters and are refused, as in
// Python. Names come from golang.org/x/text/unicode/runenames.
func lookupName(name string) (rune, bool) {
	if r, ok := algorithmicName(name); ok {
		return r, true
	}
	up := strings.ToUpper(name)
	if r, ok := nameAliases()[up]; ok {
		return r, true
	}
	r, ok := charNames()[up]
	return r, ok
}

// nameAliases is nameAliasTable built once, on the first \N{...}: a map
// of ~470 entries that every start of the program paid for before.
var nameAliases = sync.OnceValue(nameAliasTable)

// charNames maps every character name to its code point; built on the
// first \N{...} (about 15 ms), never for literals without one.
var charNames = sync.OnceValue(func() map[string]rune {
	m := make(map[string]rune, 1<<16)
	for r := rune(0); r <= 0x10FFFF; r++ {
		n := runenames.Name(r)
		if n == "" || n[0] == '<' {
			continue // unnamed, or a range label such as <CJK Ideograph>
		}
		if _, dup := m[n]; !dup {
			m[n] = r
		}
	}
	return m
})

// algorithmicName resolves the names Unicode derives from the code point
// rather than listing them.
func algorithmicName(name string) (rune, bool) {
	if hex, ok := strings.CutPrefix(name, "CJK UNIFIED IDEOGRAPH-"); ok {
		if (len(hex) != 4 && len(hex) != 5) || strings.ToUpper(hex) != hex {
			return 0, false
		}
		v, err := strconv.ParseUint(hex, 16, 32)
		if err != nil || !strings.HasPrefix(runenames.Name(rune(v)), "<CJK Ideograph") {
			return 0, false
		}
		return rune(v), true
	}
	if rest, ok := strings.CutPrefix(name, "HANGUL SYLLABLE "); ok {
		return hangulSyllable(rest)
	}
	return 0, false
}

// The jamo short names of Hangul syllable names (Unicode §3.12).
var (
	jamoL = []string{"G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P", "H"}
	jamoV = []string{"A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I"}
	jamoT = []string{"", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H"}
)

// hangulSyllable finds the syllable named "HANGUL SYLLABLE " + s.
func hangulSyllable(s string) (rune, bool) {
	for l, ls := range jamoL {
		rest, ok := strings.CutPrefix(s, ls)
		if !ok {
			continue
		}
		for v, vs := range jamoV {
			tail, ok := strings.CutPrefix(rest, vs)
			if !ok {
				continue
			}
			for t, ts := range jamoT {
				if tail == ts {
					return rune(0xAC00 + (l*21+v)*28 + t), true
				}
			}
		}
	}
	return 0, false
}
