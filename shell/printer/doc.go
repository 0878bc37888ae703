// Package printer renders results and errors for pyrosh: a result in the
// pretty, repr or json format (-o/--output), a remote exception with the
// traceback Pyro4 sent, and a syntax error with a caret under its column.
//
// A Printer is a pure function of value, format, width and colour
// decision: it never asks the terminal or the environment (that is
// shell/iostreams' job). Colour comes from a palette of fatih/color
// colours each switched on or off from that one decision, ignoring
// fatih/color's own global NoColor.
//
// Formats:
//
//   - pretty lays values out like Python's
//     pprint.pformat(v, width=W, sort_dicts=False), byte for byte when
//     colour is off, and colours tokens by kind; widths are measured
//     without escape codes so colour never changes the layout. Sets are
//     sorted as pprint sorts them (see sortedSet for where that cannot be
//     reproduced exactly). A value kind defined outside pyro/py is written
//     as its repr, never split.
//   - repr is one line, exactly py.Repr, never coloured, so it can be
//     pasted back into Python.
//   - json is one compact JSON document per line (see AppendJSON): one
//     line per result streams well into jq and is unambiguous to split;
//     `jq .` pretty-prints it when wanted.
//
// Values nested deeper than 1000 levels (only possible with a value built
// with a cycle; decoders stop far earlier) print "..." there.
//
// Output is produced and written in pieces of about 32 KB, so printing a
// 10 MB result never holds a second copy of it.
package printer
