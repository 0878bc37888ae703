package completion

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// testSources is a small shell session: obj and child bound, two variables,
// a meta table, cached name server names and the serializers.
func testSources() *Sources {
	return &Sources{
		Objects: map[string]Object{
			"obj": {
				Methods: []string{"count", "echo", "echo_all", "fire", "make_child", "Echo"},
				Oneway:  []string{"fire"},
				Attrs:   []string{"counter", "name"},
			},
			"child": {Methods: []string{"hello"}},
		},
		Variables: []string{"_", "r", "result", "child"},
		Meta: []MetaCommand{
			{Name: "help", Summary: "list meta commands"},
			{Name: "connect", Args: "URI [as NAME]", Summary: "bind a remote object"},
			{Name: "meta", Args: "[NAME]", Summary: "show metadata"},
			{Name: "ping", Args: "[NAME]", Summary: "round trip"},
			{Name: "serializer", Args: "NAME", Summary: "choose the serializer"},
			{Name: "output", Args: "pretty|repr|json", Summary: "output format"},
			{Name: "time", Args: "on|off", Summary: "show call times"},
			{Name: "ns", Args: "[PREFIX]", Summary: "list name server entries"},
			{Name: "quit", Summary: "leave the shell"},
		},
		NSNames:     func() []string { return []string{"example.greeting", "example.echo", "Pyro.NameServer"} },
		Serializers: []string{"serpent", "json", "marshal", "msgpack", "pickle"},
	}
}

// texts returns the candidate texts, or nil.
func texts(cs []Candidate) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Text)
	}
	return out
}

