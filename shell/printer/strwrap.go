package printer

import (
	"math"
	"unicode"
	"unicode/utf8"
)

// wrapStr splits s into the pieces pprint's _pprint_str prints on separate
// lines: first at line breaks (str.splitlines(keepends=True)), then any
// line whose repr is wider than width at word boundaries (each piece a run
// of non-space then a run of space, the regexp \S*\s*), packing words while
// the repr of the packed text fits. The last piece must also leave room for
// allowance. The pieces concatenate back to s.
func wrapStr(s string, width, allowance int) []string {
	lines := splitLines(s)
	var pieces []string
	width1 := width
	for i, line := range lines {
		lastLine := i == len(lines)-1
		if lastLine {
			width1 -= allowance
		}
		if reprLen(strStats(line, math.MaxInt), false) <= width1 {
			pieces = append(pieces, line)
			continue
		}
		words := splitWords(line)
		width2 := width
		start, end := 0, 0 // the current piece is line[start:end]
		var cur quoteStats
		for j, w := range words {
			st := strStats(w, math.MaxInt)
			cand := cur.add(st)
			if lastLine && j == len(words)-1 {
				width2 -= allowance
			}
			if reprLen(cand, false) > width2 {
				if end > start {
					pieces = append(pieces, line[start:end])
				}
				start, cur = end, st
			} else {
				cur = cand
			}
			end += len(w)
		}
		if end > start {
			pieces = append(pieces, line[start:end])
		}
	}
	return pieces
}

// splitLines is Python's str.splitlines(keepends=True).
func splitLines(s string) []string {
	var lines []string
	start := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch r {
		case '\r':
			if i < len(s) && s[i] == '\n' {
				i++
			}
		case '\n', '\v', '\f', 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029:
		default:
			continue
		}
		lines = append(lines, s[start:i])
		start = i
	}
	if start < len(s) {
		lines = append(lines, s[start:])
	}
	return lines
}

// isSpace is Python's str.isspace for one code point, which the regexp \s
// follows: Go's unicode.IsSpace plus the separators U+001C..U+001F.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// splitWords is re.findall(r'\S*\s*', line) without its final empty match.
func splitWords(line string) []string {
	var words []string
	for i := 0; i < len(line); {
		j := i
		for j < len(line) {
			r, n := utf8.DecodeRuneInString(line[j:])
			if isSpace(r) {
				break
			}
			j += n
		}
		for j < len(line) {
			r, n := utf8.DecodeRuneInString(line[j:])
			if !isSpace(r) {
				break
			}
			j += n
		}
		words = append(words, line[i:j])
		i = j
	}
	return words
}

// wrapBytes is pprint's _wrap_bytes_repr: b in runs of 4 bytes, packed
// while the repr fits in width. As in pprint, allowance is subtracted only
// when the last run starts at len(b)/4*4, that is never when len(b) is a
// multiple of 4.
func wrapBytes(b []byte, width, allowance int) [][]byte {
	var pieces [][]byte
	last := len(b) / 4 * 4
	start := 0
	var cur quoteStats
	for i := 0; i < len(b); i += 4 {
		part := b[i:min(i+4, len(b))]
		st := bytesStats(part, math.MaxInt)
		cand := cur.add(st)
		if i == last {
			width -= allowance
		}
		if reprLen(cand, true) > width {
			if i > start {
				pieces = append(pieces, b[start:i])
			}
			start, cur = i, st
		} else {
			cur = cand
		}
	}
	if start < len(b) {
		pieces = append(pieces, b[start:])
	}
	return pieces
}
