package pickle

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
)

// TestStreamDict checks that a top-level dict read pair by pair gives
// the dict Decode gives, shared values included, and that one with a
// key given twice, an unhashable key, a root fetched again, or a broken
// pickle, is left to Decode.
func TestStreamDict(t *testing.T) {
	codectest.CheckDicts(t, Codec{}, dictCases())
}

func dictCases() map[string]bool {
	const a, b = "X\x01\x00\x00\x00a", "X\x01\x00\x00\x00b"
	return map[string]bool{
		"}.": true, "\x80\x02}q\x00(" + a + "K\x01" + b + "K\x02u.": true, "}" + a + "K\x01s.": true,
		"\x80\x02}q\x00(" + a + "K\x01" + a + "K\x02u.":           false,
		"}q\x00(" + a + "h\x00u.":                                 false, // the dict holds itself
		"}q\x00(" + a + "}q\x01" + b + "h\x01u.":                  true,  // one dict under two keys
		"}q\x00(" + a + "]q\x01" + b + "K\x01u" + "h\x01K\x02a0.": true,  // a list changed after its pair
		"}(" + a + "K\x01u":                                       false, "}(K\x01e.": false, "}(]K\x01u.": false, "}(" + a + "u.": false,
		"}(K\x01K\x02uK\x03.": false, "](K\x01e.": true, "\x80\x02}\x94.": true,
	}
}

// FuzzStreamDict checks that codec.StreamDict gives what Decode gives:
// the same dict, or Decode's answer where it reads nothing.
func FuzzStreamDict(f *testing.F) {
	codectest.FuzzDicts(f, Codec{}, dictCases())
}
