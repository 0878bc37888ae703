package history

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func FuzzLoad(f *testing.F) {
	f.Add([]byte("a\nb\n"), "c")
	f.Add([]byte("good\ntorn"), "good")
	f.Add([]byte("x\\ny\\\\z\n\\q\\\n"), "multi\nline\\")
	f.Add([]byte("frag\x00\nok\n"), "ok")
	f.Add([]byte(":hmac k\nhmac_key=1\n"), "plain\r\n")
	f.Add([]byte("\n\n \n"), "\x00")
	f.Add([]byte{}, ":hmac secret")
	f.Fuzz(func(t *testing.T, data []byte, entry string) {
		if rec, ok := decode(encode(nil, entry)); !ok || rec != entry {
			t.Fatalf("decode(encode(%q)) = %q, %v", entry, rec, ok)
		}
		loaded, err := load(bytes.NewReader(data), 4)
		if err != nil {
			t.Fatal(err)
		}
		if len(loaded) > 4 {
			t.Fatalf("load kept %d entries, max 4", len(loaded))
		}

		path := filepath.Join(t.TempDir(), "history")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		h, err := Open(path, Options{Max: 4})
		if err != nil {
			t.Fatal(err)
		}
		before := h.Entries()
		if err := h.Add(entry); err != nil {
			t.Fatal(err)
		}
		h.Close()
		h, err = Open(path, Options{Max: 4})
		if err != nil {
			t.Fatal(err)
		}
		after := h.Entries()
		h.Close()
		if strings.TrimSpace(entry) == "" || IsSecret(entry) {
			if len(after) != len(before) {
				t.Fatalf("blank or secret entry %q changed the file: %q -> %q", entry, before, after)
			}
			return
		}
		if len(after) == 0 || after[len(after)-1] != entry {
			t.Fatalf("after Add(%q) reload gave %q", entry, after)
		}
	})
}
