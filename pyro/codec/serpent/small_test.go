package serpent

import (
	"reflect"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// smallSeeds are payloads decodeSmall reads and near misses it must leave
// to the parser.
var smallSeeds = []string{
	"1", "-7", "0", "-0", "007", "123456789012345678", "1234567890123456789", "1.5", "-0.0", "1e22", "1E-7",
	"1.7976931348623157e+308", "1e400", "1.", "1.e5", "1j", "1_0", "0x1f", "1+2j",
	"None", "True", "False", "Nonex", "none", "''", "'abc'", `'a"b'`, "'''x'''", "'a''b'", "'a\\n'", "'\x7f'", "'é'", "'a",
	"()", "(1,)", "(1)", "(1,2)", "(1,2,)", "[]", "[1]", "[1,]", "[1,'a',None,2.5,True]", "(1,(2,))", "[1 ,2]",
	"(1,2", "((1,)", "[,]", "(,)", "{}", "{'a':1}", "(1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16)",
	"(1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17)", "1 ", " 1", "1\n", "'a' 'b'",
}

// FuzzSmallMatchesParser checks that whatever decodeSmall reads, the parser
// reads to the same value, type for type, charging the budget the same;
// and that decodeSmall reads nothing the parser refuses, over budget
// included.
func FuzzSmallMatchesParser(f *testing.F) {
	for _, s := range smallSeeds {
		f.Add([]byte(Header+s), uint16(0))
		f.Add([]byte(Header+s), uint16(20))
	}
	f.Fuzz(func(t *testing.T, data []byte, limit uint16) {
		var bs, bp *codec.Budget
		if limit > 0 {
			bs, bp = codec.NewBudget(int64(limit)), codec.NewBudget(int64(limit))
		}
		v, ok := decodeSmall(data, bs)
		want, err := decodeParsed(data, bp)
		if !ok {
			if bs != nil && bs.Used() != 0 {
				t.Fatalf("%q: decodeSmall declined but charged %d", data, bs.Used())
			}
			return
		}
		if err != nil {
			t.Fatalf("%q: decodeSmall gave %#v, the parser %v", data, v, err)
		}
		if !reflect.DeepEqual(v, want) || py.Repr(v) != py.Repr(want) {
			t.Fatalf("%q: decodeSmall gave %#v, the parser %#v", data, v, want)
		}
		if bs != nil && bs.Used() != bp.Used() {
			t.Fatalf("%q: decodeSmall charged %d, the parser %d", data, bs.Used(), bp.Used())
		}
	})
}

// TestSmallTakesTheCommonReplies checks that the replies decodeSmall is
// for are read by it, not handed to the parser.
func TestSmallTakesTheCommonReplies(t *testing.T) {
	for _, s := range []string{"1", "(1,)", "None", "'hello'", "[1,2.5,'a',None,True]", "()", "-3.25"} {
		if _, ok := decodeSmall([]byte(Header+s), nil); !ok {
			t.Errorf("%s: left to the parser", s)
		}
	}
}
