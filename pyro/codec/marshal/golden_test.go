package marshal

import (
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// TestDecodeCapturesMatchPython decodes every marshal payload Pyro4 sent in
// the golden captures (CPython writes references, which we must follow),
// compares the repr with what Python's marshal.loads gave, and checks that
// our encoding of the value decodes back to the same repr. CPython's bytes
// carry reference flags we do not write, so bytes are not compared.
func TestDecodeCapturesMatchPython(t *testing.T) {
	caps := codectest.Captures(t, "marshal")
	var c Codec
	compared, calls := 0, 0
	for _, m := range caps {
		v, err := c.Decode(m.Payload)
		if err != nil {
			t.Errorf("%s: decode % x: %v", m.Name, m.Payload, err)
			continue
		}
		if m.RawRepr != "" {
			compared++
			if got := py.Repr(v); !sameRepr(got, m.RawRepr) {
				t.Errorf("%s: repr\n got %s\nwant %s", m.Name, got, m.RawRepr)
			}
		}
		enc, err := c.Encode(nil, v)
		if err != nil {
			t.Errorf("%s: re-encode: %v", m.Name, err)
			continue
		}
		w, err := c.Decode(enc)
		if err != nil || py.Repr(w) != py.Repr(v) {
			t.Errorf("%s: re-encoded value decodes to %s (%v)", m.Name, py.Repr(w), err)
		}
		if m.Type != 4 {
			continue
		}
		call, err := c.DecodeCall(m.Payload)
		if err != nil {
			t.Errorf("%s: decode call: %v", m.Name, err)
			continue
		}
		if call.Kwargs == nil {
			continue // batch: Pyro4 sends None, we send {}
		}
		enc, err = c.EncodeCall(nil, call)
		if err != nil {
			t.Errorf("%s: EncodeCall: %v", m.Name, err)
			continue
		}
		if w, err := c.Decode(enc); err != nil || py.Repr(w) != py.Repr(v) {
			t.Errorf("%s: EncodeCall decodes to %s (%v), want %s", m.Name, py.Repr(w), err, py.Repr(v))
		}
		calls++
	}
	if compared < 100 || calls < 50 {
		t.Errorf("only %d reprs and %d calls compared", compared, calls)
	}
	t.Logf("%d payloads, %d reprs compared, %d calls rebuilt", len(caps), compared, calls)
}

// TestValueVectors decodes each standalone value Pyro4's marshal serializer
// dumped, and checks values without references encode to CPython's bytes
// once its reference flags are cleared.
func TestValueVectors(t *testing.T) {
	callBytes, values := codectest.Values(t, "marshal")
	var c Codec
	call, err := c.DecodeCall(callBytes)
	if err != nil || call.Object != "Example" || call.Method != "echo" || py.Repr(py.List(call.Args)) != "[1, 'a']" || py.Repr(call.Kwargs) != "{'k': 2}" {
		t.Errorf("DecodeCall = %+v, %v", call, err)
	}
	exact := 0
	for _, vv := range values {
		if vv.Payload == nil {
			continue
		}
		data := vv.Payload
		v, err := c.Decode(data)
		if err != nil {
			t.Errorf("%s: %v", vv.Name, err)
			continue
		}
		if got := py.Repr(v); !sameRepr(got, vv.RawRepr) {
			t.Errorf("%s: repr %s, want %s", vv.Name, got, vv.RawRepr)
		}
		enc, err := c.Encode(nil, v)
		if err != nil {
			t.Errorf("%s: encode: %v", vv.Name, err)
			continue
		}
		if plain, ok := withoutRefFlags(data); ok {
			if string(enc) != string(plain) {
				t.Errorf("%s: encode = % x, want % x", vv.Name, enc, plain)
			}
			exact++
		}
	}
	if exact < 30 {
		t.Errorf("only %d values compared byte for byte", exact)
	}
}

// withoutRefFlags clears FLAG_REF on every type byte of a marshal stream
// that uses no back-references, and maps interned codes to plain ones; it
// reports false for streams it cannot rewrite that way.
func withoutRefFlags(data []byte) ([]byte, bool) {
	out := append([]byte{}, data...)
	d := newDecoder(out, nil)
	var walk func() bool
	walk = func() bool {
		if d.pos >= len(out) {
			return false
		}
		at := d.pos
		out[at] &^= flagRef
		switch out[at] {
		case typeRef:
			return false
		case typeShortASCIIInterned:
			out[at] = typeShortASCII
		case typeASCIIInterned:
			out[at] = typeASCII
		case typeInterned:
			out[at] = typeUnicode
		case typeDict:
			d.pos++
			for d.pos < len(out) && out[d.pos] != typeNull {
				if !walk() { // key
					return false
				}
				if !walk() { // value
					return false
				}
			}
			d.pos++
			return true
		case typeTuple, typeSmallTuple, typeList, typeSet, typeFrozenSet:
			code := out[at]
			d.pos++
			var n int
			if code == typeSmallTuple {
				n = int(out[d.pos])
				d.pos++
			} else {
				n, _ = d.count(1)
			}
			for range n {
				if !walk() {
					return false
				}
			}
			return true
		}
		if _, err := d.object(); err != nil {
			return false
		}
		return true
	}
	if !walk() {
		return nil, false
	}
	return out, true
}
