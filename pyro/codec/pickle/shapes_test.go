package pickle

import (
	"math"
	"strings"
	"testing"

	"github.com/pyrosh/pyrosh/pyro/codec"
	"github.com/pyrosh/pyrosh/pyro/codec/codectest"
	"github.com/pyrosh/pyrosh/pyro/py"
)

// firstResult decodes the first RESULT payload of a capture.
func firstResult(t *testing.T, name string) py.Value {
	t.Helper()
	for _, m := range codectest.CapturesIn(t, codec.IDPickle, name+".json") {
		if m.Dir != "server->client" || m.Type != 5 {
			continue
		}
		v, err := New().Decode(m.Payload)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return v
	}
	t.Fatalf("%s: no RESULT", name)
	return nil
}

func TestGoldenShapes(t *testing.T) {
	tb := "['Traceback (most recent call last):\\n', "
	cases := []struct{ file, want string }{
		{"pickle/result_datetime", "'2024-01-02T03:04:05.678900'"},
		{"pickle/result_datetime_tz", "'2024-01-02T03:04:05+00:00'"},
		{"pickle/result_date", "'2024-01-02'"},
		{"pickle/result_time", "'03:04:05.000006'"},
		{"pickle/result_timedelta", "86403.000005"},
		{"pickle/result_decimal", "'3.14159265358979323846'"},
		{"pickle/result_uuid", "'12345678-1234-5678-1234-567812345678'"},
		{"pickle/result_array_int", "[1, 2, 3]"},
		{"pickle/result_array_unicode", "'hi'"},
		{"pickle/result_ordered_dict", "{'z': 1, 'a': 2}"},
		{"pickle/result_bytearray", "b'\\x00ba'"},
		{"pickle/result_uri", "{'__class__': 'Pyro4.core.URI', 'state': ('PYRO', 'child.a', None, '127.0.0.1', 45151)}"},
		{"nameserver/pickle/lookup", "{'__class__': 'Pyro4.core.URI', 'state': ('PYRO', 'Example', None, '127.0.0.1', 45151)}"},
		{"pickle/result_proxy", "{'__class__': '__main__.Child', '_name': 'a', '_pyroId': 'child.a', '_pyroDaemon': None}"},
		{"pickle/result_exception_object", "{'__class__': 'builtins.ValueError', '__exception__': True, 'args': ('as a value', 1), 'attributes': {}}"},
		{"pickle/stream_iterator", "{'__class__': 'Pyro4.errors.ProtocolError', '__exception__': True, 'args': ('result of call is an iterator',), 'attributes': {'_pyroTraceback': None}}"},
		{"pickle/exception_zerodivision", "{'__class__': 'builtins.ZeroDivisionError', '__exception__': True, 'args': ('division by zero',), 'attributes': {'_pyroTraceback': " + tb},
		{"pickle/batch_exception", "['hello', {'__class__': 'Pyro4.futures._ExceptionWrapper', 'exception': {'__class__': 'builtins.ZeroDivisionError', '__exception__': True, 'args': ('division by zero',), 'attributes': {'_pyroTraceback': " + tb},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			got := py.Repr(firstResult(t, c.file))
			if strings.HasSuffix(c.want, tb) {
				if !strings.HasPrefix(got, c.want) {
					t.Errorf("got  %s\nwant %s...", got, c.want)
				}
				return
			}
			if got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

func TestGoldenComplexNegativeZero(t *testing.T) {
	v := firstResult(t, "pickle/result_complex_neg_zero_imag")
	c, ok := v.(py.Complex)
	if !ok || real(c) != 1 || imag(c) != 0 || !math.Signbit(imag(c)) {
		t.Errorf("got %#v, want complex(1, -0.0)", v)
	}
}
