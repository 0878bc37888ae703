package wire5

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/pyrosh/pyrosh/pyro/wire"
)

// rawHeader builds a 40-byte header with the given fields, magic number
// right, correlation id zero.
func rawHeader(t wire.MsgType, f Flags, seq uint16, dataLen, annLen uint32, ser uint8) []byte {
	b := []byte("PYRO")
	b = binary.BigEndian.AppendUint16(b, ProtocolVersion)
	b = append(b, byte(t), ser)
	b = binary.BigEndian.AppendUint16(b, uint16(f))
	b = binary.BigEndian.AppendUint16(b, seq)
	b = binary.BigEndian.AppendUint32(b, dataLen)
	b = binary.BigEndian.AppendUint32(b, annLen)
	b = append(b, make([]byte, 18)...)
	return binary.BigEndian.AppendUint16(b, MagicNumber)
}

func zlibBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func TestRoundTrip(t *testing.T) {
	m := &Message{Type: wire.Invoke, Flags: FlagOneway | FlagCorrID, Seq: 7, SerializerID: IDJSON,
		CorrID:      [16]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16},
		Annotations: []wire.Annotation{{Key: "XTRA", Value: []byte("x")}, {Key: "ZZZZ", Value: nil}},
		Data:        []byte(strings.Repeat("payload ", 100))}
	for _, o := range []*Options{nil, {Compress: true}} {
		frame, err := m.AppendFrame(nil, o)
		if err != nil {
			t.Fatal(err)
		}
		if got := frame[8:10]; o != nil && got[1]&byte(FlagCompressed) == 0 {
			t.Errorf("Compress did not compress %d bytes of repeated text", len(m.Data))
		}
		for _, r := range []io.Reader{bytes.NewReader(frame), iotest.OneByteReader(bytes.NewReader(frame)), iotest.HalfReader(bytes.NewReader(frame))} {
			got, err := Read(r, o)
			if err != nil {
				t.Fatal(err)
			}
			if d := diffMessages(m, got); d != "" {
				t.Errorf("round trip (compress %v): %s", o != nil, d)
			}
		}
	}
}

func TestAppendFrameWithoutCorrFlagSendsZeros(t *testing.T) {
	m := &Message{Type: wire.Connect, CorrID: [16]byte{0xff}}
	frame, _ := m.AppendFrame(nil, nil)
	if !bytes.Equal(frame[20:36], make([]byte, 16)) {
		t.Errorf("id bytes without FlagCorrID: %x", frame[20:36])
	}
}

func TestReadRejects(t *testing.T) {
	pyro4 := []byte("PYRO\x00\x30\x00\x03\x00\x00\x00\x00\x00\x00\x00\x2e\x00\x03\x00\x00\x00\x00\x35\x4d")
	badMagicNumber := rawHeader(wire.Result, 0, 1, 0, 0, 1)
	badMagicNumber[39] = 0
	overAnn := append(rawHeader(wire.Result, 0, 1, 0, 10, 1), "XTRA\x00\x00\x00\x09ab"...)
	short := rawHeader(wire.Result, 0, 1, 100, 0, 1)
	bomb := zlibBytes(make([]byte, 2<<20))
	bombFrame := append(rawHeader(wire.Result, FlagCompressed, 1, uint32(len(bomb)), 0, 1), bomb...)
	tests := []struct {
		name  string
		frame []byte
		o     *Options
		want  string
		is    error
	}{
		{"a Pyro4 frame", pyro4, nil, "unsupported protocol version 48 (want 502)", nil},
		{"not pyro at all", []byte("HTTP/1.1 200 OK\r\n"), nil, "bad magic", nil},
		{"a wrong magic number", badMagicNumber, nil, "bad magic number 0x4d00", nil},
		{"an annotation overrunning its block", overAnn, nil, "overruns annotations length 10", nil},
		{"a truncated payload", short, nil, "truncated message payload", io.ErrUnexpectedEOF},
		{"a truncated header", rawHeader(wire.Result, 0, 1, 0, 0, 1)[:20], nil, "truncated message header", io.ErrUnexpectedEOF},
		{"a size over the limit, before allocating", rawHeader(wire.Result, 0, 1, 0xffffffff, 0xffffffff, 1), nil, "exceeds limit of 268435456", wire.ErrTooLarge},
		{"a zlib bomb over the limit", bombFrame, &Options{MaxSize: 1 << 20}, "decompressed payload exceeds 1048576", wire.ErrTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(bytes.NewReader(tc.frame), tc.o)
			var pe *wire.ProtocolError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Read = %v, want a ProtocolError containing %q", err, tc.want)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("Read = %v, want it to wrap %v", err, tc.is)
			}
		})
	}
}

