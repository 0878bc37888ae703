package wire

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
)

// rawHeader builds a header with a correct checksum for any field values.
func rawHeader(typ MsgType, flags Flags, seq uint16, dataLen int32, serID, annLen uint16) []byte {
	b := []byte(magic)
	b = binary.BigEndian.AppendUint16(b, ProtocolVersion)
	b = binary.BigEndian.AppendUint16(b, uint16(typ))
	b = binary.BigEndian.AppendUint16(b, uint16(flags))
	b = binary.BigEndian.AppendUint16(b, seq)
	b = binary.BigEndian.AppendUint32(b, uint32(dataLen))
	b = binary.BigEndian.AppendUint16(b, serID)
	b = binary.BigEndian.AppendUint16(b, annLen)
	b = binary.BigEndian.AppendUint16(b, 0)
	return binary.BigEndian.AppendUint16(b, checksum(typ, flags, seq, dataLen, serID, annLen))
}

func mustFrame(t testing.TB, m *Message, o *Options) []byte {
	t.Helper()
	frame, err := m.AppendFrame(nil, o)
	if err != nil {
		t.Fatal(err)
	}
	return frame
}

func wantProtocolError(t *testing.T, err error, substr string) {
	t.Helper()
	var pe *ProtocolError
	if !errors.As(err, &pe) {
		t.Fatalf("got %v, want a ProtocolError", err)
	}
	if !strings.Contains(pe.Error(), substr) {
		t.Fatalf("got %q, want it to mention %q", pe.Error(), substr)
	}
}

func TestChecksumWorkedExample(t *testing.T) {
	// PROTOCOL.md 1.1: CONNECT, flags 0x10, seq 0, 64 data bytes, serializer 1.
	m := &Message{Type: Connect, Flags: FlagMetaOnConnect, SerializerID: 1, Data: make([]byte, 64)}
	frame := mustFrame(t, m, nil)
	want := "5059524f00300001001000000000004000010000" + "0000356b"
	if got := hex.EncodeToString(frame[:HeaderSize]); got != want {
		t.Fatalf("header %s, want %s", got, want)
	}
}

func TestReadRejectsBadHeaders(t *testing.T) {
	good := rawHeader(Connect, 0, 0, 0, 1, 0)
	tests := []struct {
		name   string
		frame  []byte
		substr string
	}{
		{"bad magic", append([]byte("XYRO"), good[4:]...), "bad magic"},
		{"version 47", append(append([]byte(magic), 0, 47), good[6:]...), "protocol version 47"},
		{"checksum off by one", append(good[:22:22], good[22], good[23]+1), "checksum mismatch"},
		{"negative data length", rawHeader(Invoke, 0, 1, -1, 1, 0), "negative data length -1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(bytes.NewReader(tt.frame), nil)
			wantProtocolError(t, err, tt.substr)
		})
	}
}

// headerOnlyReader yields a header and then fails the test if read again.
type headerOnlyReader struct {
	t   *testing.T
	hdr []byte
}

func (r *headerOnlyReader) Read(p []byte) (int, error) {
	if len(r.hdr) == 0 {
		r.t.Fatal("Read read past the header of an oversized message")
	}
	n := copy(p, r.hdr)
	r.hdr = r.hdr[n:]
	return n, nil
}

func TestReadRejectsOversizedHeader(t *testing.T) {
	tests := []struct {
		name    string
		dataLen int32
		annLen  uint16
		max     int
	}{
		{"default limit", DefaultMaxSize, 1, 0},
		{"2 GB", 0x7fffffff, 0, 0},
		{"negative MaxSize means default", DefaultMaxSize + 1, 0, -1},
		{"small limit counts annotations", 90, 11, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &headerOnlyReader{t: t, hdr: rawHeader(Result, 0, 1, tt.dataLen, 1, tt.annLen)}
			_, err := Read(r, &Options{MaxSize: tt.max})
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("got %v, want ErrTooLarge", err)
			}
			wantProtocolError(t, err, "exceeds limit")
		})
	}
	t.Run("exactly at the limit is fine", func(t *testing.T) {
		frame := append(rawHeader(Result, 0, 1, 100, 1, 0), make([]byte, 100)...)
		if _, err := Read(bytes.NewReader(frame), &Options{MaxSize: 100}); err != nil {
			t.Fatal(err)
		}
	})
}

