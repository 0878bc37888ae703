package codec

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// TestDecimalFloat checks the fast path against strconv.ParseFloat on
// every split of random digit strings up to its 15-digit limit, and that
// it declines longer ones.
func TestDecimalFloat(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	cases := []string{"0", "1", "9", "123456789012345", "999999999999999", "000000000000001", "5", "25"}
	for range 20000 {
		n := 1 + r.IntN(15)
		var b strings.Builder
		for range n {
			b.WriteByte(byte('0' + r.IntN(10)))
		}
		cases = append(cases, b.String())
	}
	for _, digits := range cases {
		for cut := 1; cut <= len(digits); cut++ {
			in, frac := digits[:cut], digits[cut:]
			want, err := strconv.ParseFloat(in+"."+frac, 64)
			if err != nil {
				t.Fatal(err)
			}
			m, _ := strconv.ParseUint(digits, 10, 64)
			if got, ok := DecimalFloat(m, len(digits), len(frac)); !ok || got != want {
				t.Fatalf("DecimalFloat(%d, %d, %d): got %v, %v; want %v", m, len(digits), len(frac), got, ok, want)
			}
		}
	}
	if _, ok := DecimalFloat(1234567812345678, 16, 8); ok {
		t.Error("DecimalFloat took 16 digits")
	}
}
