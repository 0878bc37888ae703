package serpent

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
)

// TestStreamDict checks that a top-level dict display read pair by pair
// gives the dict Decode gives, and that one with a key given twice (1,
// 1.0 and True are one key), an unhashable key, serpent's encodings of
// bytes and nan, or a broken payload, is left to Decode.
func TestStreamDict(t *testing.T) {
	codectest.CheckDicts(t, Codec{}, dictCases())
}

func dictCases() map[string]bool {
	return map[string]bool{
		Header + "{}": true, Header + "{ }\n": true, Header + "{'a': 1, 'b': [2, {'c': (3,)}]}": true,
		Header + "{'a': 1, 'b': 2, 'a': 3}": false, Header + "{1: 'x', 1.0: 'y', True: 'z'}": false,
		Header + "{'data': 'AP9hYg==', 'encoding': 'base64'}":         false,
		Header + "{'__class__': 'float', 'value': 'nan'}":             false,
		Header + "{'data': 'AP9hYg==', 'encoding': 'base64', 'x': 1}": true,
		Header + "{'a': {'data': 'AP9hYg==', 'encoding': 'base64'}}":  true,
		Header + "{[1]: 2}": false, Header + "{1, 2}": false, Header + "{1: 2,}": true, Header + "{1: 2} # c": true,
		Header + "{1: 2} x": false, Header + "{1: 2} + 1": false, Header + "{1: 2": false, Header + "{1 2}": false,
		Header + "{1: 2,, 3: 4}": false, Header + "{(1, 2): -3j, 'x': 1+2j}": true, Header + "{,}": false,
		Header + "{1: @}": false, "{1: 2}": true, "{1: '\x00'}": false,
	}
}

// FuzzStreamDict checks that codec.StreamDict gives what Decode gives:
// the same dict, or Decode's answer where it reads nothing.
func FuzzStreamDict(f *testing.F) {
	codectest.FuzzDicts(f, Codec{}, dictCases())
}