func TestReadLyingHeaderAllocatesLittle(t *testing.T) {
	// Announces 200 MB, within the limit, but the stream holds 10 bytes.
	frame := append(rawHeader(Result, 0, 1, 200<<20, 1, 0), make([]byte, 10)...)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := Read(bytes.NewReader(frame), nil)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("got %v, want io.ErrUnexpectedEOF", err)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 4<<20 {
		t.Fatalf("allocated %d bytes for a 34-byte stream", n)
	}
}

func TestReadTruncated(t *testing.T) {
	m := &Message{Type: Invoke, Seq: 7, SerializerID: 1,
		Annotations: []Annotation{{"CORR", bytes.Repeat([]byte{1}, 16)}}, Data: []byte("payload")}
	o := &Options{HMACKey: []byte("k")}
	frame := mustFrame(t, m, o)
	if _, err := Read(bytes.NewReader(nil), o); err != io.EOF {
		t.Fatalf("empty stream: got %v, want io.EOF itself", err)
	}
	for n := 1; n < len(frame); n++ {
		_, err := Read(bytes.NewReader(frame[:n]), o)
		if !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Fatalf("%d of %d bytes: got %v, want io.ErrUnexpectedEOF", n, len(frame), err)
		}
		wantProtocolError(t, err, "truncated message")
	}
}

func TestReadPassesOtherReaderErrors(t *testing.T) {
	errTimeout := errors.New("i/o timeout")
	frame := rawHeader(Ping, 0, 0, 4, 42, 0)
	for _, r := range []io.Reader{
		iotest.ErrReader(errTimeout),
		io.MultiReader(bytes.NewReader(frame), iotest.ErrReader(errTimeout)),
	} {
		_, err := Read(r, nil)
		var pe *ProtocolError
		if !errors.Is(err, errTimeout) || errors.As(err, &pe) {
			t.Fatalf("got %v, want the reader's error and no ProtocolError", err)
		}
	}
}

// TestReadSplitReads checks Read gives the same result however the
// captured bytes arrive.
func TestReadSplitReads(t *testing.T) {
	for _, g := range uniqueGolden(t) {
		o := &Options{HMACKey: g.key}
		want, wantErr := Read(bytes.NewReader(g.frame), o)
		for name, r := range map[string]io.Reader{
			"one byte": iotest.OneByteReader(bytes.NewReader(g.frame)),
			"half":     iotest.HalfReader(bytes.NewReader(g.frame)),
			"data+EOF": iotest.DataErrReader(bytes.NewReader(g.frame)),
		} {
			got, err := Read(r, o)
			if (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
				t.Fatalf("%s %s: error %v, want %v", g.name, name, err, wantErr)
			}
			if d := diffMessages(want, got); d != "" {
				t.Fatalf("%s %s: %s", g.name, name, d)
			}
		}
	}
}

