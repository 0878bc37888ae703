package cli

import "testing"

func TestParseByteSize(t *testing.T) {
	for in, want := range map[string]uint64{
		"65536": 65536, "64KiB": 64 << 10, "256MiB": 256 << 20, "2GiB": 2 << 30, "1.5 MB": 1500000,
		"10kb": 10000, "1k": 1000, "3 ki": 3072, " 7 B ": 7, "1gb": 1e9, "0": 0, "0.5KiB": 512,
	} {
		if got, err := parseByteSize(in); err != nil || got != want {
			t.Errorf("parseByteSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "KiB", "12 parsecs", "1..5k", "-5", "1e3", "99999999999999999999999TiB"} {
		if got, err := parseByteSize(in); err == nil {
			t.Errorf("parseByteSize(%q) = %d, want an error", in, got)
		}
	}
}
