// Package iostreams is the one place that touches the real standard
// streams: it knows whether each is a terminal, how wide the terminal is,
// and whether output should be coloured.
//
// It follows cli/cli's pkg/iostreams: System returns the process's streams,
// Test returns buffers whose terminal-ness and width tests set by hand. The
// colour decision is made once, by SetColorMode, from --color
// (auto|always|never), NO_COLOR and TERM, and read back with ColorEnabled;
// nothing else in pyrosh consults the environment for colour, and the
// global state of fatih/color is ignored.
package iostreams
