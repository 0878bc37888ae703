package wire5

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"

	"github.com/pyrosh/pyrosh/pyro/wire"
)

// FuzzRead checks that no input makes Read panic or return an untyped
// error, that reading byte by byte agrees with reading at once, and that
// whatever decodes encodes and decodes back to the same message.
func FuzzRead(f *testing.F) {
	for _, g := range uniqueGolden(f) {
		f.Add(g.frame)
	}
	f.Add(append(rawHeader(wire.Result, FlagCompressed, 1, 11, 0, 1), zlibBytes(make([]byte, 1<<16))...))
	f.Fuzz(func(t *testing.T, frame []byte) {
		o := &Options{MaxSize: 1 << 20}
		m, err := Read(bytes.NewReader(frame), o)
		m2, err2 := Read(iotest.OneByteReader(bytes.NewReader(frame)), o)
		if (err == nil) != (err2 == nil) || (err != nil && err.Error() != err2.Error()) {
			t.Fatalf("one byte at a time: %v, at once: %v", err2, err)
		}
		if err == io.EOF && len(frame) == 0 {
			return
		}
		if err != nil {
			var pe *wire.ProtocolError
			if !errors.As(err, &pe) {
				t.Fatalf("untyped error from a byte slice: %v", err)
			}
			return
		}
		if d := diffMessages(m, m2); d != "" {
			t.Fatalf("one byte at a time differs: %s", d)
		}
		if m.Flags&FlagCorrID == 0 {
			m.CorrID = [16]byte{} // not sent without the flag
		}
		again, err := m.AppendFrame(nil, o)
		if err != nil {
			if errors.Is(err, wire.ErrTooLarge) {
				return // a decompressed payload may fit while the message does not
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
