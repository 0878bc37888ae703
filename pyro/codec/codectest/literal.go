package codectest

import (
	"encoding/hex"
	"math/big"
	"strings"

	"github.com/pyrosh/pyrosh/pyro/py"
)

// Unhex decodes hex written in a test table, spaces allowed between
// bytes ("6c feffffff 0100"). It panics on bad hex: the tables are
// literals, so that is a typo in the test.
func Unhex(s string) []byte {
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		panic(err)
	}
	return b
}

// BigInt returns the Python int written in decimal in s. It panics on a
// malformed literal, a typo in the test.
func BigInt(s string) py.Value {
	b, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic("codectest: bad integer literal " + s)
	}
	return py.NewBigInt(b)
}

// SameRepr compares our repr (got) with Python's (want), tolerating one
// known difference: py.Complex prints a negative zero imaginary part as
// (1+-0j) where Python prints (1-0j), a py bug reported to its owner.
func SameRepr(got, want string) bool {
	return strings.ReplaceAll(got, "+-0j", "-0j") == strings.ReplaceAll(want, "+-0j", "-0j")
}
