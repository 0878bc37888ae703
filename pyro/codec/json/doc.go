// Package json is Pyro4's json serializer (id 2) as a codec.Codec.
//
// It writes what Pyro4's JsonSerializer writes with Python's json module
// (ensure_ascii=False, separators ", " and ": "): tuples, sets and
// frozensets become arrays, int/float/bool/None dict keys become strings as
// json.dumps makes them, nan and ±inf are NaN and ±Infinity, floats print as
// Python's repr and big ints exactly. bytes and complex cannot be carried
// and fail to encode, as in Pyro4. Exceptions encode as Pyro4's exception
// class dict.
//
// It reads what json.loads accepts: integers become Int or *BigInt, numbers
// with a fraction or exponent become Float, NaN and Infinity are accepted,
// duplicate keys keep the first position and the last value. Nesting is
// bounded by codec.MaxDepth and integers by Python's 4300-digit limit. One
// deliberate difference: a lone surrogate escape (\ud800) decodes to U+FFFD,
// since a py.Str holds UTF-8.
//
// An INVOKE payload is {"object": ..., "method": ..., "params": [...],
// "kwargs": {...}}.
package json
