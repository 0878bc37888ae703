// Package serpent is the serpent serializer (Pyro4's default, id 1),
// byte-compatible with serpent 1.41 as Pyro4 4.82 uses it.
//
// Serpent output is a UTF-8 Python literal after the header line
// "# serpent utf-8 python3.2\n", read by Python with ast.literal_eval.
// Decoding parses it with pylit, the same literal parser the shell uses,
// so values and error positions agree with the prompt. Serpent's
// workarounds decode to what they stand for: the dict
// {'data': '<base64>', 'encoding': 'base64'} becomes bytes,
// {'__class__': 'float', 'value': 'nan'} becomes nan, and 1e30000 is inf.
// Every other dict, class dicts of exceptions, URIs and proxies included,
// stays a *py.Dict for the pyro package to map.
//
// Encoding writes exactly what Python's serpent.dumps writes (compact
// separators, insertion order, repr() of str and float, empty sets as (),
// bytes as the base64 dict) so the captured Pyro4 traffic is reproduced
// byte for byte.
package serpent