func TestReadHMAC(t *testing.T) {
	key := []byte("very-secret-key")
	m := &Message{Type: Result, Seq: 3, SerializerID: 2,
		Annotations: []Annotation{{"ZZZZ", []byte("z")}, {"CORR", []byte("c")}}, Data: []byte(`"ok"`)}
	signed := mustFrame(t, m, &Options{HMACKey: key})
	unsigned := mustFrame(t, m, nil)
	tampered := bytes.Clone(signed)
	tampered[len(tampered)-1] ^= 1
	tamperedAnn := bytes.Clone(signed)
	tamperedAnn[HeaderSize+6] ^= 1 // first byte of the ZZZZ value
	tests := []struct {
		name   string
		frame  []byte
		key    []byte
		substr string
	}{
		{"wrong key", signed, []byte("other"), "hmac mismatch"},
		{"tampered payload", tampered, key, "hmac mismatch"},
		{"tampered annotation", tamperedAnn, key, "hmac mismatch"},
		{"missing hmac", unsigned, key, "message has no hmac but a key is set"},
		{"unexpected hmac", signed, nil, "message is signed but no hmac key is set"},
		{"empty key is no key", signed, []byte{}, "message is signed but no hmac key is set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(bytes.NewReader(tt.frame), &Options{HMACKey: tt.key})
			var se *SecurityError
			if !errors.As(err, &se) || !strings.Contains(err.Error(), tt.substr) {
				t.Fatalf("got %v, want a SecurityError saying %q", err, tt.substr)
			}
			if se.Type != Result || se.Seq != 3 {
				t.Errorf("SecurityError names %v seq %d, want RESULT seq 3", se.Type, se.Seq)
			}
			if bytes.Contains([]byte(err.Error()), key) {
				t.Errorf("error %q reveals the key", err)
			}
		})
	}
	t.Run("right key", func(t *testing.T) {
		got, err := Read(bytes.NewReader(signed), &Options{HMACKey: key})
		if err != nil {
			t.Fatal(err)
		}
		if d := diffMessages(m, got); d != "" {
			t.Fatal(d)
		}
	})
}

func zlibBytes(data []byte) []byte {
	var b bytes.Buffer
	zw := zlib.NewWriter(&b)
	zw.Write(data)
	zw.Close()
	return b.Bytes()
}

func TestReadDecompression(t *testing.T) {
	frameWith := func(payload []byte) []byte {
		return append(rawHeader(Result, FlagCompressed|FlagBatch, 1, int32(len(payload)), 1, 0), payload...)
	}
	t.Run("decompresses and clears the flag", func(t *testing.T) {
		want := bytes.Repeat([]byte("abc"), 1000)
		m, err := Read(bytes.NewReader(frameWith(zlibBytes(want))), nil)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(m.Data, want) || m.Flags != FlagBatch {
			t.Fatalf("got flags %v and %d bytes, want BATCH and %d bytes", m.Flags, len(m.Data), len(want))
		}
	})
	t.Run("bomb is capped", func(t *testing.T) {
		bomb := zlibBytes(make([]byte, 4<<20)) // about 4 KB
		_, err := Read(bytes.NewReader(frameWith(bomb)), &Options{MaxSize: 1 << 20})
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("got %v, want ErrTooLarge", err)
		}
		wantProtocolError(t, err, "decompressed payload exceeds 1048576 bytes")
	})
	t.Run("not zlib", func(t *testing.T) {
		_, err := Read(bytes.NewReader(frameWith([]byte("plain text"))), nil)
		wantProtocolError(t, err, "decompress payload")
	})
	t.Run("truncated zlib", func(t *testing.T) {
		z := zlibBytes(bytes.Repeat([]byte("abc"), 1000))
		_, err := Read(bytes.NewReader(frameWith(z[:len(z)-5])), nil)
		wantProtocolError(t, err, "decompress payload")
	})
}

