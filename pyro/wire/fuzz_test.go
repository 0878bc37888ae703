package wire

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

// fuzzKey signs the seeds that carry an HMAC, as the captures' daemons do.
var fuzzKey = []byte(goldenKey)

// FuzzRead checks that no input makes Read panic, that reading byte by
// byte agrees with reading at once, and that whatever decodes encodes and
// decodes back to the same message.
func FuzzRead(f *testing.F) {
	for _, g := range uniqueGolden(f) {
		f.Add(g.frame, g.key != nil)
	}
	f.Add(append(rawHeader(Result, FlagCompressed, 1, 11, 1, 0), zlibBytes(make([]byte, 1<<16))...), false)
	f.Fuzz(func(t *testing.T, frame []byte, signed bool) {
		o := &Options{MaxSize: 1 << 20}
		if signed {
			o.HMACKey = fuzzKey
		}
		m, err := Read(bytes.NewReader(frame), o)
		m2, err2 := Read(iotest.OneByteReader(bytes.NewReader(frame)), o)
		if (err == nil) != (err2 == nil) || (err != nil && err.Error() != err2.Error()) {
			t.Fatalf("one byte at a time: %v, at once: %v", err2, err)
		}
		if err == io.EOF && len(frame) == 0 {
			return
		}
		if err != nil {
			var pe *ProtocolError
			var se *SecurityError
			if !errors.As(err, &pe) && !errors.As(err, &se) {
				t.Fatalf("untyped error from a byte slice: %v", err)
			}
			return
		}
		if d := diffMessages(m, m2); d != "" {
			t.Fatalf("one byte at a time differs: %s", d)
		}
		again, err := m.AppendFrame(nil, o)
		if err != nil {
			// A decompressed payload may fit the limit while the
			// message around it does not.
			if errors.Is(err, ErrTooLarge) {
				return
			}
			t.Fatalf("AppendFrame of a decoded message: %v", err)
		}
		m3, err := Read(bytes.NewReader(again), o)
		if err != nil {
			t.Fatalf("Read of re-encoded message: %v", err)
		}
		if d := diffMessages(m, m3); d != "" {
			t.Fatalf("round trip changed the message: %s", d)
		}
	})
}
