package py

import (
	"math"
	"math/big"
	"testing"
)

func TestReprMatchesPython(t *testing.T) {
	big100, _ := new(big.Int).SetString("1267650600228229401496703205376", 10)
	cases := []struct {
		v    Value
		want string // what /usr/bin/python3 prints for repr()
	}{
		{None, "None"},
		{Bool(true), "True"},
		{Int(-5), "-5"},
		{NewBigInt(big100), "1267650600228229401496703205376"},
		{Float(1), "1.0"},
		{Float(0.1), "0.1"},
		{Float(1e16), "1e+16"},
		{Float(1e15), "1000000000000000.0"},
		{Float(123456789012345678), "1.2345678901234568e+17"},
		{Float(1e22), "1e+22"},
		{Float(1e-7), "1e-07"},
		{Float(0.0001), "0.0001"},
		{Float(0.00001), "1e-05"},
		{Float(1.5e-300), "1.5e-300"},
		{Float(math.Copysign(0, -1)), "-0.0"},
		{Float(math.NaN()), "nan"},
		{Float(math.Inf(-1)), "-inf"},
		{Float(1.0 / 3), "0.3333333333333333"},
		{Complex(complex(1, 2)), "(1+2j)"},
		{Complex(complex(0, -1.5)), "-1.5j"},
		{Complex(complex(math.Copysign(0, -1), 1)), "(-0+1j)"},
		{Complex(complex(1.5, math.Inf(1))), "(1.5+infj)"},
		{Complex(complex(0, 0)), "0j"},
		{Complex(complex(1, math.Copysign(0, -1))), "(1-0j)"},
		{Str(""), "''"},
		{Str("it's"), `"it's"`},
		{Str(`a"b'c`), `'a"b\'c'`},
		{Str("line\nbreak\t\\"), `'line\nbreak\t\\'`},
		{Str("é€😀"), "'é€😀'"},
		{Str("\x00\x7f\u0085\u00a0\u200b\U000e0001"), `'\x00\x7f\x85\xa0\u200b\U000e0001'`},
		{Bytes("\x00\xffab'"), `b"\x00\xffab'"`},
		{Bytes(""), "b''"},
		{Tuple{}, "()"},
		{Tuple{Int(1)}, "(1,)"},
		{Tuple{Int(1), Str("a")}, "(1, 'a')"},
		{List{Int(1), List{Int(2)}}, "[1, [2]]"},
		{DictOf(Str("b"), Int(1), Tuple{Int(1), Int(2)}, Str("t")), "{'b': 1, (1, 2): 't'}"},
		{&Set{}, "set()"},
		{&Set{Items: []Value{Int(1)}}, "{1}"},
		{&FrozenSet{}, "frozenset()"},
		{&FrozenSet{Items: []Value{Str("x")}}, "frozenset({'x'})"},
		{&Exception{Class: "builtins.ValueError", Args: Tuple{Str("v"), Int(1)}}, "ValueError('v', 1)"},
		{&Exception{Class: "builtins.ValueError", Args: Tuple{Str("v")}}, "ValueError('v')"},
	}
	for _, c := range cases {
		if got := Repr(c.v); got != c.want {
			t.Errorf("Repr(%#v) = %s, want %s", c.v, got, c.want)
		}
	}
}

func TestDictKeysFollowPythonEquality(t *testing.T) {
	d := NewDict(0)
	_ = d.Set(Int(1), Str("int"))
	_ = d.Set(Float(1.0), Str("float"))
	_ = d.Set(Bool(true), Str("bool"))
	if d.Len() != 1 || Repr(d) != "{1: 'bool'}" {
		t.Fatalf("1, 1.0 and True must share one key: %s", Repr(d))
	}
	if err := d.Set(List{}, None); err == nil {
		t.Fatal("a list key must be refused as unhashable")
	}
	big := NewDict(0)
	for i := 0; i < 100; i++ {
		_ = big.Set(Int(i), Int(i*i))
	}
	_ = big.Set(Float(7), Str("seven"))
	if v, _ := big.Get(Int(7)); Repr(v) != "'seven'" || big.Len() != 100 {
		t.Fatalf("indexed dict lost equality: len %d, [7]=%v", big.Len(), v)
	}
}

func TestEqual(t *testing.T) {
	if !Equal(Int(2), Float(2)) || Equal(Tuple{Int(1)}, List{Int(1)}) || Equal(Float(math.NaN()), Float(math.NaN())) {
		t.Fatal("numeric/sequence equality broken")
	}
	if !Equal(&Set{Items: []Value{Int(1), Int(2)}}, &FrozenSet{Items: []Value{Int(2), Int(1)}}) {
		t.Fatal("set must equal frozenset with the same elements")
	}
}
