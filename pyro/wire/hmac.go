package wire

import (
	"crypto/hmac"
	"crypto/sha1"
	"sort"
)

// signature computes Pyro4's message HMAC (Message.hmac in message.py):
// HMAC-SHA1 over the payload exactly as on the wire, that is after
// compression, then over the values only of every annotation except HMAC,
// in ascending key order. Pyro4 works from a dict, so of duplicate keys
// only the last counts.
func signature(key, wireData []byte, anns []Annotation) []byte {
	mac := hmac.New(sha1.New, key)
	mac.Write(wireData)
	last := make(map[string][]byte, len(anns))
	keys := make([]string, 0, len(anns))
	for _, a := range anns {
		if a.Key == hmacKey {
			continue
		}
		if _, seen := last[a.Key]; !seen {
			keys = append(keys, a.Key)
		}
		last[a.Key] = a.Value
	}
	sort.Strings(keys) // keys are ASCII, so byte order is Python's str order
	for _, k := range keys {
		mac.Write(last[k])
	}
	return mac.Sum(nil)
}

// verify checks the HMAC rules of Message.recv: with a key the message
// must carry a matching HMAC, without one it must carry none.
func verify(key []byte, h *header, wireData []byte, anns []Annotation) error {
	var got []byte
	signed := false
	for _, a := range anns {
		if a.Key == hmacKey {
			got, signed = a.Value, true
		}
	}
	switch {
	case signed && key == nil:
		return &SecurityError{Reason: "message is signed but no hmac key is set (hmac key config not symmetric)", Type: h.typ, Seq: h.seq}
	case !signed && key != nil:
		return &SecurityError{Reason: "message has no hmac but a key is set (hmac key config not symmetric)", Type: h.typ, Seq: h.seq}
	case signed && !hmac.Equal(got, signature(key, wireData, anns)):
		return &SecurityError{Reason: "hmac mismatch: wrong key or tampered message", Type: h.typ, Seq: h.seq}
	}
	return nil
}
