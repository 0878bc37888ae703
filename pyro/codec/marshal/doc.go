// Package marshal is Pyro4's marshal serializer (id 3) as a codec.Codec:
// CPython's marshal format, version 4, as Python 3.11 writes it.
//
// The decoder reads every type code plain data can hold: None, True,
// False, int ('i', 'I'), long ('l', 15-bit digits), float ('g' binary, 'f'
// text), complex ('y', 'x'), str ('u', 't', 'a', 'A', 'z', 'Z'), bytes
// ('s'), tuple ('(', ')'), list, dict, set and frozenset, and CPython's
// back-references: a type byte with FLAG_REF (0x80) stores the object in
// the reference table, 'r' reuses one. Code objects, StopIteration,
// Ellipsis and anything else are refused with the code named. Nesting is
// bounded by codec.MaxDepth, announced lengths by the bytes left, and
// references by a budget on the values they expand to, so a few bytes of
// nested references cannot stand for billions of values.
//
// The encoder writes version 4 without references, which marshal.loads
// reads: the same type codes CPython picks ('z' for short ASCII str, ')'
// for small tuples, 'i' or 'l' by magnitude). An INVOKE payload is the
// tuple (objectId, method, vargs_list, kwargs_dict).
package marshal
