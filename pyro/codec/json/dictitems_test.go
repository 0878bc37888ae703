package json

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
)

// TestStreamDict checks that a top-level object read pair by pair gives
// the dict Decode gives, and that one with a key given twice, or broken,
// is left to Decode.
func TestStreamDict(t *testing.T) {
	codectest.CheckDicts(t, Codec{}, dictCases())
}

func dictCases() map[string]bool {
	return map[string]bool{
		`{}`: true, ` { "a" : 1 , "b" : [2] } `: true, `{"a": 1, "b": 2, "a": 3}`: false,
		`{"\u0061": 1, "a": 2}`: false, `{"a": 1,}`: false, `{"a": 1} x`: false, `{"a": 1`: false,
		`{"a" 1}`: false, `{1: 2}`: false, `{"a": 1}}`: false, `"s"`: false,
		`{"a": {"a": 1, "a": 2}}`: true, "{\"a\": \"\xff\"}": false,
		// Python's json writes an int key as a str, so these are one key.
		`{"1": "one", "1": 1.5}`: false,
	}
}

// FuzzStreamDict checks that codec.StreamDict gives what Decode gives:
// the same dict, or Decode's answer where it reads nothing.
func FuzzStreamDict(f *testing.F) {
	codectest.FuzzDicts(f, Codec{}, dictCases())
}
