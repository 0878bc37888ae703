package history

import "strings"

// SecretMetaCommands are the meta commands whose line may carry a secret:
// the shell asks for their value with hidden input and refuses it as an
// argument, and history never stores a line starting with one (in any
// case, whatever follows). The shell's meta command table takes its
// secret commands from here, so the two cannot disagree.
var SecretMetaCommands = []string{"hmac"}

// IsSecretMetaCommand reports whether the meta command name (without the
// ':', any case) is one of SecretMetaCommands.
func IsSecretMetaCommand(name string) bool {
	for _, s := range SecretMetaCommands {
		if strings.EqualFold(s, name) {
			return true
		}
	}
	return false
}

// IsSecret reports whether entry may carry an HMAC key and so must never be
// stored: the :hmac meta command (whatever follows it) and any statement that
// mentions an HMAC key however it is spelled (hmac_key=, --hmac-key,
// _pyroHmacKey, PYROSH_HMAC_KEY, HMAC key ...). Matching ignores case and the
// separators '_', '-', '.' and white space, erring on the side of not storing.
func IsSecret(entry string) bool {
	t := strings.TrimSpace(entry)
	if rest, ok := strings.CutPrefix(t, ":"); ok {
		rest = strings.TrimSpace(rest)
		for _, name := range SecretMetaCommands {
			// A prefix, so a mistyped :hmacc key is not stored either.
			if len(rest) >= len(name) && strings.EqualFold(rest[:len(name)], name) {
				return true
			}
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
