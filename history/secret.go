package history

import "strings"

// IsSecret reports whether entry may carry an HMAC key and so must never be
// stored: the :hmac meta command (whatever follows it) and any statement that
// mentions an HMAC key however it is spelled (hmac_key=, --hmac-key,
// _pyroHmacKey, PYROSH_HMAC_KEY, HMAC key ...). Matching ignores case and the
// separators '_', '-', '.' and white space, erring on the side of not storing.
func IsSecret(entry string) bool {
	t := strings.TrimSpace(entry)
	if rest, ok := strings.CutPrefix(t, ":"); ok {
		rest = strings.TrimSpace(rest)
		if len(rest) >= 4 && strings.EqualFold(rest[:4], "hmac") {
			return true
		}
	}
	var b strings.Builder
	b.Grow(len(entry))
	for _, r := range entry {
		switch r {
		case '_', '-', '.', ' ', '\t', '\n', '\r':
			continue
		}
		b.WriteRune(r)
	}
	return strings.Contains(strings.ToLower(b.String()), "hmackey")
}
