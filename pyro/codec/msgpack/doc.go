// Package msgpack is Pyro4's msgpack serializer (id 6) as a codec.Codec,
// mapping types as Pyro4's MsgpackSerializer does with msgpack-python
// (use_bin_type=True, raw=False).
//
// Decoding: nil, bool, ints (uint64 above int64 become *py.BigInt), float32
// and float64 as Float, str as Str, bin as Bytes, arrays as List, maps as
// *py.Dict with keys of any hashable kind (an array key becomes a tuple so
// it can be one), and Pyro4's ext types: 0x30 complex (two float64 little
// endian), 0x31 big int (ASCII decimal), 0x32 datetime (float64 POSIX
// timestamp) and 0x33 date (int64 proleptic ordinal). Python's client turns
// 0x32 and 0x33 into datetime.datetime (naive, local time) and
// datetime.date; py has no such kinds, so they decode to this package's
// Datetime and Date, which print exactly as Python's repr and encode back
// to the same ext. Any other ext code is refused, as Pyro4's ext_hook does.
//
// Encoding writes the bytes msgpack.packb would: the smallest int form
// (uint64 for *py.BigInt up to 2**64-1, ext 0x31 beyond), float64 always,
// tuples, sets and frozensets as arrays, exceptions as Pyro4's exception
// class dict. Maps keep whatever keys the dict has, as packb does, although
// Pyro4's Python side loads only str and bytes keys (strict_map_key).
// Pyro4's daemon loads call arguments without its ext_hook, so a complex or
// big-int argument reaches a Python method as a raw msgpack.ExtType.
//
// An INVOKE payload is the array [objectId, method, vargs, kwargs].
//
// The format is hand-written over byte slices rather than built on
// vmihailenco/msgpack's Encoder/Decoder: Pyro4 needs only the core format
// and four ext types, and working on the slice directly lets every length
// be checked against the bytes left before anything is allocated, with no
// io.Reader between the decoder and the data.
package msgpack
