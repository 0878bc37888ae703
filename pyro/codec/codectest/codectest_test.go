package codectest

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"math"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// frame builds a Pyro4 message around payload with the given flags.
func frame(flags uint16, ann, payload []byte) []byte {
	h := make([]byte, 24)
	copy(h, "PYRO")
	binary.BigEndian.PutUint16(h[4:], 48)
	binary.BigEndian.PutUint16(h[6:], 5)
	binary.BigEndian.PutUint16(h[8:], flags)
	binary.BigEndian.PutUint32(h[12:], uint32(len(payload)))
	binary.BigEndian.PutUint16(h[16:], codec.IDJSON)
	binary.BigEndian.PutUint16(h[18:], uint16(len(ann)))
	return append(append(h, ann...), payload...)
}

func TestParseFrame(t *testing.T) {
	c, err := parseFrame(frame(0, []byte("CORR\x00\x02ab"), []byte(`[1]`)))
	if err != nil || c.Type != 5 || c.SerializerID != codec.IDJSON || string(c.Payload) != "[1]" {
		t.Errorf("parseFrame = %+v, %v", c, err)
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	_, _ = zw.Write([]byte(`"inflated"`))
	_ = zw.Close()
	if c, err := parseFrame(frame(0x02, nil, z.Bytes())); err != nil || string(c.Payload) != `"inflated"` {
		t.Errorf("compressed frame: %q, %v", c.Payload, err)
	}
	for _, bad := range [][]byte{nil, []byte("PYRO"), frame(0, nil, []byte("x"))[:24], append([]byte("XYRO"), frame(0, nil, nil)[4:]...), frame(0x02, nil, []byte("not zlib"))} {
		if _, err := parseFrame(bad); err == nil {
			t.Errorf("parseFrame(% x) accepted", bad)
		}
	}
}

func TestCapturesFindEachSerializer(t *testing.T) {
	for _, name := range []string{"serpent", "json", "marshal", "msgpack", "pickle"} {
		caps := Captures(t, name)
		if len(caps) < 100 {
			t.Errorf("%s: %d captured messages", name, len(caps))
		}
		for _, m := range caps {
			if !strings.HasPrefix(m.Name, name+"/") && !strings.HasPrefix(m.Name, "nameserver/"+name+"/") {
				t.Errorf("%s: message %s from another folder", name, m.Name)
			}
		}
		if call, values := Values(t, name); len(call) == 0 || len(values) < 20 {
			t.Errorf("%s: %d call bytes, %d values", name, len(call), len(values))
		}
	}
}

func TestHasNaN(t *testing.T) {
	nan := py.Float(math.NaN())
	for _, v := range []py.Value{nan, py.Complex(complex(0, math.NaN())), py.Tuple{py.Int(1), nan},
		py.List{py.List{nan}}, &py.Set{Items: []py.Value{nan}}, &py.FrozenSet{Items: []py.Value{nan}},
		py.DictOf(nan, py.Int(1)), py.DictOf(py.Int(1), nan)} {
		if !HasNaN(v) {
			t.Errorf("HasNaN(%s) = false", py.Repr(v))
		}
	}
	for _, v := range []py.Value{py.Float(math.Inf(1)), py.List{py.Str("nan")}, py.DictOf(py.Int(1), py.Float(0))} {
		if HasNaN(v) {
			t.Errorf("HasNaN(%s) = true", py.Repr(v))
		}
	}
}

func TestLiterals(t *testing.T) {
	if got := Unhex("00 ff10"); !bytes.Equal(got, []byte{0, 0xff, 0x10}) {
		t.Errorf("Unhex = % x", got)
	}
	if got := py.Repr(BigInt("-18446744073709551616")); got != "-18446744073709551616" {
		t.Errorf("BigInt = %s", got)
	}
	if !SameRepr("(1+-0j)", "(1-0j)") || SameRepr("(1+0j)", "(1-0j)") {
		t.Error("SameRepr does not tolerate exactly the +-0j difference")
	}
}
