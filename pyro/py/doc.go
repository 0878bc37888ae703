// Package py is the Python value model of pyrosh: Go types for every value
// that crosses the Pyro4 wire (None, bool, int of any size, float, complex,
// str, bytes, tuple, list, dict with any hashable keys in insertion order,
// set, frozenset, exceptions) and the standard library's value types
// pickle carries (Decimal, Fraction, the datetime types, UUID, bytearray,
// range, slice, array, deque, OrderedDict, Counter, defaultdict: stdlib.go),
// each printing exactly what Python's repr() prints.
//
// Codecs decode bytes into these values and encode them back; the pyro
// package maps class dicts (dicts with a "__class__" key) to exceptions,
// URIs and proxies. Other packages may add value kinds by implementing
// Value (pyro does for URIs and proxies).
package py
