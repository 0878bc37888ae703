package codec

// float64pow10 holds the powers of ten a float64 represents exactly.
var float64pow10 = [...]float64{
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
}

// DecimalFloat returns the float a decimal number without exponent
// stands for, from the digits a decoder gathered as it scanned them: m
// is the digits read as one int (the fraction's too, the point left
// out), nDigits how many there were and nFrac how many followed the
// point. With at most 15 digits m is below 2^53 and 10^nFrac a float64
// holds exactly, so one IEEE division rounds correctly and the result is
// strconv.ParseFloat's (Clinger's fast path); json and serpent take it
// for the short floats most results hold, sparing strconv's general
// reader. ok is false past 15 digits, where strconv.ParseFloat must parse
// (and m may have overflowed).
func DecimalFloat(m uint64, nDigits, nFrac int) (f float64, ok bool) {
	if nDigits > 15 {
		return 0, false
	}
	return float64(m) / float64pow10[nFrac], true
}
