package wire

import (
	"bytes"
	"testing"
)

func benchmarkRead(b *testing.B, o *Options) {
	m := &Message{Type: Result, Seq: 1, SerializerID: 1,
		Annotations: []Annotation{{"CORR", make([]byte, 16)}}, Data: bytes.Repeat([]byte("0123456789abcdef"), 10<<20/16)}
	frame := mustFrame(b, m, o)
	b.SetBytes(int64(len(frame)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(bytes.NewReader(frame), o); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadLarge reads a 10 MB payload.
func BenchmarkReadLarge(b *testing.B) { benchmarkRead(b, nil) }

// BenchmarkReadLargeSigned reads a 10 MB payload and checks its HMAC.
func BenchmarkReadLargeSigned(b *testing.B) { benchmarkRead(b, &Options{HMACKey: []byte("secret")}) }

// BenchmarkWriteLarge encodes a 10 MB payload into a reused buffer.
func BenchmarkWriteLarge(b *testing.B) {
	m := &Message{Type: Result, Seq: 1, SerializerID: 1, Data: make([]byte, 10<<20)}
	buf := make([]byte, 0, HeaderSize+len(m.Data))
	b.SetBytes(int64(len(m.Data)))
	for b.Loop() {
		var err error
		if buf, err = m.AppendFrame(buf[:0], nil); err != nil {
			b.Fatal(err)
		}
	}
}
