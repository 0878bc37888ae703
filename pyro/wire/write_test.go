package wire

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"io"
	"strings"
	"testing"
)

// countingWriter records each Write call.
type countingWriter struct{ calls [][]byte }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.calls = append(w.calls, bytes.Clone(p))
	return len(p), nil
}

func TestWriteIsOneCall(t *testing.T) {
	m := &Message{Type: Invoke, Seq: 1, SerializerID: 1,
		Annotations: []Annotation{{"CORR", make([]byte, 16)}}, Data: []byte("x")}
	var w countingWriter
	if err := Write(&w, m, &Options{HMACKey: []byte("k")}); err != nil {
		t.Fatal(err)
	}
	if len(w.calls) != 1 {
		t.Fatalf("Write made %d calls, want 1", len(w.calls))
	}
	frame := w.calls[0]
	if got := binary.BigEndian.Uint16(frame[18:]); got != 6+16+6+20 {
		t.Fatalf("ann_len %d, want 48 (both chunks with their headers)", got)
	}
	if string(frame[HeaderSize+22:HeaderSize+26]) != "HMAC" {
		t.Fatalf("HMAC chunk is not last: %q", frame[HeaderSize:HeaderSize+48])
	}
}

func TestWriteCompression(t *testing.T) {
	compressible := func(n int) []byte { return bytes.Repeat([]byte("y"), n) }
	random := make([]byte, 1000)
	rand.Read(random)
	tests := []struct {
		name  string
		typ   MsgType
		flags Flags
		data  []byte
		opt   bool
		want  bool
	}{
		{"off", Invoke, 0, compressible(1000), false, false},
		{"199 bytes", Invoke, 0, compressible(199), true, false},
		{"200 bytes", Invoke, 0, compressible(200), true, true},
		{"incompressible", Result, 0, random, true, false},
		{"ping never", Ping, 0, compressible(1000), true, false},
		{"stale flag is ignored", Result, FlagCompressed, compressible(10), true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := &Message{Type: tt.typ, Flags: tt.flags, SerializerID: 1, Data: tt.data}
			o := &Options{Compress: tt.opt}
			frame := mustFrame(t, m, o)
			flags := Flags(binary.BigEndian.Uint16(frame[8:]))
			size := int(binary.BigEndian.Uint32(frame[12:]))
			if got := flags&FlagCompressed != 0; got != tt.want {
				t.Fatalf("compressed = %v, want %v", got, tt.want)
			}
			if tt.want != (size < len(tt.data)) {
				t.Fatalf("data_len %d for a %d-byte payload", size, len(tt.data))
			}
			got, err := Read(bytes.NewReader(frame), o)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Data, tt.data) || got.Flags != 0 {
				t.Fatalf("read back flags %v and %d bytes", got.Flags, len(got.Data))
			}
		})
	}
}

func TestWriteSignsCompressedBytes(t *testing.T) {
	// Pyro4 signs the payload as sent, so a reader checking the HMAC
	// before decompressing must accept it.
	m := &Message{Type: Result, Seq: 9, SerializerID: 1, Data: bytes.Repeat([]byte("z"), 500)}
	o := &Options{HMACKey: []byte("secret"), Compress: true}
	frame := mustFrame(t, m, o)
	payload := frame[HeaderSize+26:]
	if want := signature(o.HMACKey, payload, nil); !bytes.Equal(frame[HeaderSize+6:HeaderSize+26], want) {
		t.Fatal("HMAC is not over the compressed payload")
	}
}

func TestWriteRejects(t *testing.T) {
	tests := []struct {
		name   string
		m      Message
		o      *Options
		substr string
	}{
		{"short key", Message{Annotations: []Annotation{{"ABC", nil}}}, nil, `annotation key "ABC" is not 4 bytes`},
		{"non-ascii key", Message{Annotations: []Annotation{{"AB\xffC"[:4], nil}}}, nil, "not ascii"},
		{"hmac annotation", Message{Annotations: []Annotation{{"HMAC", nil}}}, nil, "reserved"},
		{"long value", Message{Annotations: []Annotation{{"USER", make([]byte, 70000)}}}, nil, "exceeds 65535"},
		{"annotations too long", Message{Annotations: []Annotation{{"AAAA", make([]byte, 40000)}, {"BBBB", make([]byte, 40000)}}}, nil, "annotations of 80012 bytes"},
		{"over MaxSize", Message{Type: Invoke, Data: make([]byte, 95)}, &Options{MaxSize: 100, HMACKey: []byte("k")}, "INVOKE message of 121 bytes exceeds limit of 100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dst := []byte("keep")
			got, err := tt.m.AppendFrame(dst, tt.o)
			wantProtocolError(t, err, tt.substr)
			if string(got) != "keep" {
				t.Fatalf("dst changed to %q on error", got)
			}
		})
	}
	var w countingWriter
	err := Write(&w, &Message{Data: make([]byte, 101)}, &Options{MaxSize: 100})
	if !errors.Is(err, ErrTooLarge) || len(w.calls) != 0 {
		t.Fatalf("Write = %v after %d calls, want ErrTooLarge and nothing written", err, len(w.calls))
	}
}

func TestAppendFrameAppends(t *testing.T) {
	m := &Message{Type: Ping, SerializerID: 42, Data: []byte("ping")}
	one := mustFrame(t, m, nil)
	two, err := m.AppendFrame(bytes.Clone(one), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(two, append(bytes.Clone(one), one...)) {
		t.Fatal("second frame did not follow the first")
	}
	r := bytes.NewReader(two)
	for i := range 2 {
		got, err := Read(r, nil)
		if err != nil || string(got.Data) != "ping" {
			t.Fatalf("frame %d: %v %v", i, got, err)
		}
	}
	if _, err := Read(r, nil); err != io.EOF {
		t.Fatalf("after the frames: %v, want EOF", err)
	}
}

func TestStrings(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{Connect.String(), "CONNECT"},
		{ConnectFail.String(), "CONNECTFAIL"},
		{Ping.String(), "PING"},
		{MsgType(0).String(), "MsgType(0)"},
		{MsgType(9).String(), "MsgType(9)"},
		{Flags(0).String(), "0"},
		{(FlagException | FlagItemStreamResult).String(), "EXCEPTION|ITEMSTREAMRESULT"},
		{(FlagKeepSerialized | 0x8100).String(), "KEEPSERIALIZED|0x8100"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	if !strings.HasPrefix((&ProtocolError{Reason: "x"}).Error(), "pyro wire: x") {
		t.Error("ProtocolError text")
	}
}
