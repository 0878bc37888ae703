// Package codectest holds what the serializer packages' tests share: the
// golden Pyro4 captures and value vectors under pyro/testdata/vectors, a
// runner for round trips through /usr/bin/python3, the large benchmark
// payload, and the body of each codec's FuzzDecode.
//
// Only _test.go files import it. It parses the 24-byte Pyro4 header
// itself (PROTOCOL.md §1) rather than importing pyro/wire, so a codec's
// tests stand without the framing code.
package codectest
