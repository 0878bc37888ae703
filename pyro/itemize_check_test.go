package pyro_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/pyrosh/pyrosh/pyro"
	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// itemizedCodecs are the serializers whose list payloads pyro.Items
// reads element by element.
var itemizedCodecs = []string{"serpent", "json", "marshal", "msgpack", "pickle"}

// firstItem is what a caller printing Items element by element meets
// first: the error of DecodeItems or of the first Next, or nil when it
// has an element (or the end) to print, or the value was decoded whole.
func firstItem(c codec.Codec, data []byte) error {
	_, items, err := pyro.DecodeItems(c, data, 0)
	if err != nil || items == nil || items.IsDict() {
		return err
	}
	_, _, err = items.Next()
	return err
}

// TestItemsBrokenListFailsFirst: a list payload broken anywhere — cut
// short, or an element in the middle made unreadable — fails at the
// first Next, with the error Decode gives, before any element is handed
// out; a sound one is handed out whole after that first pass.
func TestItemsBrokenListFailsFirst(t *testing.T) {
	for _, name := range itemizedCodecs {
		c, err := pyro.Codec(name)
		if err != nil {
			t.Fatal(err)
		}
		l := make(py.List, 5000)
		for i := range l {
			l[i] = py.Str(fmt.Sprintf("element-%04d", i))
		}
		good, err := c.Encode(nil, l)
		if err != nil {
			t.Fatal(err)
		}
		i := bytes.Index(good, []byte("element-2500"))
		for _, bad := range [][]byte{
			good[:len(good)*2/3],
			append(append(bytes.Clone(good[:i-2]), 0xc1, 0xc1), good[i:]...),
		} {
			_, derr := codec.Decode(c, bad, nil)
			if derr == nil {
				t.Fatalf("%s: the broken payload decodes", name)
			}
			if err := firstItem(c, bad); err == nil || err.Error() != derr.Error() {
				t.Errorf("%s: first item error %v, want Decode's %v", name, err, derr)
			}
		}
		_, items, err := pyro.DecodeItems(c, good, 0)
		if err != nil || items == nil {
			t.Fatalf("%s: DecodeItems: items %v, error %v", name, items != nil, err)
		}
		n := 0
		for {
			v, ok, err := items.Next()
			if err != nil || !ok {
				if err != nil || n != len(l) {
					t.Errorf("%s: %d elements, error %v", name, n, err)
				}
				break
			}
			if !py.Equal(v, l[n]) {
				t.Fatalf("%s: element %d is %s", name, n, py.Repr(v))
			}
			n++
		}
	}
}

// FuzzItemsCheckFirst: any payload that fails to decode whole fails
// before the first element is handed out, in every serializer; one that
// decodes is handed out as Decode's list.
func FuzzItemsCheckFirst(f *testing.F) {
	for _, name := range itemizedCodecs {
		c, _ := pyro.Codec(name)
		for _, v := range []py.Value{
			py.List{py.Int(1), py.Str("two"), py.List{py.Float(3)}, py.NewDict(0)},
			py.List{}, py.Tuple{py.Int(1), py.None},
		} {
			if data, err := c.Encode(nil, v); err == nil {
				f.Add(name, data)
				f.Add(name, data[:len(data)-1])
			}
		}
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		c, err := pyro.Codec(name)
		if err != nil {
			return
		}
		whole, derr := codec.Decode(c, data, nil)
		_, items, err := pyro.DecodeItems(c, data, 0)
		if err == nil && items != nil && items.IsDict() {
			_, err = items.Whole()
		}
		if err != nil || items == nil || items.IsDict() {
			if (err == nil) != (derr == nil) {
				t.Fatalf("%s: DecodeItems error %v, Decode's %v", name, err, derr)
			}
			return
		}
		_, ok, err := items.Next()
		if derr != nil {
			if err == nil {
				t.Fatalf("%s: first Next gave an element (%v) of a payload Decode refuses: %v", name, ok, derr)
			}
			return
		}
		if err != nil {
			t.Fatalf("%s: first Next: %v; Decode gives %s", name, err, py.Repr(whole))
		}
	})
}

// BenchmarkItemsList300k reads a list of 300,000 small elements (ints,
// strs, floats) element by element: "unchecked" as the codec's Items
// alone, "sound" the codec's Sound scan alone, "checked" as pyro.Items
// does, first pass included
// (docs/performance.md).
func BenchmarkItemsList300k(b *testing.B) {
	l := make(py.List, 300_000)
	for i := range l {
		switch i % 3 {
		case 0:
			l[i] = py.Int(i)
		case 1:
			l[i] = py.Str(fmt.Sprintf("element-%06d", i))
		default:
			l[i] = py.Float(float64(i) / 7)
		}
	}
	for _, name := range []string{"serpent", "json", "marshal", "msgpack"} {
		c, _ := pyro.Codec(name)
		data, err := c.Encode(nil, l)
		if err != nil {
			b.Fatal(err)
		}
		drain := func(next func() (py.Value, bool, error)) {
			for {
				_, ok, err := next()
				if err != nil {
					b.Fatal(err)
				}
				if !ok {
					return
				}
			}
		}
		b.Run(name+"/unchecked", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for range b.N {
				_, it, err := c.(codec.Itemizer).DecodeItems(data, nil)
				if err != nil {
					b.Fatal(err)
				}
				drain(it.Next)
			}
		})
		b.Run(name+"/sound", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for range b.N {
				if !c.(codec.SoundChecker).Sound(data, codec.NewBudget(codec.DecodedLimit(len(data)))) {
					b.Fatal("Sound refuses the list")
				}
			}
		})
		b.Run(name+"/checked", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for range b.N {
				_, it, err := pyro.DecodeItems(c, data, 0)
				if err != nil {
					b.Fatal(err)
				}
				drain(it.Next)
			}
		})
	}
}
