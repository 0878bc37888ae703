package history

import "strings"

// The file holds one record per line. A record is the entry with '\\', '\n',
// '\r' and NUL escaped as `\\`, `\n`, `\r` and `\0`, so a statement continued
// over several lines stays on one line of the file and an encoded record never
// contains a raw NUL. A line holding a raw NUL is therefore never a record:
// the appender ends a torn tail left by a killed writer with "\x00\n", which
// turns the fragment into a line the loader skips.

// tornMark ends a torn tail before the next record is appended.
const tornMark = "\x00\n"

// encode appends the one-line record of entry, without its newline, to dst.
func encode(dst []byte, entry string) []byte {
	for i := 0; i < len(entry); i++ {
		switch c := entry[i]; c {
		case '\\':
			dst = append(dst, '\\', '\\')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case 0:
			dst = append(dst, '\\', '0')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// decode returns the entry of one record line (without its newline) and
// whether the line is a record at all. It never fails on odd escapes: an
// unknown escape or a trailing lone backslash is kept as written, so a file
// edited by hand still loads.
func decode(line []byte) (string, bool) {
	var b strings.Builder
	b.Grow(len(line))
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c == 0 {
			return "", false
		}
		if c != '\\' || i+1 == len(line) {
			b.WriteByte(c)
			continue
		}
		i++
		switch line[i] {
		case '\\':
			b.WriteByte('\\')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case '0':
			b.WriteByte(0)
		case 0:
			return "", false
		default:
			b.WriteByte('\\')
			b.WriteByte(line[i])
		}
	}
	return b.String(), true
}