func TestReadAnnotations(t *testing.T) {
	chunk := func(key string, n uint16, value string) []byte {
		return append(binary.BigEndian.AppendUint16([]byte(key), n), value...)
	}
	frameWith := func(anns []byte) []byte {
		return append(rawHeader(Result, 0, 1, 0, 1, uint16(len(anns))), anns...)
	}
	t.Run("duplicates kept in order, last wins", func(t *testing.T) {
		m, err := Read(bytes.NewReader(frameWith(append(chunk("USER", 1, "a"), chunk("USER", 1, "b")...))), nil)
		if err != nil {
			t.Fatal(err)
		}
		if v, ok := m.Annotation("USER"); !ok || string(v) != "b" || len(m.Annotations) != 2 {
			t.Fatalf("got %q %v from %v", v, ok, m.Annotations)
		}
		if _, ok := m.Annotation("CORR"); ok {
			t.Fatal("found an absent annotation")
		}
	})
	tests := []struct {
		name   string
		anns   []byte
		substr string
	}{
		{"value overruns", chunk("CORR", 100, "0123"), `annotation "CORR" of 100 bytes overruns annotations length 10`},
		{"chunk header overruns", append(chunk("CORR", 1, "x"), "AB"...), "chunk header at offset 7 overruns"},
		{"non-ascii key", chunk("CÖR", 0, ""), "not ascii"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(bytes.NewReader(frameWith(tt.anns)), nil)
			wantProtocolError(t, err, tt.substr)
		})
	}
}

// TestReadIntoReuseBuffer checks that with ReuseBuffer small messages
// share one buffer, read whole each time, and that a message past
// ReuseMax gets one of its own, leaving the kept one alone.
func TestReadIntoReuseBuffer(t *testing.T) {
	big := bytes.Repeat([]byte("x"), ReuseMax+1)
	var stream []byte
	for _, data := range [][]byte{[]byte("first"), []byte("second!"), big, []byte("4th")} {
		stream = append(stream, mustFrame(t, &Message{Type: Result, Seq: 1, SerializerID: 1, Data: data,
			Annotations: []Annotation{{Key: "CORR", Value: []byte("0123456789abcdef")}}}, nil)...)
	}
	r := bufio.NewReader(bytes.NewReader(stream))
	m := Message{ReuseBuffer: true}
	var first *byte
	for i, want := range []string{"first", "second!", string(big), "4th"} {
		if err := ReadInto(r, nil, &m); err != nil {
			t.Fatal(err)
		}
		if string(m.Data) != want || !m.ReuseBuffer {
			t.Fatalf("message %d: data %.20q, ReuseBuffer %v", i, m.Data, m.ReuseBuffer)
		}
		if corr, _ := m.Annotation("CORR"); string(corr) != "0123456789abcdef" {
			t.Fatalf("message %d: CORR %q", i, corr)
		}
		kept := &m.buf[0]
		inKept := &m.Data[0] == &m.buf[22] // after the CORR chunk
		switch {
		case i == 0:
			first = kept
		case kept != first:
			t.Fatalf("message %d: the kept buffer was replaced", i)
		}
		if inKept != (i != 2) {
			t.Fatalf("message %d: read into the kept buffer: %v", i, inKept)
		}
	}
}

// TestParseAnnotationsCORRAlone checks the one-CORR shortcut against
// blocks the general loop reads: CORR alone, CORR among others, a CORR
// of another length.
func TestParseAnnotationsCORRAlone(t *testing.T) {
	id := []byte("0123456789abcdef")
	for _, tc := range []struct {
		anns []Annotation
	}{
		{[]Annotation{{Key: "CORR", Value: id}}},
		{[]Annotation{{Key: "CORR", Value: id}, {Key: "XTRA", Value: []byte("x")}}},
		{[]Annotation{{Key: "CORR", Value: id[:15]}}},
		{[]Annotation{{Key: "STRM", Value: id}}},
	} {
		var block []byte
		for _, a := range tc.anns {
			block = appendChunk(block, a.Key, a.Value)
		}
		got, err := parseAnnotations(nil, block)
		if err != nil || len(got) != len(tc.anns) {
			t.Fatalf("%v: %v, %v", tc.anns, got, err)
		}
		for i, a := range got {
			if a.Key != tc.anns[i].Key || string(a.Value) != string(tc.anns[i].Value) || cap(a.Value) != len(a.Value) {
				t.Fatalf("%v: chunk %d read as %q=%q (cap %d)", tc.anns, i, a.Key, a.Value, cap(a.Value))
			}
		}
	}
}
