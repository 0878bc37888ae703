// Package pickle is Pyro4's pickle serializer (id 4) as a codec.Codec,
// built on a pickle VM that never executes anything.
//
// # Decoding
//
// Decode reads pickle protocols 0 to 5. GLOBAL and STACK_GLOBAL push the
// name of a class (module, name); nothing is imported. REDUCE, NEWOBJ,
// NEWOBJ_EX, OBJ and INST apply a fixed set of safe constructors and
// record anything else as a class dict, so "os.system" + REDUCE decodes
// to {'__class__': 'os.system', 'args': ('cmd',)} and runs nothing.
// Values decode as a Python pickle proxy gets them. The standard
// library's value types on a fixed allow-list become the py kinds that
// print, compare and convert to JSON as Python's do; nothing is imported
// or called to build them:
//
//	set, frozenset, list, tuple, dict     the py kinds
//	bytearray                             py.ByteArray
//	bytes at protocol < 3                 _codecs.encode(str, 'latin1') → Bytes
//	collections.OrderedDict, Counter,     *py.StdDict of that Kind (a defaultdict's
//	defaultdict                           factory kept as a *py.Class, never called)
//	collections.deque                     *py.Deque, maxlen included
//	decimal.Decimal, fractions.Fraction   py.Decimal, *py.Fraction
//	datetime, date, time, timedelta,      *py.DateTime, *py.Date, *py.Time,
//	timezone                              *py.TimeDelta, *py.TimeZone; a datetime
//	                                      with another tzinfo (zoneinfo, pytz)
//	                                      gives {'__class__': 'datetime.datetime',
//	                                      'value': naive iso, 'tzinfo': ...}
//	uuid.UUID                             py.UUID
//	array.array                           *py.Array (its reconstructor's bytes read
//	                                      for the typecode)
//	range, slice, complex                 *py.Range, *py.Slice, py.Complex
//	exceptions                            {'__class__': 'builtins.ValueError',
//	                                      '__exception__': True, 'args': (...),
//	                                      'attributes': {'_pyroTraceback': [...]}}
//	Pyro4.core.URI                        {'__class__': 'Pyro4.core.URI', 'state':
//	                                      (protocol, object, sockname, host, port)}
//	Pyro4.core.Proxy                      {'__class__': 'Pyro4.core.Proxy', 'state':
//	                                      (uriString, oneway, methods, attrs, timeout,
//	                                      'b64:key' or None, handshake, retries, serializer)}
//	any other instance                    {'__class__': 'module.Name', ...state dict}
//	                                      plus 'args'/'kwargs' of its constructor,
//	                                      'state' for a non-dict state, 'items' for
//	                                      list/dict subclass contents
//	a class itself                        {'__class__': 'builtins.type', 'name': 'mod.Name'}
//
// Exceptions, URIs and proxies take the class dict shapes serpent gives,
// so the pyro package maps them from every serializer alike. A class counts as an
// exception when it is one of builtins' exceptions, in Pyro4.errors, or
// named *Error, *Exception or *Warning.
//
// A value that holds itself (rec.append(rec), an object whose attribute
// points back at it) decodes with a *py.Recursive on the edge that closes
// the cycle, printing as Python's repr does: [1, 2, [...]], {...}.
// PERSID/BINPERSID, EXT1/2/4 and out-of-band buffers are errors.
//
// A first pass over the opcodes (scanPickle, no value built) finds the
// memo keys some GET fetches: Python's pickler memoizes every container
// and str but fetches only the shared ones, so the memo keeps only those,
// and a list nothing else reaches becomes its py.List as it goes into its
// container. The pass also bounds the result's nesting, so when nothing
// is shared and no class reference is left as a value, the final walk
// over the value (finalize: cycles, depth and size bounds, class dicts)
// is skipped, having nothing to do. The VM runs the opcodes most of a
// large pickle is made of (strs, ints, floats, empty containers, MARK,
// memo opcodes) in one loop (quick), the rest through step; a dict's
// items go in all at once when SETITEMS fills it empty, and a whole
// decode sizes the top-level list from the pass. DecodeItems (codec.Itemizer) hands out a top-level list's
// elements as each APPENDS batch completes, when the pass finds the list
// at the bottom of the stack to STOP and never fetched again; a batch
// whose containers a later GET can still reach waits for that GET. Bounds: MaxInput bytes of input, 4M stack and
// memo entries, memo keys at most 64K past the memo's end, 64 KiB per
// LONG, codec.MaxDepth nesting, and a decoded tree of at most
// 1M + 8 × input-size elements (memo sharing cannot blow up a printer).
// Lengths are checked against the remaining input before anything is
// allocated. Python 2 str (STRING, BINSTRING) decodes as latin-1 text.
//
// # Encoding
//
// Encode writes protocol 4 (bytes natively, STACK_GLOBAL, no FRAME, no
// memo), which every Python 3 Pyro4 reads. complex goes as
// builtins.complex(re, im), the standard library kinds above as their
// classes' __reduce__ gives them; *py.Exception and exception class dicts as
// class(*args) plus BUILD of the attributes (with _pyroTraceback), only
// for classes the rule above calls exceptions — a receiving Python calls
// the class. URI class dicts become real Pyro4.core.URI objects and Proxy
// class dicts real Proxy objects (URI(uriString), sets, key bytes). Any
// other dict, "__class__" key or not, goes out as a plain dict.
// EncodeCall pickles (objectId, method, vargs tuple, kwargs dict) as
// Pyro4's PickleSerializer.dumpsCall does.
//
// dill and cloudpickle are not supported: Unsupported returns their error.
package pickle
