package codec

// float64pow10 holds the powers of ten a float64 represents exactly.
var float64pow10 = [...]float64{
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
}

// ParseSimpleFloat parses intDigits "." fracDigits (both ASCII digits,
// no sign, no exponent, the fraction possibly empty) when the digits
// number 15 at most: the value is then an int below 2^53 divided by a
// power of ten a float64 holds exactly, which one IEEE division rounds
// correctly, so the result is strconv.ParseFloat's (Clinger's fast
// path). ok is false for longer numbers, which strconv.ParseFloat must
// parse; decoders of json and serpent take this path for the short
// floats most results hold, sparing strconv's general reader.
func ParseSimpleFloat[T string | []byte](intDigits, fracDigits T) (f float64, ok bool) {
	if len(intDigits)+len(fracDigits) > 15 {
		return 0, false
	}
	var m uint64
	for i := 0; i < len(intDigits); i++ {
		m = m*10 + uint64(intDigits[i]-'0')
	}
	for i := 0; i < len(fracDigits); i++ {
		m = m*10 + uint64(fracDigits[i]-'0')
	}
	return float64(m) / float64pow10[len(fracDigits)], true
}
