package cli

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// normalizeArgs lets flags be written anywhere after the command, as in gh
// or kubectl, while everything else is kept as an argument even when it
// looks like a flag to pflag. It walks args once, sorting each token into
// the command path, the flags (with their values) or the positional
// arguments, and returns them in the order cobra reads unambiguously:
//
//	COMMAND... FLAGS... -- ARGS...
//
// A token that is "-" followed by a digit or "." is a negative number
// (`call URI echo -1 -2.5`), not a flag; "--" ends the flags, everything
// after it is an argument. cobra's hidden completion commands get their
// words as they are: they complete what was typed.
//
// A flag that needs a value but ends the line is a usage error.
func normalizeArgs(root *cobra.Command, args []string) ([]string, error) {
	if len(args) > 0 && strings.HasPrefix(args[0], "__complete") {
		return args, nil
	}
	cur := root
	var path, flags, pos []string
	for i := 0; i < len(args); i++ {
		s := args[i]
		switch {
		case s == "--":
			pos = append(pos, args[i+1:]...)
			i = len(args)
		case isFlagToken(s):
			flags = append(flags, s)
			if takesValue(cur, s) {
				if i+1 == len(args) {
					return nil, usageErrorf("flag needs an argument: %s (see %s --help)", s, cur.CommandPath())
				}
				i++
				flags = append(flags, args[i])
			}
		case len(pos) == 0 && subcommand(cur, s) != nil:
			cur = subcommand(cur, s)
			path = append(path, s)
		default:
			pos = append(pos, s)
		}
	}
	out := make([]string, 0, len(args)+1)
	out = append(out, path...)
	out = append(out, flags...)
	if len(pos) > 0 {
		out = append(out, "--")
		out = append(out, pos...)
	}
	return out, nil
}

// isFlagToken tells flags from arguments: "-x", "--x", but not "-", "-1",
// "-.5".
func isFlagToken(s string) bool {
	if len(s) < 2 || s[0] != '-' {
		return false
	}
	c := s[1]
	return !(c >= '0' && c <= '9' || c == '.')
}

// subcommand returns cur's subcommand named (or aliased) s, or nil.
func subcommand(cur *cobra.Command, s string) *cobra.Command {
	for _, c := range cur.Commands() {
		if c.Name() == s || c.HasAlias(s) {
			return c
		}
	}
	return nil
}

// takesValue reports whether the flag token s, known to cmd, takes the next
// token as its value: not a boolean, not written as --name=value or -xVALUE.
func takesValue(cmd *cobra.Command, s string) bool {
	var f *pflag.Flag
	if strings.HasPrefix(s, "--") {
		name, _, inline := strings.Cut(s[2:], "=")
		if inline {
			return false
		}
		f = lookupFlag(cmd, func(fs *pflag.FlagSet) *pflag.Flag { return fs.Lookup(name) })
	} else {
		if len(s) != 2 {
			return false // -n10, or a group of booleans
		}
		f = lookupFlag(cmd, func(fs *pflag.FlagSet) *pflag.Flag { return fs.ShorthandLookup(s[1:]) })
	}
	return f != nil && f.NoOptDefVal == ""
}

// lookupFlag finds a flag among cmd's own and inherited flags.
func lookupFlag(cmd *cobra.Command, find func(*pflag.FlagSet) *pflag.Flag) *pflag.Flag {
	for c := cmd; c != nil; c = c.Parent() {
		for _, fs := range []*pflag.FlagSet{c.LocalNonPersistentFlags(), c.PersistentFlags()} {
			if f := find(fs); f != nil && (c == cmd || fs == c.PersistentFlags()) {
				return f
			}
		}
	}
	return nil
}
