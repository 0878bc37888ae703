package printer

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// A hostile daemon's traceback of megabytes (issue 13) costs -o json what it
// costs the text form: its head and tail lines around one saying what was
// left out, each line and the message clipped as Escape clips them.
func TestErrorJSONClipsHugeTraceback(t *testing.T) {
	line := "  File \"x.py\", line 1, in f " + strings.Repeat("B", 70) + "\n"
	tb := []string{"Traceback (most recent call last):\n"}
	for range 100000 {
		tb = append(tb, line)
	}
	tb = append(tb, strings.Repeat("L", 1<<20)+"\n", "ValueError: "+strings.Repeat("M", 1<<20)+"\n")
	msg := "ValueError: " + strings.Repeat("M", 1<<20)
	exc := &py.Exception{Class: "builtins.ValueError", Args: py.Tuple{py.Str("m")}, Traceback: tb}
	var out bytes.Buffer
	if err := ErrorJSON(&out, "remote", msg, exc, 1); err != nil {
		t.Fatal(err)
	}
	if out.Len() > maxTraceback+2*MaxRemoteText+4096 {
		t.Errorf("ErrorJSON wrote %d bytes for a %d-byte traceback", out.Len(), 100000*len(line)+(2<<20))
	}
	var got struct {
		Error struct {
			Message   string   `json:"message"`
			Traceback []string `json:"traceback"`
		} `json:"error"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	e := got.Error
	if !strings.HasPrefix(e.Message, "ValueError: MMM") || !strings.HasSuffix(e.Message, "MMM") || !strings.Contains(e.Message, " bytes left out)…") {
		t.Errorf("message not clipped to head and tail: %d bytes", len(e.Message))
	}
	n := len(e.Traceback)
	if n < 3 || e.Traceback[0] != "Traceback (most recent call last):" || !strings.HasPrefix(e.Traceback[n-1], "ValueError: MMM") {
		t.Fatalf("traceback lost its head or tail: %d lines", n)
	}
	gap := 0
	for _, l := range e.Traceback {
		if strings.Contains(l, "lines") && strings.Contains(l, "bytes of traceback left out") {
			gap++
		}
		if len(l) > MaxRemoteText+100 {
			t.Errorf("a traceback line of %d bytes kept whole", len(l))
		}
	}
	if gap != 1 {
		t.Errorf("%d lines say what was left out, want 1", gap)
	}
}

// <, > and & are written as they are in an error object, message and
// exception args alike, as in a result under -o json and in Python's
// json.dumps: `<stdin>:2: interrupted`, not `\u003cstdin\u003e`.
func TestErrorJSONKeepsAngleBrackets(t *testing.T) {
	exc := &py.Exception{Class: "builtins.ValueError", Args: py.Tuple{py.Str("<tag> & more")}}
	var out bytes.Buffer
	if err := ErrorJSON(&out, "remote", "<stdin>:2: ValueError: <tag> & more", exc, 1); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	if strings.Contains(s, `\u00`) || !strings.Contains(s, `"<stdin>:2: ValueError: <tag> & more"`) || !strings.Contains(s, `["<tag> & more"]`) {
		t.Errorf("ErrorJSON wrote %s", s)
	}
}
