package py

import (
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// TestStrTable checks that every str the table boxes is the text handed
// in, whatever its length (shared, copied into a text block, or on its
// own), after a collection and after the input changed; that equal short
// strs share one box; and that strs differing only past their eighth byte,
// or only in length, stay apart.
func TestStrTable(t *testing.T) {
	var tab StrTable
	var texts []string
	for n := range 40 {
		texts = append(texts, strings.Repeat("x", n), strings.Repeat("ab", n/2)+"y")
	}
	texts = append(texts, strings.Repeat("z", 3000), "aaaaaaaa", "aaaaaaaaa", "aaaaaaaaaa",
		"abcdefgh-ijklmnop", "abcdefgh+ijklmnop", "é", "日本語のテキスト", "\x00", "\x00\x00")
	for i := range 2000 {
		texts = append(texts, "item"+strconv.Itoa(i))
	}
	var got []Value
	for _, s := range texts {
		b := []byte(s)
		got = append(got, tab.Str(b), tab.String(s), tab.Copy(s))
		clear(b) // the table must have copied it
	}
	runtime.GC()
	for i, s := range texts {
		for j, v := range got[3*i : 3*i+3] {
			if reflect.TypeOf(v) != reflect.TypeOf(Str("")) || v != Str(s) {
				t.Fatalf("str %d (%q), way %d: boxed %T %s", i, s, j, v, Repr(v))
			}
		}
	}
	if tab.Str([]byte("name")) != tab.Str([]byte("name")) {
		t.Fatal("equal short strs got different boxes")
	}
}

// TestStrTableKeepsHotEntries checks that distinct strs colliding with a
// repeating one in the cache do not evict it: the keys every record
// shares keep their one box through 100,000 distinct names.
func TestStrTableKeepsHotEntries(t *testing.T) {
	var tab StrTable
	keys := []string{"id", "name", "score", "tags"}
	boxes := make(map[string]Value)
	for _, k := range keys {
		boxes[k] = tab.Str([]byte(k))
	}
	for i := range 100_000 {
		for _, k := range keys {
			v := tab.Str([]byte(k))
			if i > 0 && !sameBox(v, boxes[k]) {
				t.Fatalf("record %d: key %q boxed anew", i, k)
			}
			boxes[k] = v
		}
		tab.Str([]byte("item" + strconv.Itoa(i)))
	}
}

// sameBox reports whether a and b are the same boxed copy.
func sameBox(a, b Value) bool {
	return (*iface)(unsafe.Pointer(&a)).data == (*iface)(unsafe.Pointer(&b)).data
}

// TestStrTableChecks checks StrUTF8 and StrASCII: valid text boxes as
// Str would box it, invalid text boxes nothing.
func TestStrTableChecks(t *testing.T) {
	var tab StrTable
	for _, c := range []struct {
		text        string
		utf8, ascii bool
	}{
		{"", true, true},
		{"plain", true, true},
		{"longer than sixteen bytes of ascii", true, true},
		{"café", true, false},
		{"a longer text with an é past byte 16", true, false},
		{"bad \xff", false, false},
		{"a longer text with a bad byte \xc3 past 16", false, false},
		{"\x80", false, false},
	} {
		v, ok := tab.StrUTF8([]byte(c.text))
		if ok != c.utf8 || ok && v != Str(c.text) || !ok && v != nil {
			t.Errorf("StrUTF8(%q) = %v, %v; want ok %v", c.text, v, ok, c.utf8)
		}
		v, ok = tab.StrASCII([]byte(c.text))
		if ok != c.ascii || ok && v != Str(c.text) || !ok && v != nil {
			t.Errorf("StrASCII(%q) = %v, %v; want ok %v", c.text, v, ok, c.ascii)
		}
	}
}

// TestStrTableAllocates checks that the table allocates a block now and
// then, not once per str.
func TestStrTableAllocates(t *testing.T) {
	var tab StrTable
	names := make([][]byte, 10_000)
	for i := range names {
		names[i] = []byte("item" + strconv.Itoa(i))
	}
	allocs := testing.AllocsPerRun(1, func() {
		for _, b := range names {
			_ = tab.Str(b)
			_ = tab.Str([]byte("name"))
		}
	})
	// 10,000 names of 5 to 8 bytes in 4 KiB text blocks, and their
	// boxes 32 to a 512-byte block: about 330.
	if allocs > 400 {
		t.Fatalf("20,000 strs took %v allocations", allocs)
	}
}
