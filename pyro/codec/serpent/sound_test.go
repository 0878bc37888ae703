package serpent

import (
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// soundCases are payloads as serpent writes them, each of which Sound
// passes (TestSoundPassesWhatDecodes; FuzzSound's seeds).
var soundCases = []string{
	Header + "[1,-2,3.5,-0.25e-7,1e+300,'a',\"it's\",True,False,None,(),[],{}]",
	Header + "({'id':1,'name':'x','tags':('a','b'),'d':{2:-3,'k':[None]}},)",
	Header + "['a\\\\b\\'c\\\"d\\n\\r\\t\\a\\b\\f\\v','\\x00\\xe9\\u20ac\\U0001f600\\ud800','é€😀']",
	Header + "{'data':'AP9hYg==','encoding':'base64'}",
	Header + "[\n  {\n    'a': 1,\n  },\n  123456789012345678,\n]\n",
	"(1,)",
	"'\\u0041'",
}

// TestSoundPassesWhatDecodes: Sound passes what serpent writes (every
// kind of value it models, the escapes repr() writes, indented output)
// and refuses payloads cut short, over budget, corrupt, or holding what it
// leaves to the decoder.
func TestSoundPassesWhatDecodes(t *testing.T) {
	var c Codec
	for _, s := range soundCases {
		data := []byte(s)
		if _, err := codec.Decode(c, data, nil); err != nil {
			t.Fatalf("%.60q: %v", s, err)
		}
		if !c.Sound(data, codec.NewBudget(1<<20)) {
			t.Errorf("Sound refuses %.60q", s)
		}
		if strings.HasPrefix(s, Header) && c.Sound(data, codec.NewBudget(16)) {
			t.Errorf("Sound passes %.60q over a budget of 16 bytes", s)
		}
		trimmed := strings.TrimRight(s, "\n")
		for _, cut := range []int{1, 2, len(trimmed) / 2} {
			if cut < len(trimmed) && c.Sound(data[:len(trimmed)-cut], codec.NewBudget(1<<20)) {
				t.Errorf("Sound passes %.60q cut short by %d bytes", s, cut)
			}
		}
	}
	for _, s := range []string{
		"[1e30000]",             // inf: the grammar's
		"[1e308, 99e307]",       // might overflow
		"[1234567890123456789]", // a big int
		"(1)", "['a' 'b']", "[1.5j]", "[1+2j]", "[007]", "[1.]", "[.5]", "[-]",
		"{1.5: 2}", "{(1,): 2}", "{1, 2}", "[b'x']", "[r'x']", "['''x''']",
		"['\\N{DASH}']", "['\\0']", "['\\x4']", "['\\U00110000']", "['a\nb']",
		"[1, # c\n 2]", "[1] x", "[1]]", "[1,,2]", "[None1]", "[Nonex]", "[set()]",
		"['a\x00']", "['\xff']", "#\x00\n[1]", "",
		strings.Repeat("[", codec.MaxDepth+1) + strings.Repeat("]", codec.MaxDepth+1),
	} {
		data := []byte(Header + s)
		if c.Sound(data, codec.NewBudget(1<<20)) {
			t.Errorf("Sound passes %.60q", s)
		}
	}
	deep := strings.Repeat("[", codec.MaxDepth) + strings.Repeat("]", codec.MaxDepth)
	if !c.Sound([]byte(deep), codec.NewBudget(1<<20)) {
		t.Errorf("Sound refuses %d nested lists", codec.MaxDepth)
	}
}

// TestSoundChargesAsDecode: Sound's verdict flips at the same budget as
// Decode's, one byte apart, for a payload of every kind of charge (strs
// with and without escapes, list, tuple and dict slots).
func TestSoundChargesAsDecode(t *testing.T) {
	var c Codec
	data := []byte(Header + "[('ab','\\u20ac\\n',1),{'k':[2.5,None]},'é']")
	var used int64
	for limit := int64(1); limit < 1000; limit++ {
		_, err := codec.Decode(c, data, codec.NewBudget(limit))
		if err == nil {
			used = limit
			break
		}
	}
	if used == 0 {
		t.Fatal("Decode refuses every budget")
	}
	if !c.Sound(data, codec.NewBudget(used)) || c.Sound(data, codec.NewBudget(used-1)) {
		t.Errorf("Sound's verdict does not flip at %d bytes, where Decode's does", used)
	}
}

// TestSoundAllocatesNothing: the scan of a large list builds nothing.
func TestSoundAllocatesNothing(t *testing.T) {
	var c Codec
	v := make(py.List, 1000)
	for i := range v {
		d := py.NewDict(2)
		d.Set(py.Str("id"), py.Int(i))
		d.Set(py.Str("name"), py.Str("it's\n"))
		v[i] = d
	}
	data, err := c.Encode(nil, v)
	if err != nil {
		t.Fatal(err)
	}
	b := codec.NewBudget(1 << 30)
	if n := testing.AllocsPerRun(10, func() { c.Sound(data, b) }); n != 0 {
		t.Errorf("Sound allocates %v times", n)
	}
	if !c.Sound(data, codec.NewBudget(1<<30)) {
		t.Error("Sound refuses Encode's list")
	}
}
