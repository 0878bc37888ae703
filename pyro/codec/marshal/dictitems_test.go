package marshal

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
)

// TestStreamDict checks that a top-level dict read pair by pair gives
// the dict Decode gives, references included, and that one with a key
// given twice (1 and True are one key), an unhashable key, or a broken
// payload, is left to Decode.
func TestStreamDict(t *testing.T) {
	codectest.CheckDicts(t, Codec{}, dictCases())
}

func dictCases() map[string]bool {
	return map[string]bool{
		"{0": true, "{z\x01ai\x01\x00\x00\x000": true, "\xfbz\x01ai\x01\x00\x00\x000": true,
		"{z\x01ai\x01\x00\x00\x00z\x01ai\x02\x00\x00\x000": false,
		"{i\x01\x00\x00\x00z\x01aTz\x01b0":                 false,
		// A key flagged for reference and a later key and value that refer to it.
		"{\xda\x01ai\x01\x00\x00\x00z\x01br\x00\x00\x00\x000":            true,
		"{\xda\x01ai\x01\x00\x00\x00r\x00\x00\x00\x00i\x02\x00\x00\x000": false,
		// The dict holding itself: streamed at this level, where nothing
		// stops it (pyro's keep does).
		"\xfbz\x01ar\x00\x00\x00\x000":         true,
		"{[\x00\x00\x00\x00i\x01\x00\x00\x000": false, "{z\x01a0": false, "{z\x01ai\x01\x00\x00\x00": false,
		"{0trailing": true, "N": false, "{": false,
	}
}

// FuzzStreamDict checks that codec.StreamDict gives what Decode gives:
// the same dict, or Decode's answer where it reads nothing.
func FuzzStreamDict(f *testing.F) {
	codectest.FuzzDicts(f, Codec{}, dictCases())
}
