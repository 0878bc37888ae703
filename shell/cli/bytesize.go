package cli

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// byteUnits are the units --max-message-size takes, case-insensitive and
// spelled as go-humanize's ParseBytes spells them: k, kb (1000) and ki,
// kib (1024), and so on up to terabytes.
var byteUnits = map[string]float64{
	"": 1, "b": 1,
	"k": 1e3, "kb": 1e3, "ki": 1 << 10, "kib": 1 << 10,
	"m": 1e6, "mb": 1e6, "mi": 1 << 20, "mib": 1 << 20,
	"g": 1e9, "gb": 1e9, "gi": 1 << 30, "gib": 1 << 30,
	"t": 1e12, "tb": 1e12, "ti": 1 << 40, "tib": 1 << 40,
}

// parseByteSize reads a size: a number of bytes ("65536") or a number
// with a unit ("64KiB", "1.5 MB"). It is ours rather than go-humanize's
// because that package's init compiles a regular expression on every
// start of pyrosh, the largest package initialisation in the binary
// (0.09 ms of a one-off call, GODEBUG=inittrace=1), for a flag rarely
// given (issue 14).
func parseByteSize(s string) (uint64, error) {
	s = strings.TrimSpace(s)
	end := 0
	for end < len(s) && (s[end] >= '0' && s[end] <= '9' || s[end] == '.') {
		end++
	}
	unit, ok := byteUnits[strings.ToLower(strings.TrimSpace(s[end:]))]
	if end == 0 || !ok {
		return 0, errors.New("not a size")
	}
	if unit == 1 {
		if n, err := strconv.ParseUint(s[:end], 10, 64); err == nil {
			return n, nil
		}
	}
	f, err := strconv.ParseFloat(s[:end], 64)
	if err != nil {
		return 0, err
	}
	if v := f * unit; v < math.MaxUint64 {
		return uint64(v), nil
	}
	return 0, errors.New("size too large")
}