func TestCompleteContexts(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		start int
		want  []string
	}{
		{"methods and attributes after a bound name", "obj.", 4,
			[]string{"Echo", "count", "counter", "echo", "echo_all", "fire", "make_child", "name"}},
		{"prefix of a member, then fuzzy", "obj.ec", 4, []string{"echo", "echo_all", "Echo", "make_child"}},
		{"case-sensitive prefix before case-insensitive", "obj.Ech", 4, []string{"Echo", "echo", "echo_all", "make_child"}},
		{"exact match still listed", "obj.echo", 4, []string{"echo", "echo_all", "Echo"}},
		{"fuzzy after prefix matches", "obj.co", 4, []string{"count", "counter", "Echo", "echo", "echo_all"}},
		{"subsequence", "obj.mkch", 4, []string{"make_child"}},
		{"swapped letters", "obj.ehc", 4, []string{"Echo", "echo", "echo_all"}},
		{"member inside call arguments", "x = obj.echo(obj.fi", 17, []string{"fire"}},
		{"member of another bound object inside arguments", "x = obj.echo(child.he", 19, []string{"hello"}},
		{"member after an assignment", "r = obj.fi", 8, []string{"fire"}},
		{"unknown object", "nope.", 5, nil},
		{"member of a member", "obj.name.", 9, nil},
		{"member of a call result", "obj.echo().", 11, nil},
		{"number then dot", "1.e", 2, nil},
		{"name at statement start", "ch", 0, []string{"child"}},
		{"one letter matches by prefix only", "r", 0, []string{"r", "result"}},
		{"names and keywords at statement start", "re", 0, []string{"result", "True", "frozenset"}},
		{"underscore variable", "_", 0, []string{"_"}},
		{"keyword in an argument", "obj.echo(N", 9, []string{"None"}},
		{"helper in an argument", "obj.echo(1, fl", 12, []string{"float", "False"}},
		{"keyword argument value", "obj.echo(key=Tr", 13, []string{"True"}},
		{"empty argument lists names", "obj.echo(", 9,
			[]string{"False", "None", "True", "_", "child", "float", "frozenset", "obj", "r", "result", "set"}},
		{"empty line offers nothing", "", 0, nil},
		{"blank line offers nothing", "   ", 3, nil},
		{"not after a value", "obj.echo(1) ec", 12, nil},
		{"not inside a number", "obj.echo(12", 11, nil},
		{"not inside a double-quoted string", `obj.echo("ob`, 12, nil},
		{"not inside a single-quoted string", `obj.echo('obj.`, 14, nil},
		{"not inside a triple-quoted string", `obj.echo("""a "b" obj.`, 22, nil},
		{"not inside a raw string", `obj.echo(r"\" ob`, 16, nil},
		{"after a closed string", `obj.echo("a", ob`, 14, []string{"obj"}},
		{"after a closed string with an escaped quote", `obj.echo("a\"", ob`, 16, []string{"obj"}},
		{"after a closed triple-quoted string", `obj.echo('''a''', r`, 18, []string{"r", "result"}},
		{"not inside a comment", "obj.echo(1) # obj.", 18, nil},
		{"unicode identifier prefix", "obj.échо", 4, nil},
		{"meta command names", ":", 1,
			[]string{"connect", "help", "meta", "ns", "output", "ping", "quit", "serializer", "time"}},
		{"meta command prefix", ":se", 1, []string{"serializer"}},
		{"meta command after blanks", "  :pi", 3, []string{"ping"}},
		{"meta command fuzzy", ":sri", 1, []string{"serializer"}},
		{"serializer names", ":serializer ", 12, []string{"json", "marshal", "msgpack", "pickle", "serpent"}},
		{"serializer prefix", ":serializer m", 12, []string{"marshal", "msgpack"}},
		{"serializer takes one argument", ":serializer json ", 17, nil},
		{"output formats", ":output ", 8, []string{"json", "pretty", "repr"}},
		{"output prefix", ":output p", 8, []string{"pretty"}},
		{"time values", ":time o", 6, []string{"off", "on"}},
		{"meta takes bound names", ":meta ", 6, []string{"child", "obj"}},
		{"disconnect takes bound names", ":disconnect ", 12, []string{"child", "obj"}},
		{"reconnect takes bound names", ":reconnect o", 11, []string{"obj"}},
		{"traceback values", ":traceback ", 11, []string{"full", "short"}},
		{"protocol values", ":protocol ", 10, []string{"4", "5", "auto"}},
		{"meta command name in any case", ":SERIALIZER p", 12, []string{"pickle"}},
		{"ping takes bound names", ":ping o", 6, []string{"obj"}},
		{"help takes meta commands", ":help co", 6, []string{"connect"}},
		{"ns takes name server names", ":ns ex", 4, []string{"example.echo", "example.greeting"}},
		{"name server names after PYRONAME:", ":connect PYRONAME:ex", 18, []string{"example.echo", "example.greeting"}},
		{"all name server names after PYRONAME:", ":connect PYRONAME:", 18,
			[]string{"Pyro.NameServer", "example.echo", "example.greeting"}},
		{"scheme case ignored", ":connect pyroname:Pyro", 18, []string{"Pyro.NameServer"}},
		{"no names after a name server host", ":connect PYRONAME:x@", 20, nil},
		{"no names in a PYRO URI", ":connect PYRO:obj", 17, nil},
		{"schemes and bare names", ":connect PY", 9, []string{"PYRO:", "PYROMETA:", "PYRONAME:", "Pyro.NameServer"}},
		{"as after the URI", ":connect PYRONAME:x a", 20, []string{"as"}},
		{"nothing for the new name", ":connect PYRONAME:x as o", 23, nil},
		{"unknown meta command", ":frob ", 6, nil},
		{"meta line is not a statement", ":ob", 1, nil},
	}
	src := testSources()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Complete(tt.text, len(tt.text), src)
			if got.Start != tt.start {
				t.Errorf("Complete(%q).Start = %d, want %d", tt.text, got.Start, tt.start)
			}
			if diff := cmp.Diff(tt.want, texts(got.Candidates)); diff != "" {
				t.Errorf("Complete(%q) texts (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestCompleteKindsAndDescriptions(t *testing.T) {
	src := testSources()
	tests := []struct {
		name string
		text string
		want []Candidate
	}{
		{"oneway listed once, as oneway", "obj.fi", []Candidate{{"fire", Oneway, "oneway method"}}},
		{"method and attribute", "obj.coun", []Candidate{
			{"count", Method, "method"}, {"counter", Attribute, "attribute"}}},
		{"bound proxy wins over the variable of the same name", "chil", []Candidate{{"child", Proxy, "proxy"}}},
		{"variable", "resu", []Candidate{{"result", Variable, "variable"}}},
		{"constant", "Non", []Candidate{{"None", Keyword, "constant"}}},
		{"meta command with its synopsis", ":conn", []Candidate{
			{"connect", Meta, "URI [as NAME] - bind a remote object"}}},
		{"meta command without arguments", ":qu", []Candidate{{"quit", Meta, "leave the shell"}}},
		{"serializer", ":serializer serp", []Candidate{{"serpent", Serializer, "serializer"}}},
		{"value", ":time of", []Candidate{{"off", Value, "value"}}},
		{"name server name", ":connect PYRONAME:Pyro.", []Candidate{{"Pyro.NameServer", NSName, "name server name"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Complete(tt.text, len(tt.text), src).Candidates
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Complete(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{
		Method: "method", Oneway: "oneway method", Attribute: "attribute", Variable: "variable",
		Proxy: "proxy", Meta: "meta command", Keyword: "keyword", NSName: "name server name",
		Serializer: "serializer", Value: "value", Kind(-1): "unknown", Value + 1: "unknown",
	} {
		if got := k.String(); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", int(k), got, want)
		}
	}
}

func TestCompleteCursor(t *testing.T) {
	src := testSources()
	tests := []struct {
		name   string
		text   string
		cursor int
		start  int
		want   []string
	}{
		{"only the text before the cursor counts", "obj.echo(1)", 6, 4, []string{"echo", "echo_all", "Echo", "make_child"}},
		{"cursor mid-word in arguments", "x = obj.echo(obj.fi, 2)", 19, 17, []string{"fire"}},
		{"cursor before a closing quote", `obj.echo("ob")`, 12, 12, nil},
		{"cursor past the end is clamped", "obj.fi", 99, 4, []string{"fire"}},
		{"negative cursor is clamped", "obj.fi", -5, 0, nil},
		{"cursor at zero", "obj.fi", 0, 0, nil},
		{"cursor inside a rune moves to its start", "é = obj.fi", 1, 0, nil},
		{"cursor after a multi-byte rune", "r = \"é\"; obj.f", 15, 14, []string{"fire"}},
		{"meta name mid-line", ":serializer json", 4, 1, []string{"serializer"}},
		{"meta argument mid-line", ":output pretty", 9, 8, []string{"pretty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Complete(tt.text, tt.cursor, src)
			if got.Start != tt.start {
				t.Errorf("Complete(%q, %d).Start = %d, want %d", tt.text, tt.cursor, got.Start, tt.start)
			}
			if diff := cmp.Diff(tt.want, texts(got.Candidates)); diff != "" {
				t.Errorf("Complete(%q, %d) texts (-want +got):\n%s", tt.text, tt.cursor, diff)
			}
		})
	}
}

func TestCompleteUnicodeNames(t *testing.T) {
	src := &Sources{
		Objects:   map[string]Object{"объект": {Methods: []string{"привет", "Приём", "größe"}}},
		Variables: []string{"ñame"},
	}
	tests := []struct {
		text  string
		start int
		want  []string
	}{
		{"объект.пр", len("объект."), []string{"привет", "Приём"}},
		{"объект.ПР", len("объект."), []string{"Приём", "привет"}},
		{"объект.GR", len("объект."), []string{"größe"}},
		{"объект.grß", len("объект."), []string{"größe"}},
		{"об", 0, []string{"объект"}},
		{"x = ñ", 4, []string{"ñame"}},
	}
	for _, tt := range tests {
		got := Complete(tt.text, len(tt.text), src)
		if got.Start != tt.start {
			t.Errorf("Complete(%q).Start = %d, want %d", tt.text, got.Start, tt.start)
		}
		if diff := cmp.Diff(tt.want, texts(got.Candidates)); diff != "" {
			t.Errorf("Complete(%q) texts (-want +got):\n%s", tt.text, diff)
		}
	}
}

func TestCompleteNilSources(t *testing.T) {
	for _, text := range []string{"obj.", "x", ":", ":connect PYRONAME:", ":ns ", ":serializer "} {
		if got := Complete(text, len(text), nil); got.Candidates != nil || got.Start > len(text) {
			t.Errorf("Complete(%q, nil) = %+v, want no candidates", text, got)
		}
	}
}

func TestCompleteDoesNotKeepOrChangeSources(t *testing.T) {
	src := testSources()
	before := append([]string(nil), src.Objects["obj"].Methods...)
	Complete("obj.", 4, src)
	Complete("obj.ec", 6, src)
	if diff := cmp.Diff(before, src.Objects["obj"].Methods); diff != "" {
		t.Errorf("Complete changed the methods (-before +after):\n%s", diff)
	}
}

func TestMaxKeepsTheBestCandidates(t *testing.T) {
	src := &Sources{Objects: map[string]Object{"obj": {Methods: []string{"echo", "echo_all", "echo_one", "hello"}}}, Max: 2}
	got := Complete("obj.ec", 6, src).Candidates
	if len(got) != 2 || got[0].Text != "echo" || got[1].Text != "echo_all" {
		t.Fatalf("Max 2: %+v", got)
	}
	src.Max = 0
	if got := Complete("obj.", 4, src).Candidates; len(got) != 4 {
		t.Fatalf("Max 0 must return all: %+v", got)
	}
}

func TestNameServerEntriesDescribedByMetadata(t *testing.T) {
	src := testSources()
	src.NSMetadata = func(name string) string {
		if name == "example.echo" {
			return "metadata: class:echo"
		}
		return ""
	}
	res := Complete(":connect PYRONAME:example.", len(":connect PYRONAME:example."), src)
	got := map[string]string{}
	for _, c := range res.Candidates {
		got[c.Text] = c.Description
	}
	if got["example.echo"] != "metadata: class:echo" || got["example.greeting"] != NSName.String() {
		t.Errorf("descriptions = %q", got)
	}
}
