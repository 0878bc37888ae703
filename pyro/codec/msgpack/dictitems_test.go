package msgpack

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
)

// TestStreamDict checks that a top-level map read pair by pair gives the
// dict Decode gives, and that one with a key given twice (1 and 1.0 are
// one key), an unhashable key, or a broken payload, is left to Decode.
func TestStreamDict(t *testing.T) {
	codectest.CheckDicts(t, Codec{}, dictCases())
}

func dictCases() map[string]bool {
	return map[string]bool{
		"\x80": true, "\x82\xa1a\x01\xa1b\x02": true, "\x83\xa1a\x01\xa1b\x02\xa1a\x03": false,
		"\x82\x01\xa1x\xcb\x3f\xf0\x00\x00\x00\x00\x00\x00\xa1y": false, "\x81\x92\x01\x02\xc0": true,
		"\x81\x81\x01\x02\x03": false, "\x82\xa1a\x01": false, "\x81\xa1a\x01\x00": false,
		"\xde\x00\x01\xa1a\x01": true, "\xdf\x00\x00\x00\x01\xa1a\x01": true, "\xde\x00": false,
		"\xc0": false,
	}
}

// FuzzStreamDict checks that codec.StreamDict gives what Decode gives:
// the same dict, or Decode's answer where it reads nothing.
func FuzzStreamDict(f *testing.F) {
	codectest.FuzzDicts(f, Codec{}, dictCases())
}
