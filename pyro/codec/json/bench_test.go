package json

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
)

// BenchmarkDecodeLarge decodes issue 7's result shape
// (codectest.LargeValue), reporting the heap the result keeps alive.
func BenchmarkDecodeLarge(b *testing.B) {
	var c Codec
	codectest.BenchmarkDecode(b, c, codectest.Encode(b, c, codectest.LargeValue()))
}

func BenchmarkDecodeSmallDicts(b *testing.B) {
	var c Codec
	codectest.BenchmarkDecode(b, c, codectest.Encode(b, c, codectest.SmallDicts(100000)))
}

func BenchmarkEncodeSmallDicts(b *testing.B) {
	var c Codec
	codectest.BenchmarkEncode(b, c, codectest.SmallDicts(100000))
}