func TestReadEOF(t *testing.T) {
	if _, err := Read(bytes.NewReader(nil), nil); err != io.EOF {
		t.Fatalf("Read of nothing = %v, want io.EOF", err)
	}
}

// TestReadLyingLengthAllocatesLittle checks that a header announcing
// 200 MB followed by a few bytes does not allocate the 200 MB.
func TestReadLyingLengthAllocatesLittle(t *testing.T) {
	frame := append(rawHeader(wire.Result, 0, 1, 200<<20, 0, 1), "abc"...)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, err := Read(bytes.NewReader(frame), nil); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("Read = %v, want a truncation", err)
	}
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > 16<<20 {
		t.Errorf("reading a lying 200 MB header allocated %d bytes", n)
	}
}

func TestVersion(t *testing.T) {
	for _, tc := range []struct {
		in []byte
		v  uint16
		ok bool
	}{
		{[]byte("PYRO\x01\xf6"), 502, true},
		{[]byte("PYRO\x00\x30"), 48, true},
		{[]byte("PYRX\x00\x30"), 0, false},
		{[]byte("PYR"), 0, false},
	} {
		if v, ok := Version(tc.in); v != tc.v || ok != tc.ok {
			t.Errorf("Version(%q) = %d, %v, want %d, %v", tc.in, v, ok, tc.v, tc.ok)
		}
	}
}

func TestFlagsString(t *testing.T) {
	if got := (FlagException | FlagItemStreamResult | FlagCorrID | 0x100).String(); got != "EXCEPTION|ITEMSTREAMRESULT|CORR_ID|0x100" {
		t.Errorf("String = %q", got)
	}
}

// TestReadIntoReuseBuffer checks that with ReuseBuffer small payloads
// share one buffer, read whole each time, and that one past
// wire.ReuseMax gets its own, leaving the kept one alone.
func TestReadIntoReuseBuffer(t *testing.T) {
	big := bytes.Repeat([]byte("x"), wire.ReuseMax+1)
	var stream []byte
	for i, data := range [][]byte{[]byte("first"), []byte("second!"), big, []byte("4th")} {
		frame, err := (&Message{Type: wire.Result, Seq: uint16(i), SerializerID: IDSerpent, Data: data}).AppendFrame(nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		stream = append(stream, frame...)
	}
	r := bytes.NewReader(stream)
	m := Message{ReuseBuffer: true}
	var kept *byte
	for i, want := range []string{"first", "second!", string(big), "4th"} {
		if err := ReadInto(r, nil, &m); err != nil {
			t.Fatal(err)
		}
		if string(m.Data) != want || !m.ReuseBuffer || m.Seq != uint16(i) {
			t.Fatalf("message %d: data %.20q, seq %d, ReuseBuffer %v", i, m.Data, m.Seq, m.ReuseBuffer)
		}
		if i == 0 {
			kept = &m.buf[0]
		}
		if &m.buf[0] != kept || (&m.Data[0] == kept) != (i != 2) {
			t.Fatalf("message %d: kept buffer replaced, or used for a payload past ReuseMax", i)
		}
	}
}
