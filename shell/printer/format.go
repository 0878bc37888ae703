package printer

import "fmt"

// Format is how a result is printed.
type Format int

// The output formats of -o/--output.
const (
	// Pretty is Python repr syntax coloured by type and wrapped like
	// pprint.pformat(v, width=W, sort_dicts=False).
	Pretty Format = iota
	// Repr is one line, exactly Python's repr().
	Repr
	// JSON is one compact JSON document per result.
	JSON
)

var formatNames = [...]string{Pretty: "pretty", Repr: "repr", JSON: "json"}

// ParseFormat returns the Format named s: pretty, repr or json.
func ParseFormat(s string) (Format, error) {
	for f, name := range formatNames {
		if s == name {
			return Format(f), nil
		}
	}
	return 0, fmt.Errorf("invalid output format %q: want pretty, repr or json", s)
}

// String returns the format's name as ParseFormat accepts it.
func (f Format) String() string {
	if f >= 0 && int(f) < len(formatNames) {
		return formatNames[f]
	}
	return fmt.Sprintf("Format(%d)", int(f))
}
