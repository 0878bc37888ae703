package cli

import (
	"strings"

	"github.com/spf13/cobra"
)

// positionalFlags says, per command, how many positional arguments come
// before the free-form rest: `call URI METHOD ARG...` takes flags only
// before METHOD, so `pyrosh call URI echo -1` passes -1 as an argument.
// bench does the same for METHOD ARG..., but its expression form
// (`bench URI 'echo(1)' -n 100`) keeps flags after the expression.
var positionalFlags = map[string]int{"call": 2, "bench": 2}

// guardArguments inserts "--" after the fixed positional arguments of
// call and bench, so cobra treats everything after METHOD as arguments.
func guardArguments(root *cobra.Command, args []string) []string {
	cmd, _, err := root.Find(args)
	if err != nil || cmd == root {
		return args
	}
	n, ok := positionalFlags[cmd.Name()]
	if !ok {
		return args
	}
	// Walk args from the subcommand name on, counting positionals and
	// skipping flags with their values.
	idx := -1
	for i, s := range args {
		if s == cmd.Name() {
			idx = i
			break
		}
	}
	if idx < 0 {
		return args
	}
	flags := cmd.Flags()
	seen := 0
	for i := idx + 1; i < len(args); i++ {
		s := args[i]
		switch {
		case s == "--":
			return args
		case strings.HasPrefix(s, "--") && len(s) > 2:
			name, _, hasValue := strings.Cut(s[2:], "=")
			if f := flags.Lookup(name); f != nil && f.NoOptDefVal == "" && !hasValue {
				i++
			}
		case strings.HasPrefix(s, "-") && len(s) > 1:
			short := s[1:2]
			if f := flags.ShorthandLookup(short); f != nil && f.NoOptDefVal == "" && len(s) == 2 {
				i++
			}
		default:
			seen++
			if seen == n && cmd.Name() == "bench" && strings.Contains(s, "(") {
				// bench URI 'echo(1)' -n 100: the expression form takes
				// its flags after EXPR, as PRODUCT.md shows.
				return args
			}
			if seen == n {
				out := append([]string{}, args[:i+1]...)
				out = append(out, "--")
				return append(out, args[i+1:]...)
			}
		}
	}
	return args
}
